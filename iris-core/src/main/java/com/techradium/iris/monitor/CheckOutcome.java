package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one run of a health check found. */
public enum CheckOutcome {
  /** Healthy. */
  UP(ComponentStatus.OPERATIONAL),
  /** Answering, but slowly or with errors. */
  DEGRADED(ComponentStatus.DEGRADED_PERFORMANCE),
  /** Partly unavailable (some nodes, some regions). */
  PARTIAL(ComponentStatus.PARTIAL_OUTAGE),
  /** Unavailable, failed, or did not answer within its timeout. */
  DOWN(ComponentStatus.MAJOR_OUTAGE);

  private final ComponentStatus status;

  CheckOutcome(ComponentStatus status) {
    this.status = status;
  }

  /**
   * The status this outcome points to once flap control lets it through.
   *
   * @return the component status
   */
  public ComponentStatus status() {
    return status;
  }

  /**
   * The JSON name, e.g. {@code up}.
   *
   * @return the JSON name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
