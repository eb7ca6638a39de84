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
  public CheckVerdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** Healthy. */
  public static CheckVerdict up() {
    return new CheckVerdict(CheckOutcome.UP, "");
  }

  /** Healthy, with a note such as the latency or a version. */
  public static CheckVerdict up(String detail) {
    return new CheckVerdict(CheckOutcome.UP, detail);
  }

  /** Working but slow or erroring. */
  public static CheckVerdict degraded(String detail) {
    return new CheckVerdict(CheckOutcome.DEGRADED, detail);
  }

  /** Partly unavailable. */
  public static CheckVerdict partial(String detail) {
    return new CheckVerdict(CheckOutcome.PARTIAL, detail);
  }

  /** Unavailable. */
  public static CheckVerdict down(String detail) {
    return new CheckVerdict(CheckOutcome.DOWN, detail);
  }
}
