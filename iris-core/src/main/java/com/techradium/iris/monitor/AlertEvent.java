package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * A rule started or stopped firing.
 *
 * @param rule the rule's name
 * @param firing true when it started firing, false when it resolved
 * @param at when the monitor noticed
 * @param detail what the condition saw, e.g. {@code "p95 of http.latency_ms over PT5M = 812.0"}
 */
public record AlertEvent(String rule, boolean firing, Instant at, String detail) {
  /**
   * Creates an {@code AlertEvent}, checking its components.
   *
   * @param rule the rule's name
   * @param firing true when it started firing, false when it resolved
   * @param at when the monitor noticed
   * @param detail what the condition saw, e.g. {@code "p95 of http.latency_ms over PT5M = 812.0"}
   */
  public AlertEvent {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
  }
}
