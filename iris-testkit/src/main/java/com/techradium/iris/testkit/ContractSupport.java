package com.techradium.iris.testkit;

import com.techradium.iris.core.TenantId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every store contract suite. Gives each test a fresh {@link MutableClock} and tenant ids
 * no other test uses, so suites can share one database or Redis across tests and run in any order.
 *
 * <p>An adapter's test extends the port's contract (for example {@code AuditStoreContract}) and
 * implements its factory method; every test of the contract then runs against that adapter.
 */
public abstract class ContractSupport {
  private static final AtomicLong TENANTS = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime() & 0xFFFFFF, 36);

  /** The clock the store under test should read. Reset before each test. */
  protected MutableClock clock = MutableClock.startingAtEpochOf2026();

  @BeforeEach
  void resetClock() {
    clock = MutableClock.startingAtEpochOf2026();
  }

  /** A tenant id unique to this JVM run, so tests never see each other's rows. */
  protected static TenantId newTenant() {
    return TenantId.of("t-" + RUN + "-" + TENANTS.incrementAndGet());
  }
}
