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
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * {@link LocalRateLimitBenchmark}'s single-thread decisions timed in thread CPU time, with the cost
 * of reading the time taken apart: each decision of IRIS's engine and of Bucket4j's local bucket is
 * timed once as a caller runs it (reading the clock per decision: {@code Instant.now()} for IRIS,
 * whose engine is given the time, {@code System.nanoTime()} inside Bucket4j) and once with the time
 * fixed (IRIS given one instant, Bucket4j a {@link TimeMeter} that returns one value), and the two
 * clock reads are timed alone. Every decision admits. Each round runs every operation once for
 * {@value #DECISIONS} decisions, in a shuffled order; prints the median CPU nanoseconds per
 * decision after a warm-up of a third of the rounds. CPU time, unlike JMH's wall-clock score, is
 * not moved much by other processes of a shared machine.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar \
 *     com.techradium.iris.benchmarks.ratelimit.LocalRateLimitCpuTime [rounds, default 30]
 * }</pre>
 */
public final class LocalRateLimitCpuTime {
  private static final int DECISIONS = 2_000_000;
  private static final long RATE = 1_000_000;
  private static final long BURST = 1_000_000_000L;

  private LocalRateLimitCpuTime() {}

  /**
   * Runs the comparison.
   *
   * @param args optionally the number of rounds
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    TenantId tenant = TenantId.of("bench");
    RateLimitRule rule =
        RateLimitRule.of("bench", "api", RATE, Duration.ofSeconds(1), RateLimitScope.USER)
            .withAlgorithm(RateLimitAlgorithm.GCRA)
            .withBurst(BURST);
    InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();
    CounterCheck check = new CounterCheck("bench:user=u1", rule, 1);
    Bucket bucket = LocalRateLimitBenchmark.bucket();
    Bucket fixedBucket =
        LocalRateLimitBenchmark.bucketBuilder()
            .withCustomTimePrecision(new FixedTime(System.nanoTime()))
            .build();
    Instant fixed = Instant.now();
    RateLimiter limiter =
        RateLimiter.builder()
            .clock(Clock.systemUTC())
            .store(new InMemoryRateLimitStore())
            .counters(new InMemoryRateLimitCounters())
            .defaultRules(List.of(rule))
            .build();
    RateLimitRequest request = RateLimitRequest.of(tenant, "api").user("u1");

    // Each operation writes its own loop: one shared loop over a lambda would make its call site
    // megamorphic and charge every operation a virtual call it does not have.
    Map<String, LongSupplier> operations = new LinkedHashMap<>();
    operations.put(
        "irisEngine (Instant.now() per decision)",
        () -> {
          long admitted = 0;
          for (int i = 0; i < DECISIONS; i++) {
            if (counters.acquire(tenant, List.of(check), Instant.now(), true).get(0).allowed()) {
              admitted++;
            }
          }
          return admitted;
        });
    operations.put(
        "bucket4jLocal (nanoTime per decision)",
        () -> {
          long admitted = 0;
          for (int i = 0; i < DECISIONS; i++) {
            if (bucket.tryConsume(1)) {
              admitted++;
            }
          }
          return admitted;
        });
    operations.put(
        "irisEngine, time fixed",
        () -> {
          long admitted = 0;
          for (int i = 0; i < DECISIONS; i++) {
            if (counters.acquire(tenant, List.of(check), fixed, true).get(0).allowed()) {
              admitted++;
            }
          }
          return admitted;
        });
    operations.put(
        "bucket4jLocal, time fixed",
        () -> {
          long admitted = 0;
          for (int i = 0; i < DECISIONS; i++) {
            if (fixedBucket.tryConsume(1)) {
              admitted++;
            }
          }
          return admitted;
        });
    operations.put(
        "Instant.now() + micros",
        () -> {
          long sum = 0;
          for (int i = 0; i < DECISIONS; i++) {
            sum += RateLimitCounters.micros(Instant.now());
          }
          return sum;
        });
    operations.put(
        "System.nanoTime()",
        () -> {
          long sum = 0;
          for (int i = 0; i < DECISIONS; i++) {
            sum += System.nanoTime();
          }
          return sum;
        });
    operations.put(
        "RateLimiter.check",
        () -> {
          long admitted = 0;
          for (int i = 0; i < DECISIONS; i++) {
            if (limiter.check(request).allowed()) {
              admitted++;
            }
          }
          return admitted;
        });

    Map<String, List<Double>> perDecision = new LinkedHashMap<>();
    operations.keySet().forEach(name -> perDecision.put(name, new ArrayList<>()));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Map.Entry<String, LongSupplier>> order = new ArrayList<>(operations.entrySet());
    Random shuffle = new Random(42);
    long blackhole = 0;
    for (int round = 0; round < rounds; round++) {
      Collections.shuffle(order, shuffle);
      for (Map.Entry<String, LongSupplier> operation : order) {
        long start = threads.getCurrentThreadCpuTime();
        blackhole += operation.getValue().getAsLong();
        long used = threads.getCurrentThreadCpuTime() - start;
        if (round >= rounds / 3) {
          perDecision.get(operation.getKey()).add(used / (double) DECISIONS);
        }
      }
    }
    System.out.printf("CPU ns per decision, median of %d rounds (one thread)%n", rounds * 2 / 3);
    perDecision.forEach(
        (name, values) -> {
          Collections.sort(values);
          System.out.printf("  %-42s %6.1f%n", name, values.get(values.size() / 2));
        });
    System.out.println("(" + (blackhole & 1) + ")");
  }

  /** A Bucket4j clock that never moves: the bucket's decision without reading the time. */
  private record FixedTime(long nanos) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }
}
