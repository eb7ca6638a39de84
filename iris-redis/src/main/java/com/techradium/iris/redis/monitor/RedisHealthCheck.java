package com.techradium.iris.redis.monitor;

import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.monitor.spi.HealthCheck;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * A health check that sends {@code PING} through a host-owned Redis client: up on {@code PONG},
 * degraded on any other answer, down when the command fails. A Jedis call cannot be interrupted, so
 * the client's own socket timeout (set by the host when it builds the client) bounds a run that
 * hangs; the monitor records the run as down once its timeout passes either way.
 *
 * <pre>{@code
 * health.register(Component.of("redis", "Cache", RedisHealthCheck.of(jedis)));
 * }</pre>
 *
 * <p>Thread-safe as the client is; it never closes the client.
 */
public final class RedisHealthCheck implements HealthCheck {
  private final UnifiedJedis jedis;

  private RedisHealthCheck(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  /**
   * A check that sends {@code PING} on {@code jedis}: up on {@code PONG}, degraded on another
   * answer; a Redis failure propagates, and the monitor records the run as down.
   *
   * @param jedis the host's client; never closed here
   * @return the check
   * @throws NullPointerException if {@code jedis} is null
   */
  public static RedisHealthCheck of(UnifiedJedis jedis) {
    return new RedisHealthCheck(Objects.requireNonNull(jedis, "jedis"));
  }

  @Override
  public CheckVerdict check(Duration timeout) {
    String answer = jedis.ping();
    return "PONG".equalsIgnoreCase(answer)
        ? CheckVerdict.up()
        : CheckVerdict.degraded("unexpected PING answer");
  }
}
