package com.techradium.iris.ratelimit;

import java.time.Instant;
import java.util.Objects;

/**
 * Denials of one rule for one scope key within one hour, aggregated: a flood is one violation with
 * a large count, not a row per request.
 *
 * @param rule the rule that denied
 * @param scopeKey whom it denied, e.g. {@code user=alice} or {@code ip=203.0.113.7}
 * @param periodStart the hour the denials fell in
 * @param count how many denials
 * @param firstAt the first denial
 * @param lastAt the last denial recorded so far
 */
public record Violation(
    String rule,
    String scopeKey,
    Instant periodStart,
    long count,
    Instant firstAt,
    Instant lastAt) {
  /**
   * Creates a {@code Violation}, checking its components.
   *
   * @param rule the rule that denied
   * @param scopeKey whom it denied, e.g. {@code user=alice} or {@code ip=203.0.113.7}
   * @param periodStart the hour the denials fell in
   * @param count how many denials
   * @param firstAt the first denial
   * @param lastAt the last denial recorded so far
   */
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(scopeKey, "scopeKey");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(lastAt, "lastAt");
  }
}
