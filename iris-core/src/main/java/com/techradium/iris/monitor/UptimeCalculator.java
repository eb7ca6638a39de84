package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.StatusTimes;
import java.time.Duration;
import java.time.Instant;

/**
 * The uptime rule's second half: the time a component spent in each status (the first half, {@link
 * StatusTimes}, which the store computes) weighted by the {@link UptimePolicy}. Pure and constant
 * time.
 */
final class UptimeCalculator {
  private UptimeCalculator() {}

  /**
   * Uptime of {@code component} in {@code [from, to)}.
   *
   * @param times the time in each status in the window, as {@link
   *     com.techradium.iris.monitor.spi.CheckResultStore#statusTimes} returns it
   */
  static Uptime compute(
      String component, Instant from, Instant to, StatusTimes times, UptimePolicy policy) {
    long observed = 0;
    double down = 0;
    long maintenance = 0;
    for (ComponentStatus status : ComponentStatus.values()) {
      long span = times.of(status).toMillis();
      if (status == ComponentStatus.UNDER_MAINTENANCE) {
        maintenance += span;
      } else {
        observed += span;
        down += span * policy.downtimeWeight(status);
      }
    }
    long covered = observed + maintenance;
    long window = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    long downMs = Math.round(down);
    double percent = observed == 0 ? 100.0 : 100.0 * (1.0 - down / observed);
    return new Uptime(
        component,
        from,
        to,
        Duration.ofMillis(observed),
        Duration.ofMillis(downMs),
        Duration.ofMillis(maintenance),
        Duration.ofMillis(window - covered),
        percent);
  }
}
