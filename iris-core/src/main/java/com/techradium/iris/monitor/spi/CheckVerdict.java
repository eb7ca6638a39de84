package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.CheckOutcome;
import java.util.Objects;

/**
 * What a {@link HealthCheck} found.
 *
 * @param outcome up, degraded, partial or down
 * @param detail a short reason, never a secret (it is stored and shown in overviews); empty if none
 */
public record CheckVerdict(CheckOutcome outcome, String detail) {
  /**
   * Creates a {@code CheckVerdict}, checking its components.
   *
   * @param outcome up, degraded, partial or down
   * @param detail a short reason, never a secret (it is stored and shown in overviews); empty if
   *     none
   */
  public CheckVerdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Healthy.
   *
   * @return the verdict
   */
  public static CheckVerdict up() {
    return new CheckVerdict(CheckOutcome.UP, "");
  }

  /**
   * Healthy, with a note such as the latency or a version.
   *
   * @param detail a short note
   * @return the verdict
   */
  public static CheckVerdict up(String detail) {
    return new CheckVerdict(CheckOutcome.UP, detail);
  }

  /**
   * Working but slow or erroring.
   *
   * @param detail what is wrong
   * @return the verdict
   */
  public static CheckVerdict degraded(String detail) {
    return new CheckVerdict(CheckOutcome.DEGRADED, detail);
  }

  /**
   * Partly unavailable.
   *
   * @param detail what is unavailable
   * @return the verdict
   */
  public static CheckVerdict partial(String detail) {
    return new CheckVerdict(CheckOutcome.PARTIAL, detail);
  }

  /**
   * Unavailable.
   *
   * @param detail why it is down
   * @return the verdict
   */
  public static CheckVerdict down(String detail) {
    return new CheckVerdict(CheckOutcome.DOWN, detail);
  }
}
