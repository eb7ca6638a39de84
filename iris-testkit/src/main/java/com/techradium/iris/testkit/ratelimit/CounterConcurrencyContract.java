package com.techradium.iris.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One group of {@link RateLimitCountersContract}: 32 threads hammering one key never get more than
 * the limit from the exact algorithms, and all-or-none holds under contention.
 */
public abstract class CounterConcurrencyContract extends CounterContractSupport {
  /** Threads that hammer one key. */
  protected static final int THREADS = 32;

  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public CounterConcurrencyContract() {}

  /**
   * Attempts per thread, each a consuming {@code acquire}.
   *
   * @return 25 by default; an adapter may return another count, as long as {@link #THREADS} times
   *     it stays above every limit the tests set
   */
  protected int attemptsPerThread() {
    return 25;
  }

  @ParameterizedTest
  @EnumSource(RateLimitAlgorithm.class)
  void thirtyTwoThreadsOnOneKeyGetExactlyTheLimit(RateLimitAlgorithm algorithm) throws Exception {
    TenantId tenant = newTenant();
    CounterCheck check = check(rule(algorithm, 100, Duration.ofHours(1), 100));
    Instant now = clock.instant();

    List<List<CounterResult>> results = hammer(tenant, List.of(check), now);

    long admitted = results.stream().filter(r -> r.get(0).allowed()).count();
    // At one instant every algorithm is exact, the sliding counter included.
    assertThat(admitted).isEqualTo(100);
  }

  @Test
  void allOrNoneHoldsUnderContention() throws Exception {
    TenantId tenant = newTenant();
    CounterCheck gcra = check(rule(RateLimitAlgorithm.GCRA, 50, Duration.ofHours(1), 50));
    CounterCheck log =
        check(rule(RateLimitAlgorithm.SLIDING_WINDOW_LOG, 80, Duration.ofHours(1), 80));
    CounterCheck bucket = check(rule(RateLimitAlgorithm.TOKEN_BUCKET, 70, Duration.ofHours(1), 70));
    Instant now = clock.instant();

    List<List<CounterResult>> results = hammer(tenant, List.of(log, gcra, bucket), now);

    long admitted =
        results.stream().filter(r -> r.stream().allMatch(CounterResult::allowed)).count();
    assertThat(admitted).isEqualTo(50);
    assertThat(peek(tenant, log).remaining()).isEqualTo(79 - 50);
    assertThat(peek(tenant, bucket).remaining()).isEqualTo(69 - 50);
  }

  @ParameterizedTest
  @EnumSource(RateLimitAlgorithm.class)
  void aKeyDecidedAloneAndWithOthersAtOnceKeepsItsLimit(RateLimitAlgorithm algorithm)
      throws Exception {
    TenantId tenant = newTenant();
    CounterCheck shared = check(rule(algorithm, 60, Duration.ofHours(1), 60));
    CounterCheck other =
        check(rule(RateLimitAlgorithm.TOKEN_BUCKET, 10_000, Duration.ofHours(1), 10_000));
    Instant now = clock.instant();

    // Even threads ask for the shared key alone, odd ones for it together with another key.
    List<List<CounterResult>> results =
        hammer(tenant, t -> t % 2 == 0 ? List.of(shared) : List.of(other, shared), now);

    long admittedAlone = results.stream().filter(r -> r.size() == 1 && r.get(0).allowed()).count();
    long admittedTogether =
        results.stream()
            .filter(r -> r.size() == 2 && r.stream().allMatch(CounterResult::allowed))
            .count();
    assertThat(admittedAlone + admittedTogether).isEqualTo(60);
    assertThat(peek(tenant, shared).allowed()).isFalse();
    assertThat(peek(tenant, other).remaining()).isEqualTo(10_000 - 1 - admittedTogether);
  }

  @Test
  void theSlidingCounterStaysWithinTwiceTheLimitAsTimeMoves() throws Exception {
    TenantId tenant = newTenant();
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    CounterCheck check =
        check(rule(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, 40, Duration.ofSeconds(10), 40));
    List<Long> admittedAt = new ArrayList<>();
    for (int step = 0; step < 30; step++) {
      Instant now = clock.instant();
      for (List<CounterResult> r : hammer(tenant, List.of(check), now)) {
        if (r.get(0).allowed()) {
          admittedAt.add(now.toEpochMilli());
        }
      }
      clock.advance(Duration.ofMillis(1_000));
    }
    for (long end : admittedAt) {
      long inWindow = admittedAt.stream().filter(t -> t > end - 10_000 && t <= end).count();
      assertThat(inWindow).isLessThanOrEqualTo(80);
    }
    // Over 30 s at 40 per 10 s the long-run rate holds: at most one extra window's worth.
    assertThat(admittedAt.size()).isLessThanOrEqualTo(3 * 40 + 40);
  }

  private List<List<CounterResult>> hammer(TenantId tenant, List<CounterCheck> checks, Instant now)
      throws Exception {
    return hammer(tenant, thread -> checks, now);
  }

  /** {@link #THREADS} threads at once, each asking for {@code checksOf.apply(its index)}. */
  private List<List<CounterResult>> hammer(
      TenantId tenant, IntFunction<List<CounterCheck>> checksOf, Instant now) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<List<CounterResult>>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<CounterCheck> checks = checksOf.apply(t);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<List<CounterResult>> mine = new ArrayList<>();
                  for (int i = 0; i < attemptsPerThread(); i++) {
                    mine.add(store().acquire(tenant, checks, now, true));
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<List<CounterResult>> all = new ArrayList<>();
      for (Future<List<List<CounterResult>>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
