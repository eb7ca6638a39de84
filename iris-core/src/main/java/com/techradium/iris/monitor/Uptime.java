package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A component's uptime over a window, under an {@link UptimePolicy}.
 *
 * @param component the component
 * @param from start of the window
 * @param to end of the window
 * @param observed time counted (the window less maintenance and time without results)
 * @param downtime weighted downtime within {@code observed}
 * @param maintenance time under maintenance
 * @param unknown time without a valid result
 * @param percent {@code 100 * (1 - downtime / observed)}; 100 when nothing was observed
 */
public record Uptime(
    String component,
    Instant from,
    Instant to,
    Duration observed,
    Duration downtime,
    Duration maintenance,
    Duration unknown,
    double percent) {
  /**
   * Creates an {@code Uptime}, checking its components.
   *
   * @param component the component
   * @param from start of the window
   * @param to end of the window
   * @param observed time counted (the window less maintenance and time without results)
   * @param downtime weighted downtime within {@code observed}
   * @param maintenance time under maintenance
   * @param unknown time without a valid result
   * @param percent {@code 100 * (1 - downtime / observed)}; 100 when nothing was observed
   */
  public Uptime {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(downtime, "downtime");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(unknown, "unknown");
  }

  /**
   * Whether any time of the window was observed.
   *
   * @return true if some time was observed
   */
  public boolean hasData() {
    return !observed.isZero();
  }
}
