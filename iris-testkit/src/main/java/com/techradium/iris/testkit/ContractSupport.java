package com.techradium.iris.testkit;

import com.techradium.iris.core.TenantId;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every store contract suite. Gives each test a fresh {@link MutableClock}, a store made
 * for that test and tenant ids no other test uses, so suites can share one database or Redis across
 * tests and run in any order.
 *
 * <h2>The convention every suite follows</h2>
 *
 * <ul>
 *   <li>An adapter's test extends the port's contract ({@code TenantDirectoryContract}, {@code
 *       AuditStoreContract}, {@code JobStoreContract}) and implements one factory method, {@link
 *       #newStore(Clock) protected abstract Port newStore(Clock clock)}. Nothing else is required.
 *   <li>The suite calls {@code newStore} once before every test, after resetting {@link #clock},
 *       and hands that clock in. A store that reads time must read this clock, so tests can move
 *       time; a store that reads no clock (every IRIS port takes {@code now} as an argument) may
 *       ignore it and may return one shared instance, since tests use fresh tenants.
 *   <li>Tests reach the store through {@link #store()}, the clock through {@link #clock}.
 *   <li>A suite too large for one class is split into focused groups, each an abstract class of its
 *       own following this same convention; the port's contract composes them as JUnit
 *       {@code @Nested} classes that delegate {@code newStore} to it, so an adapter still writes
 *       one subclass.
 * </ul>
 *
 * <pre>{@code
 * class JdbcAuditStoreTest extends AuditStoreContract {
 *   @Override
 *   protected AuditStore newStore(Clock clock) {
 *     return JdbcAuditStore.of(dataSource);
 *   }
 * }
 * }</pre>
 *
 * @param <S> the port under test
 */
public abstract class ContractSupport<S> {
  private static final AtomicLong TENANTS = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime() & 0xFFFFFF, 36);

  /** The clock the store under test should read. Reset before each test. */
  protected MutableClock clock = MutableClock.startingAtEpochOf2026();

  private @Nullable S store;

  /**
   * Makes the store under test. Called before every test with that test's fresh {@code clock}.
   *
   * @param clock the clock the store must read if it reads time at all
   * @return the store under test: a new one, or a shared one if it keeps no state across tenants
   */
  protected abstract S newStore(Clock clock);

  /** Constructor for the contract suites, which extend this class. */
  public ContractSupport() {}

  /**
   * The store {@link #newStore(Clock)} made for the current test.
   *
   * @return the store under test
   * @throws IllegalStateException if called before the suite made the store, e.g. from a
   *     constructor or a static initializer
   */
  protected final S store() {
    S current = store;
    if (current == null) {
      throw new IllegalStateException("no store yet: the store is made before each test");
    }
    return current;
  }

  @BeforeEach
  void resetClockAndStore() {
    clock = MutableClock.startingAtEpochOf2026();
    store = newStore(clock);
  }

  /**
   * A tenant id unique to this JVM run, so tests never see each other's rows.
   *
   * @return a tenant id never returned before in this JVM, and unlikely to be in an earlier run's
   *     rows
   */
  protected static TenantId newTenant() {
    return TenantId.of("t-" + RUN + "-" + TENANTS.incrementAndGet());
  }
}
