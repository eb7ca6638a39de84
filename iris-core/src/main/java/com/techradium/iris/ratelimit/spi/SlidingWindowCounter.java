package com.techradium.iris.ratelimit.spi;

/**
 * The sliding-window counter as pure functions on a key's state: the start of the current fixed
 * window ({@code start}, microseconds, aligned to the window), the permits taken in the previous
 * window ({@code previous}) and in the current one ({@code current}). The estimate at {@code now}
 * is {@code previous × (window − (now − start)) / window + current}; a request of {@code cost} is
 * admitted when {@code estimate + cost ≤ limit}.
 *
 * <p>Accuracy: never more than {@code limit} within one fixed window; within any sliding window of
 * the rule's length, at most {@code 2 × limit} in the adversarial worst case (the previous window's
 * whole traffic at its very end), and close to {@code limit} for traffic spread over the window.
 */
public final class SlidingWindowCounter {
  private SlidingWindowCounter() {}

  /**
   * The start of the fixed window holding {@code now}.
   *
   * @param now the current time, in microseconds
   * @param window the window's length, in microseconds
   * @return the window's start, in microseconds
   */
  public static long windowStart(long now, long window) {
    return now - Math.floorMod(now, window);
  }

  /**
   * The previous window's count once the state is moved to the window starting at {@code newStart}:
   * the old current count if the windows are adjacent, else 0.
   *
   * @param start the stored window's start, in microseconds
   * @param previous the stored previous window's count
   * @param current the stored current window's count
   * @param newStart the start of the window holding now, in microseconds
   * @param window the window's length, in microseconds
   * @return the previous window's count after the move
   */
  public static long rolledPrevious(
      long start, long previous, long current, long newStart, long window) {
    if (newStart == start) {
      return previous;
    }
    return newStart - start == window ? current : 0;
  }

  /**
   * The estimated permits in the sliding window ending at {@code now}.
   *
   * @param start the current window's start, in microseconds
   * @param previous the previous window's count
   * @param current the current window's count
   * @param now the current time, in microseconds
   * @param window the window's length, in microseconds
   * @return the estimated permits
   */
  public static double estimate(long start, long previous, long current, long now, long window) {
    return previous * ((double) (window - (now - start)) / window) + current;
  }

  /**
   * The answer for the state at {@code now} (already rolled to {@code start}), before taking.
   *
   * @param start the current window's start, in microseconds
   * @param previous the previous window's count
   * @param current the current window's count
   * @param now the current time, in microseconds
   * @param cost the permits asked for
   * @param limit the permits per window
   * @param window the window's length, in microseconds
   * @return the counter's answer
   */
  public static CounterResult result(
      long start, long previous, long current, long now, int cost, long limit, long window) {
    double estimate = estimate(start, previous, current, now, window);
    boolean allowed = estimate + cost <= limit;
    long remaining = (long) Math.max(0, Math.floor(limit - estimate - (allowed ? cost : 0)));
    long retry = 0;
    if (!allowed) {
      if (current + cost > limit) {
        double needed = current == 0 ? 0 : window * (1 - (double) (limit - cost) / current);
        retry = start + window - now + (long) Math.ceil(Math.max(0, needed));
      } else {
        double elapsed = window - (double) (limit - current - cost) * window / previous;
        retry = start + (long) Math.ceil(elapsed) - now;
      }
      retry = Math.max(1, retry);
    }
    return new CounterResult(allowed, remaining, start + window, retry);
  }
}
