package com.techradium.iris.redis;

import com.techradium.iris.IrisStorage;
import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.redis.apikey.RedisApiKeyChangeFeed;
import com.techradium.iris.redis.job.RedisJobStore;
import com.techradium.iris.redis.ratelimit.RedisRateLimitCounters;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Front door of iris-redis, the same shape as {@code JdbcIris}: hands every port Redis serves its
 * Redis store, on a host-owned {@link UnifiedJedis} ({@code RedisClient} for one server, {@code
 * RedisClusterClient} for a cluster).
 *
 * <pre>{@code
 * Iris.builder().storage(RedisIris.storage(jedis, JdbcIris.storage(dataSource)))   // jobs on Redis
 * }</pre>
 *
 * <p>Redis serves what must be fast and shared; PostgreSQL stays the system of record for the rest,
 * so {@link #storage} lays Redis stores over a base registry rather than replacing it. Today Redis
 * serves the {@link JobStore}, the API keys' {@link ApiKeyChangeFeed} and the rate limiter's {@link
 * RateLimitCounters}. Stores built here are configured with defaults; build one with its own
 * builder (e.g. {@link RedisJobStore#builder}) to change them. The client stays the host's and is
 * never closed here. Thread-safe; holds no state.
 */
public final class RedisIris {
  private RedisIris() {}

  /**
   * {@code base} with every port Redis serves taken over by a Redis store on {@code jedis}: today
   * the job store, the API keys' change feed (which bounds how long other nodes may accept a
   * revoked key) and the rate-limit counters.
   *
   * @param jedis the host's client, to one server or a cluster; never closed here
   * @param base the stores of every other port, typically {@code JdbcIris.storage(dataSource)}
   * @return a new registry: {@code base} with the Redis stores in place; {@code base} is unchanged
   * @throws NullPointerException if an argument is null
   */
  public static IrisStorage storage(UnifiedJedis jedis, IrisStorage base) {
    Objects.requireNonNull(jedis, "jedis");
    Objects.requireNonNull(base, "base");
    return base.with(JobStore.class, RedisJobStore.create(jedis))
        .with(ApiKeyChangeFeed.class, RedisApiKeyChangeFeed.create(jedis))
        .with(RateLimitCounters.class, RedisRateLimitCounters.create(jedis));
  }
}
