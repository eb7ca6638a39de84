package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A component's status, named as status pages name it, from best to worst, with {@link
 * #UNDER_MAINTENANCE} aside. Serialised to JSON in lower snake case ({@code
 * "degraded_performance"}).
 */
public enum ComponentStatus {
  /** Working normally. */
  OPERATIONAL,
  /** Working, but slow or with errors a user may notice. */
  DEGRADED_PERFORMANCE,
  /** Partly unavailable. */
  PARTIAL_OUTAGE,
  /** Unavailable. */
  MAJOR_OUTAGE,
  /** In a scheduled maintenance window; excluded from uptime and SLA figures. */
  UNDER_MAINTENANCE;

  /**
   * The status page name, e.g. {@code degraded_performance}.
   *
   * @return the status page name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * How bad the status is: 0 operational to 3 major outage; maintenance counts as 0.
   *
   * @return the severity, 0 to 3
   */
  public int severity() {
    return this == UNDER_MAINTENANCE ? 0 : ordinal();
  }

  /**
   * The worse of two statuses (maintenance loses to any outage).
   *
   * @param a one status
   * @param b the other status
   * @return the worse one
   */
  public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
    return b.severity() > a.severity() ? b : a;
  }
}
