package com.techradium.iris.ratelimit.spi;

/**
 * The token bucket as pure functions on a key's state, {@code tokens} (a double) and {@code last}
 * (microseconds of the last decision). The bucket holds at most {@code burst} tokens and refills
 * continuously at {@code limit} tokens per {@code window}; a request of {@code cost} is admitted
 * when that many tokens are there. A new key starts full. Taking whole tokens from a whole start is
 * exact in double arithmetic, so no more than {@code burst} pass at one instant.
 */
public final class TokenBucket {
  private TokenBucket() {}

  /**
   * The tokens at {@code now} of a bucket that held {@code tokens} at {@code last}.
   *
   * @param tokens the tokens held at {@code last}
   * @param last the time of the last update, in microseconds
   * @param now the current time, in microseconds
   * @param limit the tokens added per window
   * @param window the window's length, in microseconds
   * @param burst the bucket's capacity
   * @return the tokens held at {@code now}, at most {@code burst}
   */
  public static double refill(
      double tokens, long last, long now, long limit, long window, long burst) {
    long elapsed = Math.max(0, now - last);
    return Math.min((double) burst, tokens + (double) elapsed * limit / window);
  }

  /**
   * The answer for {@code available} tokens at {@code now} (after refill), before taking.
   *
   * @param available the tokens held at {@code now}
   * @param now the current time, in microseconds
   * @param cost the tokens asked for
   * @param limit the tokens added per window
   * @param window the window's length, in microseconds
   * @param burst the bucket's capacity
   * @return the counter's answer
   */
  public static CounterResult result(
      double available, long now, int cost, long limit, long window, long burst) {
    boolean allowed = available >= cost;
    double after = allowed ? available - cost : available;
    long reset = now + (long) Math.ceil((burst - after) * window / limit);
    long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((cost - available) * window / limit));
    return new CounterResult(allowed, (long) Math.floor(after), reset, retry);
  }
}
