package com.techradium.iris.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One group of {@link RateLimitCountersContract}: each algorithm decides exactly as its pure
 * functions define, driven by the test clock; all or none; reset; tenants apart.
 */
public abstract class CounterAlgorithmContract extends CounterContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public CounterAlgorithmContract() {}

  @Test
  void gcraAdmitsTheBurstThenOnePerInterval() {
    TenantId tenant = newTenant();
    CounterCheck check = check(rule(RateLimitAlgorithm.GCRA, 10, Duration.ofSeconds(1), 10));

    assertThat(admitted(tenant, check, 15)).isEqualTo(10);
    CounterResult denied = take(tenant, check);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.retryAfterMicros()).isEqualTo(100_000);
    clock.advance(Duration.ofMillis(100));
    assertThat(admitted(tenant, check, 3)).isEqualTo(1);
  }

  @Test
  void tokenBucketHoldsTheBurstAndRefillsAtTheRate() {
    TenantId tenant = newTenant();
    CounterCheck check = check(rule(RateLimitAlgorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 5));

    assertThat(admitted(tenant, check, 8)).isEqualTo(5);
    clock.advance(Duration.ofMillis(100));
    assertThat(admitted(tenant, check, 3)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(admitted(tenant, check, 8)).isEqualTo(5);
  }

  @Test
  void slidingLogNeverAdmitsMoreThanTheLimitInAnyWindow() {
    TenantId tenant = newTenant();
    CounterCheck check =
        check(rule(RateLimitAlgorithm.SLIDING_WINDOW_LOG, 3, Duration.ofSeconds(10), 3));

    assertThat(admitted(tenant, check, 5)).isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    CounterResult denied = take(tenant, check);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.retryAfterMicros()).isEqualTo(9_000_000);
    clock.advance(Duration.ofMillis(8_999));
    assertThat(take(tenant, check).allowed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(admitted(tenant, check, 5)).isEqualTo(3);
  }

  @Test
  void slidingCounterWeighsThePreviousWindow() {
    TenantId tenant = newTenant();
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    CounterCheck check =
        check(rule(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, 10, Duration.ofSeconds(10), 10));

    assertThat(admitted(tenant, check, 12)).isEqualTo(10);
    clock.advance(Duration.ofSeconds(10));
    assertThat(take(tenant, check).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(admitted(tenant, check, 12)).isEqualTo(5);
    clock.advance(Duration.ofSeconds(20));
    assertThat(admitted(tenant, check, 12)).isEqualTo(10);
  }

  @Test
  void aPeekTakesNothing() {
    TenantId tenant = newTenant();
    CounterCheck check = check(rule(RateLimitAlgorithm.GCRA, 2, Duration.ofSeconds(1), 2));

    for (int i = 0; i < 5; i++) {
      assertThat(peek(tenant, check).allowed()).isTrue();
    }
    assertThat(peek(tenant, check).remaining()).isEqualTo(1);
    assertThat(admitted(tenant, check, 5)).isEqualTo(2);
    assertThat(peek(tenant, check).allowed()).isFalse();
  }

  @Test
  void remainingCountsDownToZero() {
    TenantId tenant = newTenant();
    for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
      CounterCheck check = check(rule(algorithm, 3, Duration.ofMinutes(1), 3));
      assertThat(take(tenant, check).remaining()).as(algorithm.name()).isEqualTo(2);
      assertThat(take(tenant, check).remaining()).as(algorithm.name()).isEqualTo(1);
      assertThat(take(tenant, check).remaining()).as(algorithm.name()).isZero();
      CounterResult denied = take(tenant, check);
      assertThat(denied.allowed()).as(algorithm.name()).isFalse();
      assertThat(denied.retryAfterMicros()).as(algorithm.name()).isPositive();
      assertThat(denied.resetAtMicros())
          .as(algorithm.name())
          .isGreaterThan(RateLimitCounters.micros(clock.instant()));
    }
  }

  @Test
  void aCostTakesThatManyPermits() {
    TenantId tenant = newTenant();
    for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
      RateLimitRule rule = rule(algorithm, 10, Duration.ofMinutes(1), 10);
      CounterCheck heavy = new CounterCheck(rule.name() + ":tenant", rule, 4);
      List<CounterResult> first = store().acquire(tenant, List.of(heavy), clock.instant(), true);
      List<CounterResult> second = store().acquire(tenant, List.of(heavy), clock.instant(), true);
      List<CounterResult> third = store().acquire(tenant, List.of(heavy), clock.instant(), true);
      assertThat(first.get(0).allowed()).as(algorithm.name()).isTrue();
      assertThat(second.get(0).remaining()).as(algorithm.name()).isEqualTo(2);
      assertThat(third.get(0).allowed()).as(algorithm.name()).isFalse();
      assertThat(take(tenant, check(rule)).allowed()).as(algorithm.name()).isTrue();
    }
  }

  @Test
  void severalChecksAreTakenAllOrNone() {
    TenantId tenant = newTenant();
    CounterCheck roomy =
        check(rule(RateLimitAlgorithm.TOKEN_BUCKET, 100, Duration.ofMinutes(1), 100));
    CounterCheck tight =
        check(rule(RateLimitAlgorithm.SLIDING_WINDOW_LOG, 2, Duration.ofMinutes(1), 2));
    for (int i = 0; i < 5; i++) {
      store().acquire(tenant, List.of(roomy, tight), clock.instant(), true);
    }

    List<CounterResult> results =
        store().acquire(tenant, List.of(roomy, tight), clock.instant(), true);
    assertThat(results.get(0).allowed()).isTrue();
    assertThat(results.get(1).allowed()).isFalse();
    assertThat(peek(tenant, roomy).remaining()).isEqualTo(97);
  }

  @Test
  void resetMakesTheCounterWhole() {
    TenantId tenant = newTenant();
    for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
      CounterCheck check = check(rule(algorithm, 2, Duration.ofHours(1), 2));
      admitted(tenant, check, 3);
      store().reset(tenant, List.of(check));
      assertThat(admitted(tenant, check, 3)).as(algorithm.name()).isEqualTo(2);
    }
  }

  @Test
  void tenantsCountApart() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
      CounterCheck check = check(rule(algorithm, 2, Duration.ofHours(1), 2));
      assertThat(admitted(a, check, 5)).as(algorithm.name()).isEqualTo(2);
      assertThat(peek(b, check).remaining()).as(algorithm.name()).isEqualTo(1);
      assertThat(admitted(b, check, 5)).as(algorithm.name()).isEqualTo(2);
      store().reset(b, List.of(check));
      assertThat(take(a, check).allowed()).as(algorithm.name()).isFalse();
    }
  }

  @Test
  void hostileKeysStayApart() {
    TenantId tenant = newTenant();
    RateLimitRule rule = rule(RateLimitAlgorithm.GCRA, 1, Duration.ofHours(1), 1);
    String[] keys = {
      rule.name() + ":user=a%7D", rule.name() + ":user=a%7B", rule.name() + ":user=a%3Ab"
    };
    for (String key : keys) {
      assertThat(take(tenant, new CounterCheck(key, rule, 1)).allowed()).as(key).isTrue();
    }
  }
}
