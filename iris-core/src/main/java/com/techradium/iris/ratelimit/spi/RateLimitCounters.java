package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The counter backend of the rate limiter: decides a request's rules atomically. Implementations
 * apply the algorithms exactly as {@link Gcra}, {@link TokenBucket}, {@link SlidingWindowCounter}
 * and {@link SlidingWindowLog} define them, and are held to that by the {@code
 * RateLimitCountersContract} of iris-testkit. Thread-safe; an implementation shared by many nodes
 * (Redis) decides for all of them.
 *
 * <p>Counters of different tenants never meet: a key is only ever looked up within its tenant. A
 * backend may read its own clock instead of {@code now} (Redis can use the server's {@code TIME});
 * it says so in its documentation.
 */
public interface RateLimitCounters {
  /**
   * Decides every check at {@code now}. When {@code consume} is true and every check allows, the
   * permits of all of them are taken; otherwise none is. One atomic step: concurrent calls behave
   * as if made one after another.
   *
   * @param tenant the tenant every check belongs to
   * @param checks the counters to decide, each with its rule, key and cost
   * @param now the facade's current time
   * @param consume true to take the permits when every check allows, false to only look
   * @return one result per check, in the order of {@code checks}
   * @throws com.techradium.iris.core.StorageException if the backend cannot be reached
   */
  List<CounterResult> acquire(
      TenantId tenant, List<CounterCheck> checks, Instant now, boolean consume);

  /**
   * Forgets the counters of {@code checks}, so their keys start whole (a successful login resets
   * its account's failures).
   *
   * @param tenant the tenant every check belongs to
   * @param checks the counters to forget
   * @throws com.techradium.iris.core.StorageException if the backend cannot be reached
   */
  void reset(TenantId tenant, List<CounterCheck> checks);

  /**
   * Microseconds since the epoch of {@code instant}.
   *
   * @param instant the instant
   * @return its microseconds since the epoch
   */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
