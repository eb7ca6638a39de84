package com.techradium.iris.core.internal;

/**
 * The admission rule of the generic cell rate algorithm (GCRA), shared by the rate limiter ({@code
 * ratelimit.spi.Gcra}) and the job queue's rate-limited queues ({@code job.spi.TenantClaims}), so
 * both limit by one definition. Times and intervals are in microseconds.
 */
public final class CellRate {
  private CellRate() {}

  /**
   * The emission interval of {@code limit} permits per {@code windowMicros}: the window divided by
   * the limit, rounded up so that the limit is never exceeded.
   *
   * @param windowMicros the window, in microseconds
   * @param limit the permits per window, at least 1
   * @return the interval, in microseconds
   */
  public static long interval(long windowMicros, long limit) {
    return (windowMicros + limit - 1) / limit;
  }

  /**
   * The state after admitting {@code cost} at {@code now}, or -1 when it is denied: admitted when
   * {@code max(tat, now) + cost × interval - now ≤ burst × interval}.
   *
   * @param tat the theoretical arrival time before the decision, in microseconds
   * @param now the current time, in microseconds
   * @param cost the permits asked for
   * @param interval the emission interval, in microseconds
   * @param burst the permits allowed at once
   * @return the new theoretical arrival time, or -1 when denied
   */
  public static long admit(long tat, long now, int cost, long interval, long burst) {
    long base = Math.max(tat, now);
    long next = base + cost * interval;
    return next - now <= burst * interval ? next : -1;
  }
}
