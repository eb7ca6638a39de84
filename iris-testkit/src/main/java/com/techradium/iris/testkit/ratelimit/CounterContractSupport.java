package com.techradium.iris.testkit.ratelimit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Fixtures shared by the groups of {@link RateLimitCountersContract}. */
public abstract class CounterContractSupport extends ContractSupport<RateLimitCounters> {
  private static final AtomicLong KEYS = new AtomicLong();

  /** Constructor for the contract groups, which extend this class. */
  public CounterContractSupport() {}

  /**
   * A tenant-scoped rule named {@code r<n>} (unique in this JVM) of the given algorithm, limit,
   * window and burst.
   *
   * @param algorithm how the rule counts
   * @param limit permits per window
   * @param window the window the limit applies to
   * @param burst extra permits the bucket algorithms allow at once
   * @return the rule
   */
  protected static RateLimitRule rule(
      RateLimitAlgorithm algorithm, long limit, Duration window, long burst) {
    return RateLimitRule.of(
            "r" + KEYS.incrementAndGet(), null, limit, window, RateLimitScope.TENANT)
        .withAlgorithm(algorithm)
        .withBurst(burst);
  }

  /**
   * A check of {@code rule} on a key unique to this run, costing one permit.
   *
   * @param rule a rule from {@link #rule}
   * @return the check, keyed {@code <rule name>:tenant}
   */
  protected static CounterCheck check(RateLimitRule rule) {
    return new CounterCheck(rule.name() + ":tenant", rule, 1);
  }

  /**
   * Takes one permit of {@code check} for {@code tenant} at the test clock's now.
   *
   * @param tenant the counting tenant
   * @param check the check to consume
   * @return the counters' answer, allowed or not
   */
  protected CounterResult take(TenantId tenant, CounterCheck check) {
    return store().acquire(tenant, List.of(check), clock.instant(), true).get(0);
  }

  /**
   * Asks about {@code check} at the test clock's now without taking.
   *
   * @param tenant the counting tenant
   * @param check the check to ask about
   * @return the counters' answer; nothing is consumed
   */
  protected CounterResult peek(TenantId tenant, CounterCheck check) {
    return store().acquire(tenant, List.of(check), clock.instant(), false).get(0);
  }

  /**
   * How many of {@code attempts} single permits are taken now, one {@link #take} after another.
   *
   * @param tenant the counting tenant
   * @param check the check to consume
   * @param attempts how many takes to try
   * @return how many were allowed
   */
  protected int admitted(TenantId tenant, CounterCheck check, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      if (take(tenant, check).allowed()) {
        admitted++;
      }
    }
    return admitted;
  }
}
