package com.techradium.iris.ratelimit;

/**
 * How a rule counts. Each counter holds the state below per rule and scope key; see
 * docs/ratelimit.md for the trade-offs.
 */
public enum RateLimitAlgorithm {
  /**
   * Two fixed windows, the previous one weighted by how much of it still overlaps the sliding
   * window. O(1) memory (three numbers). Approximate: exact when traffic in the previous window was
   * uniform; in the adversarial worst case (the whole previous window's traffic at its very end) up
   * to twice the limit can pass within one window length. Never more than the limit within one
   * fixed window.
   */
  SLIDING_WINDOW_COUNTER,
  /**
   * A log of the admitted requests' times within the window. Exact: never more than the limit in
   * any window of the rule's length. O(limit) memory per key (one timestamp per admitted permit).
   */
  SLIDING_WINDOW_LOG,
  /**
   * A bucket of {@code burst} tokens refilled continuously at {@code limit} per window. Exact for
   * its definition: at most {@code burst} at once, then {@code limit} per window. O(1) memory.
   */
  TOKEN_BUCKET,
  /**
   * The generic cell rate algorithm: one theoretical arrival time per key, requests spaced {@code
   * window / limit} apart with a tolerance of {@code burst} requests. Exact, O(1) memory (one
   * number), the smoothest of the four.
   */
  GCRA
}
