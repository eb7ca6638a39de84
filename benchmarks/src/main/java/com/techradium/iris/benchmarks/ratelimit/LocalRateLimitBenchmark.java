package com.techradium.iris.benchmarks.ratelimit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * In-memory rate-limit decisions per second on 2 threads, IRIS beside Bucket4j's local bucket in
 * the same run. Every decision admits (limits far above the rate reached), so all measure the admit
 * path:
 *
 * <ul>
 *   <li>{@code irisCounters}: the in-memory counter engine alone, one GCRA check per decision on
 *       the thread's own key (what Bucket4j's bucket is: one limit, one state);
 *   <li>{@code bucket4jLocal}: Bucket4j's lock-free local bucket, one per thread, {@code
 *       tryConsume(1)};
 *   <li>{@code irisFacade}: {@code RateLimiter.check} end to end: tenant check, rule lookup,
 *       exemption check, key encoding, the decision with its reset and retry values;
 *   <li>{@code irisCountersSharedKey} / {@code bucket4jLocalSharedKey}: both threads on one key.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class LocalRateLimitBenchmark {
  /** A million per second with a burst of a billion: no decision of a measured run is a denial. */
  private static final long RATE = 1_000_000;

  private static final long BURST = 1_000_000_000L;

  /** What every thread shares. */
  @State(Scope.Benchmark)
  public static class Shared {
    final InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();
    final TenantId tenant = TenantId.of("bench");
    final RateLimitRule rule =
        RateLimitRule.of("bench", "api", RATE, Duration.ofSeconds(1), RateLimitScope.USER)
            .withAlgorithm(RateLimitAlgorithm.GCRA)
            .withBurst(BURST);
    final CounterCheck sharedCheck = new CounterCheck("bench:user=shared", rule, 1);
    final Bucket sharedBucket = bucket();
    final AtomicInteger threads = new AtomicInteger();
    RateLimiter limiter;

    @Setup
    public void setUp() {
      limiter =
          RateLimiter.builder()
              .clock(Clock.systemUTC())
              .store(new InMemoryRateLimitStore())
              .counters(new InMemoryRateLimitCounters())
              .defaultRules(List.of(rule))
              .build();
    }
  }

  /** Each thread's own key and bucket. */
  @State(Scope.Thread)
  public static class Own {
    CounterCheck check;
    Bucket bucket;
    RateLimitRequest request;

    @Setup
    public void setUp(Shared shared) {
      int n = shared.threads.incrementAndGet();
      check = new CounterCheck("bench:user=u" + n, shared.rule, 1);
      bucket = bucket();
      request = RateLimitRequest.of(shared.tenant, "api").user("u" + n);
    }
  }

  static Bucket bucket() {
    return bucketBuilder().build();
  }

  /** The builder of {@link #bucket()}, for a bucket with its own clock. */
  static LocalBucketBuilder bucketBuilder() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder().capacity(BURST).refillGreedy(RATE, Duration.ofSeconds(1)).build());
  }

  @Benchmark
  public boolean irisCounters(Shared shared, Own own) {
    return shared
        .counters
        .acquire(shared.tenant, List.of(own.check), Instant.now(), true)
        .get(0)
        .allowed();
  }

  @Benchmark
  public boolean bucket4jLocal(Own own) {
    return own.bucket.tryConsume(1);
  }

  @Benchmark
  public boolean irisFacade(Shared shared, Own own) {
    return shared.limiter.check(own.request).allowed();
  }

  @Benchmark
  public boolean irisCountersSharedKey(Shared shared) {
    return shared
        .counters
        .acquire(shared.tenant, List.of(shared.sharedCheck), Instant.now(), true)
        .get(0)
        .allowed();
  }

  @Benchmark
  public boolean bucket4jLocalSharedKey(Shared shared) {
    return shared.sharedBucket.tryConsume(1);
  }
}
