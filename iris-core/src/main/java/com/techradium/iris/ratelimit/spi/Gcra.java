package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.core.internal.CellRate;
import com.techradium.iris.ratelimit.RateLimitRule;

/**
 * The generic cell rate algorithm as pure functions on a key's one number of state, its theoretical
 * arrival time ({@code tat}, microseconds; 0 for a new key). Requests are spaced by the emission
 * interval {@code ceil(window / limit)}; up to {@code burst} may arrive at once.
 *
 * <p>A request of {@code cost} at {@code now} is admitted when {@code max(tat, now) + cost ×
 * interval − now ≤ burst × interval}; the new state is then {@code max(tat, now) + cost ×
 * interval}. Integer arithmetic throughout: exact, never more than {@code burst} at one instant.
 */
public final class Gcra {
  private Gcra() {}

  /**
   * The emission interval of {@code rule}, rounded up so the rate never exceeds the limit.
   *
   * @param rule the rule
   * @return the interval, in microseconds
   */
  public static long interval(RateLimitRule rule) {
    return CellRate.interval(rule.windowMicros(), rule.limit());
  }

  /**
   * The state after admitting {@code cost} at {@code now}, or -1 when it is denied.
   *
   * @param tat the theoretical arrival time before the decision, in microseconds
   * @param now the current time, in microseconds
   * @param cost the permits asked for
   * @param interval the emission interval, in microseconds
   * @param burst the permits allowed at once
   * @return the new theoretical arrival time, or -1 when denied
   */
  public static long admit(long tat, long now, int cost, long interval, long burst) {
    return CellRate.admit(tat, now, cost, interval, burst);
  }

  /**
   * The answer for state {@code tat} before the decision and {@code admitted} (or -1) after.
   *
   * @param tat the theoretical arrival time before the decision, in microseconds
   * @param admitted the state after the decision, or -1 when denied
   * @param now the current time, in microseconds
   * @param cost the permits asked for
   * @param interval the emission interval, in microseconds
   * @param burst the permits allowed at once
   * @return the counter's answer
   */
  public static CounterResult result(
      long tat, long admitted, long now, int cost, long interval, long burst) {
    long base = Math.max(tat, now);
    if (admitted >= 0) {
      return new CounterResult(true, (burst * interval - (admitted - now)) / interval, admitted, 0);
    }
    long remaining = Math.max(0, (burst * interval - (base - now)) / interval);
    long retry = base + cost * interval - burst * interval - now;
    return new CounterResult(false, remaining, base, Math.max(1, retry));
  }
}
