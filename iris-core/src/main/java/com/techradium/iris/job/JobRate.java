package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.Objects;

/**
 * A start rate for a queue or for each tenant in it ({@link QueueConfig#withRate}, {@link
 * QueueConfig#withTenantRate}): at most {@code limit} jobs start per {@code per}, across every
 * node. Jobs over the rate wait in their queue (they are claimed later), they never fail for it.
 *
 * <p>The rate is kept by the generic cell rate algorithm of the rate limiter ({@code Gcra}) with a
 * burst of {@code limit}: after an idle period up to {@code limit} jobs may start at once, then one
 * every {@code per / limit}. Over any span of time {@code d} at most {@code limit × (1 + d / per)}
 * jobs start.
 *
 * @param limit jobs per {@code per}, 1 to 1,000,000
 * @param per the period, 1 ms to 1 day
 */
public record JobRate(int limit, Duration per) {
  /** The highest {@code limit}. */
  public static final int MAX_LIMIT = 1_000_000;

  /** The longest {@code per}. */
  public static final Duration MAX_PER = Duration.ofDays(1);

  /**
   * Creates a {@code JobRate}, checking its components.
   *
   * @param limit jobs per {@code per}, 1 to 1,000,000
   * @param per the period, 1 ms to 1 day
   * @throws com.techradium.iris.core.ValidationException if a component is out of range, naming it
   * @throws NullPointerException if {@code per} is null
   */
  public JobRate {
    Objects.requireNonNull(per, "per");
    Validation v = Validation.of();
    v.range("limit", limit, 1, MAX_LIMIT);
    v.duration("per", per, Duration.ofMillis(1), MAX_PER);
    v.throwIfInvalid();
  }

  /**
   * {@code limit} starts per second.
   *
   * @param limit jobs per second, 1 to 1,000,000
   * @return the rate
   * @throws com.techradium.iris.core.ValidationException if {@code limit} is out of range
   */
  public static JobRate perSecond(int limit) {
    return new JobRate(limit, Duration.ofSeconds(1));
  }
}
