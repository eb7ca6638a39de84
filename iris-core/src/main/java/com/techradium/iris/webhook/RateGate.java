package com.techradium.iris.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces deliveries to an endpoint with a rate limit on this node: a slot every {@code 1/rate}
 * seconds (GCRA with a burst of one second's worth). Thread-safe.
 */
final class RateGate {
  private final Map<UUID, Instant> theoreticalArrival = new ConcurrentHashMap<>();

  /**
   * Takes a slot for a delivery at {@code now}, or says how long to wait for one (taking nothing).
   */
  Duration acquire(UUID endpointId, int perSecond, Instant now) {
    long interval = 1_000_000_000L / perSecond;
    Duration burst = Duration.ofSeconds(1);
    Duration[] wait = {Duration.ZERO};
    theoreticalArrival.compute(
        endpointId,
        (id, tat) -> {
          Instant start = tat == null || tat.isBefore(now) ? now : tat;
          Instant allowedAt = start.minus(burst).plusNanos(interval);
          if (allowedAt.isAfter(now)) {
            wait[0] = Duration.between(now, allowedAt);
            return tat;
          }
          return start.plusNanos(interval);
        });
    return wait[0];
  }
}
