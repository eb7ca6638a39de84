package com.techradium.iris.redis.ratelimit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.Gcra;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.redis.internal.RedisContext;
import com.techradium.iris.redis.internal.RedisKeys;
import com.techradium.iris.redis.internal.RedisScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rate-limit counters on Redis, shared by every node that uses the same Redis: one Lua script call
 * (one round trip) decides all the rules of a request and takes their permits from all or none,
 * whatever the number of rules.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder()
 *     .store(JdbcRateLimitStore.of(dataSource))
 *     .counters(RedisRateLimitCounters.create(jedis))
 *     .build();
 * }</pre>
 *
 * <p><b>Keys.</b> {@code iris:{<tenant>}:rl:<rule>:<scope key>}: the tenant's hash tag puts all of
 * a request's counters in one Redis Cluster slot, and every user-supplied value in the scope key is
 * percent-encoded ({@link com.techradium.iris.ratelimit.spi.RateLimitKeys}), so no input holds a
 * brace or a separator that could reach another tenant's or another scope's key. Each key expires
 * once its counter is whole again.
 *
 * <p><b>Whose clock.</b> By default the script reads the Redis server's {@code TIME}: every node
 * decides on one clock, so nodes whose clocks drift apart still share one window; the {@code now}
 * the facade passes is then ignored. {@link Builder#callerClock()} makes the script use the
 * caller's {@code now} instead (for tests driven by a test clock, or deployments that trust their
 * NTP more than one server).
 *
 * <p>Thread-safe as the client is; the client stays the host's and is never closed here. A Redis
 * failure is a {@link com.techradium.iris.core.StorageException}; the rate limiter then applies
 * each rule's {@link com.techradium.iris.ratelimit.UnavailablePolicy}.
 */
public final class RedisRateLimitCounters implements RateLimitCounters {
  private static final RedisScript ACQUIRE = RedisScript.named("ratelimit/acquire");

  private final RedisContext redis;
  private final boolean serverClock;

  private RedisRateLimitCounters(Builder builder) {
    this.redis = RedisContext.of(builder.jedis);
    this.serverClock = !builder.callerClock;
  }

  /**
   * Counters on {@code jedis} reading the server's clock.
   *
   * @param jedis the host's client, to one server or a cluster; never closed here
   * @return the counters, thread-safe as the client is
   * @throws NullPointerException if {@code jedis} is null
   */
  public static RedisRateLimitCounters create(UnifiedJedis jedis) {
    return builder(jedis).build();
  }

  /**
   * Starts configuring counters on a host-owned client.
   *
   * @param jedis the host's client, to one server or a cluster; never closed here
   * @return a builder with the server's clock
   * @throws NullPointerException if {@code jedis} is null
   */
  public static Builder builder(UnifiedJedis jedis) {
    return new Builder(Objects.requireNonNull(jedis, "jedis"));
  }

  /**
   * Whether the script reads the server's {@code TIME} (else the caller's {@code now}).
   *
   * @return {@code true} unless built with {@link Builder#callerClock()}
   */
  public boolean usesServerClock() {
    return serverClock;
  }

  @Override
  public List<CounterResult> acquire(
      TenantId tenant, List<CounterCheck> checks, Instant now, boolean consume) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    List<String> keys = new ArrayList<>(checks.size());
    List<String> args = new ArrayList<>(2 + checks.size() * 5);
    args.add(serverClock ? "-1" : Long.toString(RateLimitCounters.micros(now)));
    args.add(consume ? "1" : "0");
    for (CounterCheck check : checks) {
      RateLimitRule rule = check.rule();
      keys.add(key(tenant, check));
      args.add(code(rule));
      args.add(Long.toString(rule.limit()));
      args.add(
          Long.toString(
              rule.algorithm() == com.techradium.iris.ratelimit.RateLimitAlgorithm.GCRA
                  ? Gcra.interval(rule)
                  : rule.windowMicros()));
      args.add(Long.toString(rule.burst()));
      args.add(Integer.toString(check.cost()));
    }
    List<?> reply = (List<?>) redis.run(ACQUIRE, keys, args);
    List<CounterResult> results = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      int at = 1 + i * 4;
      results.add(
          new CounterResult(
              number(reply.get(at)) == 1,
              number(reply.get(at + 1)),
              number(reply.get(at + 2)),
              number(reply.get(at + 3))));
    }
    return results;
  }

  @Override
  public void reset(TenantId tenant, List<CounterCheck> checks) {
    Objects.requireNonNull(tenant, "tenant");
    if (checks.isEmpty()) {
      return;
    }
    String[] keys = new String[checks.size() * 2];
    for (int i = 0; i < checks.size(); i++) {
      keys[2 * i] = key(tenant, checks.get(i));
      keys[2 * i + 1] = keys[2 * i] + ":seq";
    }
    redis.call("reset rate-limit counters", j -> j.del(keys));
  }

  /** The Redis key of a check's counter. */
  static String key(TenantId tenant, CounterCheck check) {
    return RedisKeys.key(tenant, "rl", check.key());
  }

  private static String code(RateLimitRule rule) {
    return switch (rule.algorithm()) {
      case SLIDING_WINDOW_COUNTER -> "1";
      case SLIDING_WINDOW_LOG -> "2";
      case TOKEN_BUCKET -> "3";
      case GCRA -> "4";
    };
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  /** Configures {@link RedisRateLimitCounters}. Not thread-safe. */
  public static final class Builder {
    private final UnifiedJedis jedis;
    private boolean callerClock;

    private Builder(UnifiedJedis jedis) {
      this.jedis = jedis;
    }

    /**
     * Decide at the {@code now} the caller passes instead of the server's {@code TIME}. Default:
     * the server's clock.
     *
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder callerClock() {
      callerClock = BuilderChecks.markSet("callerClock", callerClock);
      return this;
    }

    /**
     * Builds the counters.
     *
     * @return new counters over the builder's client
     */
    public RedisRateLimitCounters build() {
      return new RedisRateLimitCounters(this);
    }
  }
}
