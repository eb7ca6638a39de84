package com.techradium.iris.benchmarks.ratelimit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.redis.ratelimit.RedisRateLimitCounters;
import com.techradium.iris.testkit.StandaloneRedis;
import com.techradium.iris.testkit.TestRedis;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.redis.jedis.cas.JedisBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Rate-limit decisions on a real Redis (the test kit's server, or {@code IRIS_TEST_REDIS_URL}), 8
 * client threads, IRIS beside Bucket4j-Jedis (its compare-and-swap proxy manager) in the same run.
 * Every decision admits:
 *
 * <ul>
 *   <li>{@code irisThreeRules}: {@code RateLimiter.check} of a request that three rules apply to
 *       (tenant, user, IP), decided all-or-none in one script call;
 *   <li>{@code bucket4jThreeBuckets}: the same three limits as three Bucket4j buckets, consumed one
 *       after another (Bucket4j has no all-or-none across buckets);
 *   <li>{@code irisHotKey} / {@code bucket4jHotKey}: every thread on one key, one limit.
 * </ul>
 *
 * Run in {@code thrpt} mode for decisions per second and {@code sample} mode for p50/p99 latency.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class RedisRateLimitBenchmark {
  private static final long HUGE = 1_000_000;

  /** The Redis, the limiter and the buckets every thread shares. */
  @State(Scope.Benchmark)
  public static class Shared {
    final TenantId tenant = TenantId.of("bench");
    final AtomicInteger threads = new AtomicInteger();
    TestRedis redis;
    RateLimiter limiter;
    JedisBasedProxyManager<byte[]> buckets;
    BucketConfiguration configuration;

    @Setup(Level.Trial)
    public void setUp() {
      redis = StandaloneRedis.open();
      limiter =
          RateLimiter.builder()
              .store(new InMemoryRateLimitStore())
              .counters(RedisRateLimitCounters.create(redis.client()))
              .defaultRules(
                  List.of(
                      rule("per-tenant", RateLimitScope.TENANT),
                      rule("per-user", RateLimitScope.USER),
                      rule("per-ip", RateLimitScope.IP),
                      rule("hot", RateLimitScope.TENANT).withLimit(HUGE)))
              .build();
      buckets =
          Bucket4jJedis.casBasedBuilder(redis.client())
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .build();
      configuration =
          BucketConfiguration.builder()
              .addLimit(
                  Bandwidth.builder()
                      .capacity(HUGE)
                      .refillGreedy(HUGE, Duration.ofSeconds(1))
                      .build())
              .build();
    }

    private static RateLimitRule rule(String name, RateLimitScope scope) {
      String resource = name.equals("hot") ? "hot" : "api";
      return RateLimitRule.of(name, resource, HUGE, Duration.ofSeconds(1), scope)
          .withAlgorithm(RateLimitAlgorithm.GCRA)
          .withBurst(HUGE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      redis.client().close();
    }

    BucketProxy bucket(String key) {
      return buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> configuration);
    }
  }

  /** Each thread's user and IP, and its three buckets. */
  @State(Scope.Thread)
  public static class Own {
    RateLimitRequest request;
    RateLimitRequest hot;
    BucketProxy tenantBucket;
    BucketProxy userBucket;
    BucketProxy ipBucket;
    BucketProxy hotBucket;

    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      int n = shared.threads.incrementAndGet();
      request = RateLimitRequest.of(shared.tenant, "api").user("u" + n).ip("198.51.100." + n);
      hot = RateLimitRequest.of(shared.tenant, "hot");
      tenantBucket = shared.bucket("b4j:{bench}:tenant");
      userBucket = shared.bucket("b4j:{bench}:user:u" + n);
      ipBucket = shared.bucket("b4j:{bench}:ip:198.51.100." + n);
      hotBucket = shared.bucket("b4j:{bench}:hot");
    }
  }

  @Benchmark
  public boolean irisThreeRules(Shared shared, Own own) {
    return shared.limiter.check(own.request).allowed();
  }

  @Benchmark
  public boolean bucket4jThreeBuckets(Own own) {
    return own.tenantBucket.tryConsume(1)
        && own.userBucket.tryConsume(1)
        && own.ipBucket.tryConsume(1);
  }

  @Benchmark
  public boolean irisHotKey(Shared shared, Own own) {
    return shared.limiter.check(own.hot).allowed();
  }

  @Benchmark
  public boolean bucket4jHotKey(Own own) {
    return own.hotBucket.tryConsume(1);
  }
}
