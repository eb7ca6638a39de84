package com.techradium.iris.testkit.webhook;

import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link WebhookStore} must show, in one class an adapter extends. An adapter's
 * test implements {@link #newStore(Clock)}; the groups below run against its store as JUnit
 * {@code @Nested} classes:
 *
 * <ul>
 *   <li>{@link WebhookEndpointContract}
 *   <li>{@link WebhookDeliveryContract}
 *   <li>{@link WebhookTenancyContract}
 * </ul>
 *
 * <p>Tests use fresh tenants, so {@code newStore} may return one shared store over one database.
 *
 * <pre>{@code
 * class JdbcWebhookStoreTest extends WebhookStoreContract {
 *   @Override
 *   protected WebhookStore newStore(Clock clock) {
 *     return JdbcWebhookStore.of(dataSource);
 *   }
 * }
 * }</pre>
 */
public abstract class WebhookStoreContract extends WebhookContractSupport {
  /** Constructor for an adapter's test, which extends this suite. */
  public WebhookStoreContract() {}

  /** {@link WebhookEndpointContract} against the adapter's store. */
  @Nested
  class Endpoints extends WebhookEndpointContract {
    @Override
    protected WebhookStore newStore(Clock clock) {
      return WebhookStoreContract.this.newStore(clock);
    }
  }

  /** {@link WebhookDeliveryContract} against the adapter's store. */
  @Nested
  class Deliveries extends WebhookDeliveryContract {
    @Override
    protected WebhookStore newStore(Clock clock) {
      return WebhookStoreContract.this.newStore(clock);
    }
  }

  /** {@link WebhookTenancyContract} against the adapter's store. */
  @Nested
  class TenantIsolation extends WebhookTenancyContract {
    @Override
    protected WebhookStore newStore(Clock clock) {
      return WebhookStoreContract.this.newStore(clock);
    }
  }
}
