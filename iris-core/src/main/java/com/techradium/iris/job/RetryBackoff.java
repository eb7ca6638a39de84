package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import java.time.Duration;

/**
 * Exponential backoff between attempts: the delay after attempt {@code n} (1-based) is {@code
 * initial × 2^(n-1)}, capped at {@code max}, then reduced by up to half at random ("equal jitter")
 * so that jobs failing together do not retry together.
 *
 * @param initial delay after the first failed attempt, at least 1 ms
 * @param max upper bound of any delay, at least {@code initial} and at most {@link
 *     JobSpec#MAX_DELAY}
 */
public record RetryBackoff(Duration initial, Duration max) {
  /** The default: 1 second doubling up to 1 hour. */
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofHours(1));

  /**
   * Creates a {@code RetryBackoff}, checking its components.
   *
   * @param initial delay after the first failed attempt, at least 1 ms
   * @param max upper bound of any delay, at least {@code initial} and at most {@link
   *     JobSpec#MAX_DELAY}
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public RetryBackoff {
    Validation v = Validation.of();
    v.required("backoff.initial", initial);
    v.required("backoff.max", max);
    v.duration("backoff.initial", initial, Duration.ofMillis(1), JobSpec.MAX_DELAY);
    v.duration("backoff.max", max, Duration.ofMillis(1), JobSpec.MAX_DELAY);
    v.check(
        initial == null || max == null || max.compareTo(initial) >= 0,
        "backoff.max",
        "must not be shorter than backoff.initial");
    v.throwIfInvalid();
  }

  /**
   * The uncapped-then-capped delay after attempt {@code attempt}, before jitter.
   *
   * @param attempt the attempt that failed, from 1
   * @return the delay ceiling
   */
  public Duration ceilingFor(int attempt) {
    int shift = Math.max(0, Math.min(attempt - 1, 40));
    long millis = initial.toMillis();
    long grown = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
    return Duration.ofMillis(Math.min(grown, max.toMillis()));
  }

  /**
   * The delay after attempt {@code attempt}: between half of {@link #ceilingFor(int)} and all of
   * it, placed by {@code unitRandom} in [0, 1).
   *
   * @param attempt the attempt that failed, from 1
   * @param unitRandom a random number in [0, 1)
   * @return the delay
   */
  public Duration delayFor(int attempt, double unitRandom) {
    long ceiling = ceilingFor(attempt).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + (long) (half * unitRandom));
  }
}
