package com.techradium.iris.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One pair of windows of a multi-window burn-rate alert: it fires when the error budget burns at
 * least {@code factor} times the sustainable rate over both the long and the short window (the
 * short one makes the alert stop soon after the burning stops).
 *
 * @param longWindow e.g. 1 h
 * @param shortWindow e.g. 5 min; not longer than {@code longWindow}
 * @param factor e.g. 14.4 (2 % of a 30-day budget in one hour); above 0
 */
public record BurnWindow(Duration longWindow, Duration shortWindow, double factor) {
  /**
   * Creates a {@code BurnWindow}, checking its components.
   *
   * @param longWindow e.g. 1 h
   * @param shortWindow e.g. 5 min; not longer than {@code longWindow}
   * @param factor e.g. 14.4 (2 % of a 30-day budget in one hour); above 0
   */
  public BurnWindow {
    Objects.requireNonNull(longWindow, "longWindow");
    Objects.requireNonNull(shortWindow, "shortWindow");
  }

  /**
   * The usual pair for paging on a 30-day target: 14.4× over 1 h and 5 min, and 6× over 6 h and 30
   * min.
   *
   * @return the two standard burn windows
   */
  public static List<BurnWindow> standard() {
    return List.of(
        new BurnWindow(Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
        new BurnWindow(Duration.ofHours(6), Duration.ofMinutes(30), 6));
  }
}
