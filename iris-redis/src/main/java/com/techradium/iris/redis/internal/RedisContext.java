package com.techradium.iris.redis.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * Front door of iris-redis: wraps a host-owned {@link UnifiedJedis} ({@code RedisClient}/{@code
 * JedisPooled} for one server, {@code JedisCluster}/{@code RedisClusterClient} for a cluster) and
 * runs Redis work with failures translated to {@link com.techradium.iris.core.StorageException}.
 *
 * <pre>{@code
 * RedisContext redis = RedisContext.of(jedis);
 * long hits = redis.call("count hit", j -> j.incr(RedisKeys.key(tenant, "hits")));
 * Object reply = redis.run(SCRIPT, List.of(key), List.of("1"));
 * }</pre>
 *
 * <p>Thread-safe as the client is. It never closes the client: the host owns its lifecycle.
 */
public final class RedisContext {
  private final UnifiedJedis jedis;

  private RedisContext(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  /** Wraps a host-owned client. */
  public static RedisContext of(UnifiedJedis jedis) {
    return new RedisContext(Objects.requireNonNull(jedis, "jedis"));
  }

  /** The host's client; calls made on it directly are not translated. */
  public UnifiedJedis jedis() {
    return jedis;
  }

  /**
   * Runs {@code work} on the client and returns its result.
   *
   * @param operation what is being done, for the failure message
   * @throws com.techradium.iris.core.StorageException if Redis fails; the cause is kept
   */
  public <T> T call(String operation, Function<? super UnifiedJedis, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    try {
      return work.apply(jedis);
    } catch (RuntimeException e) {
      throw RedisErrors.translate(operation, e);
    }
  }

  /**
   * Runs a script by EVALSHA (EVAL if the server has not cached it).
   *
   * @throws com.techradium.iris.core.StorageException if Redis fails or the script raises an error
   */
  public Object run(RedisScript script, List<String> keys, List<String> args) {
    Objects.requireNonNull(script, "script");
    return script.run(jedis, keys, args);
  }
}
