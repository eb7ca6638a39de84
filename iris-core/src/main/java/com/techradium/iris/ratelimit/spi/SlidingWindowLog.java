package com.techradium.iris.ratelimit.spi;

/**
 * The sliding-window log as pure functions on a key's state: the times (microseconds, oldest first)
 * of the permits admitted within the last {@code window}, one entry per permit. A request of {@code
 * cost} at {@code now} is admitted when the entries after {@code now − window} plus {@code cost}
 * are at most {@code limit}. Exact: never more than {@code limit} in any window of the rule's
 * length. Memory O(limit) per key.
 */
public final class SlidingWindowLog {
  private SlidingWindowLog() {}

  /**
   * The answer given the entries within the window.
   *
   * @param inWindow how many entries lie after {@code now − window}
   * @param oldestNeeded the time of the entry whose expiry would make room for the request (the
   *     {@code inWindow + cost − limit}-th oldest in the window, 1-based), or any value when
   *     allowed
   * @param newest the newest entry's time, or {@code now} when there is none
   * @param now the current time, in microseconds
   * @param cost the permits asked for
   * @param limit the permits per window
   * @param window the window's length, in microseconds
   * @return the counter's answer
   */
  public static CounterResult result(
      int inWindow, long oldestNeeded, long newest, long now, int cost, long limit, long window) {
    boolean allowed = inWindow + cost <= limit;
    if (allowed) {
      return new CounterResult(true, limit - inWindow - cost, now + window, 0);
    }
    long retry = cost > limit ? window : oldestNeeded + window - now;
    return new CounterResult(
        false, Math.max(0, limit - inWindow), newest + window, Math.max(1, retry));
  }
}
