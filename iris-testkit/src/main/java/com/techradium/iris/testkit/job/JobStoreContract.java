package com.techradium.iris.testkit.job;

import com.techradium.iris.job.spi.JobStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link JobStore} must show, in one class an adapter extends.
 *
 * <p>An adapter's test extends this class and implements {@link #newStore(Clock)}, following the
 * convention of {@link com.techradium.iris.testkit.ContractSupport}; it may override {@link
 * #stressJobCount()} and {@link #supportsTenantScheduling()}. Every group below then runs against
 * that adapter as a JUnit {@code @Nested} class whose store comes from this class's {@code
 * newStore}:
 *
 * <ul>
 *   <li>{@link JobEnqueueContract}
 *   <li>{@link JobInputContract}
 *   <li>{@link JobTenancyContract}
 *   <li>{@link JobClaimContract}
 *   <li>{@link JobLeaseContract}
 *   <li>{@link JobOutcomeContract}
 *   <li>{@link JobDependencyContract}
 *   <li>{@link JobControlContract}
 *   <li>{@link JobQueryContract}
 *   <li>{@link JobScheduleContract}
 *   <li>{@link JobProgressContract}
 *   <li>{@link JobLoadContract}
 *   <li>{@link JobTenantSchedulingContract}
 * </ul>
 *
 * <p>Tests use fresh tenants and fresh queue names, so one database or Redis can serve the whole
 * suite and {@code newStore} may return one shared store. Cross-tenant operations (claim, lease
 * expiry, cleanup) are therefore checked on the test's own queues and jobs only. The adapter's own
 * tests, beside the contract's, can use the fixtures of {@link JobContractSupport}.
 *
 * <pre>{@code
 * class JdbcJobStoreTest extends JobStoreContract {
 *   @Override
 *   protected JobStore newStore(Clock clock) {
 *     return JdbcJobStore.of(dataSource);
 *   }
 * }
 * }</pre>
 */
public abstract class JobStoreContract extends JobContractSupport {
  /** Constructor for an adapter's test, which extends this suite. */
  public JobStoreContract() {}

  /** {@link JobEnqueueContract} against the adapter's store. */
  @Nested
  class Enqueue extends JobEnqueueContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobInputContract} against the adapter's store. */
  @Nested
  class HostileInput extends JobInputContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobTenancyContract} against the adapter's store. */
  @Nested
  class TenantIsolation extends JobTenancyContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobClaimContract} against the adapter's store. */
  @Nested
  class Claiming extends JobClaimContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }

    @Override
    protected int stressJobCount() {
      return JobStoreContract.this.stressJobCount();
    }
  }

  /** {@link JobLeaseContract} against the adapter's store. */
  @Nested
  class Leases extends JobLeaseContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobOutcomeContract} against the adapter's store. */
  @Nested
  class Outcomes extends JobOutcomeContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobDependencyContract} against the adapter's store. */
  @Nested
  class Dependencies extends JobDependencyContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobControlContract} against the adapter's store. */
  @Nested
  class OperatorActions extends JobControlContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobQueryContract} against the adapter's store. */
  @Nested
  class ListingStatsAndCleanup extends JobQueryContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobScheduleContract} against the adapter's store. */
  @Nested
  class QueuesAndSchedules extends JobScheduleContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobProgressContract} against the adapter's store. */
  @Nested
  class Progress extends JobProgressContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /** {@link JobLoadContract} against the adapter's store. */
  @Nested
  class OperatorView extends JobLoadContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }
  }

  /**
   * Whether the store under test schedules claims by tenant (fair share, caps, rates); a store that
   * refuses such queues returns false, and {@link JobTenantSchedulingContract} then checks the
   * refusal and skips the rest.
   *
   * @return true by default
   */
  protected boolean supportsTenantScheduling() {
    return true;
  }

  /** {@link JobTenantSchedulingContract} against the adapter's store. */
  @Nested
  class TenantScheduling extends JobTenantSchedulingContract {
    @Override
    protected JobStore newStore(Clock clock) {
      return JobStoreContract.this.newStore(clock);
    }

    @Override
    protected boolean supportsTenantScheduling() {
      return JobStoreContract.this.supportsTenantScheduling();
    }
  }
}
