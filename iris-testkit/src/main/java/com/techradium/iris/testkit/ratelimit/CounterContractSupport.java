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

  /** A rule named {@code r<n>} of the given algorithm, limit, window and burst. */
  protected static RateLimitRule rule(
      RateLimitAlgorithm algorithm, long limit, Duration window, long burst) {
    return RateLimitRule.of(
            "r" + KEYS.incrementAndGet(), null, limit, window, RateLimitScope.TENANT)
        .withAlgorithm(algorithm)
        .withBurst(burst);
  }

  /** A check of {@code rule} on a key unique to this run. */
  protected static CounterCheck check(RateLimitRule rule) {
    return new CounterCheck(rule.name() + ":tenant", rule, 1);
  }

  /** Takes one permit of {@code check} for {@code tenant} now. */
  protected CounterResult take(TenantId tenant, CounterCheck check) {
    return store().acquire(tenant, List.of(check), clock.instant(), true).get(0);
  }

  /** Asks about {@code check} now without taking. */
  protected CounterResult peek(TenantId tenant, CounterCheck check) {
    return store().acquire(tenant, List.of(check), clock.instant(), false).get(0);
  }

  /** How many of {@code attempts} single permits are taken now. */
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
