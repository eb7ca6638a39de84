package com.techradium.iris.testkit.monitor;

import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every set of monitor stores must show, in one class an adapter extends: implement
 * {@link #newStore(Clock)} to return the adapter's four stores, and these groups run against them
 * as JUnit {@code @Nested} classes:
 *
 * <ul>
 *   <li>{@link CheckResultStoreContract}
 *   <li>{@link StatusTimesContract} (the check result store's aggregate)
 *   <li>{@link MetricStoreContract}
 *   <li>{@link AlertRuleStoreContract}
 *   <li>{@link IncidentStoreContract}
 * </ul>
 *
 * <pre>{@code
 * class JdbcMonitorStoresTest extends MonitorStoreContract {
 *   @Override
 *   protected MonitorStores newStore(Clock clock) {
 *     return new MonitorStores(JdbcCheckResultStore.of(ds), JdbcMetricStore.of(ds),
 *         JdbcAlertRuleStore.of(ds), JdbcIncidentStore.of(ds));
 *   }
 * }
 * }</pre>
 */
public abstract class MonitorStoreContract extends MonitorContractSupport {
  /** Constructor for an adapter's test, which extends this suite. */
  public MonitorStoreContract() {}

  /** {@link CheckResultStoreContract} against the adapter's stores. */
  @Nested
  class CheckResults extends CheckResultStoreContract {
    @Override
    protected MonitorStores newStore(Clock clock) {
      return MonitorStoreContract.this.newStore(clock);
    }
  }

  /** {@link StatusTimesContract} against the adapter's stores. */
  @Nested
  class StatusTimes extends StatusTimesContract {
    @Override
    protected MonitorStores newStore(Clock clock) {
      return MonitorStoreContract.this.newStore(clock);
    }
  }

  /** {@link MetricStoreContract} against the adapter's stores. */
  @Nested
  class Metrics extends MetricStoreContract {
    @Override
    protected MonitorStores newStore(Clock clock) {
      return MonitorStoreContract.this.newStore(clock);
    }
  }

  /** {@link AlertRuleStoreContract} against the adapter's stores. */
  @Nested
  class AlertRules extends AlertRuleStoreContract {
    @Override
    protected MonitorStores newStore(Clock clock) {
      return MonitorStoreContract.this.newStore(clock);
    }
  }

  /** {@link IncidentStoreContract} against the adapter's stores. */
  @Nested
  class Incidents extends IncidentStoreContract {
    @Override
    protected MonitorStores newStore(Clock clock) {
      return MonitorStoreContract.this.newStore(clock);
    }
  }
}
