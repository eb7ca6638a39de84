package com.techradium.iris.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a failed delivery is tried again: the delay before attempt {@code n+1} is {@code
 * delays[n-1]}, spread by up to ±{@code jitter} of itself so that many failed deliveries do not
 * come back at once. After the last delay's attempt the delivery is given up.
 *
 * @param delays delays between attempts, each 1 s to 24 h
 * @param jitter 0 to 0.5: the fraction of each delay randomly added or taken away
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
  /** Longest single delay. */
  public static final Duration MAX_DELAY = Duration.ofHours(24);

  /**
   * The default: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h and 24 h (11 retries,
   * about 2 days in all) with ±20 % jitter — exponential growth capped at 24 hours.
   *
   * @return the default schedule
   */
  public static RetrySchedule defaults() {
    return new RetrySchedule(
        List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(12),
            Duration.ofHours(24)),
        0.2);
  }

  /**
   * Creates a {@code RetrySchedule}, checking its components and copying its collections.
   *
   * @param delays delays between attempts, each 1 s to 24 h
   * @param jitter 0 to 0.5: the fraction of each delay randomly added or taken away
   * @throws IllegalArgumentException if a component is out of range
   */
  public RetrySchedule {
    delays = List.copyOf(delays);
    for (Duration delay : delays) {
      Objects.requireNonNull(delay, "delays");
      if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(MAX_DELAY) > 0) {
        throw new IllegalArgumentException("delays must be between 1 s and 24 h, got " + delay);
      }
    }
    if (jitter < 0 || jitter > 0.5) {
      throw new IllegalArgumentException("jitter must be between 0 and 0.5, got " + jitter);
    }
  }

  /**
   * How many attempts a delivery gets in all.
   *
   * @return the number of retries plus one
   */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * When to try again after attempt {@code attempt} (1-based) failed at {@code now}; null when the
   * delivery should be given up.
   *
   * @param random a uniform value in [0, 1) for the jitter
   * @param attempt the failed attempt's number, from 1
   * @param now when it failed
   * @return the next attempt's time, or null to give up
   */
  public @Nullable Instant nextAttempt(int attempt, Instant now, DoubleSupplier random) {
    if (attempt < 1 || attempt > delays.size()) {
      return null;
    }
    long millis = delays.get(attempt - 1).toMillis();
    long spread = Math.round(millis * jitter * (2 * random.getAsDouble() - 1));
    return now.plusMillis(Math.max(1000, millis + spread));
  }
}
