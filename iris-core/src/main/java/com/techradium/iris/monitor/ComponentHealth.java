package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One component in a {@link HealthOverview}.
 *
 * @param name the component's key
 * @param displayName its display name
 * @param status its status now (maintenance applied)
 * @param critical whether readiness depends on it
 * @param lastCheckedAt when its check last ran, or null if never
 * @param lastOutcome what that run found, or null
 * @param latencyMillis how long that run took, or null
 * @param detail that run's reason, empty if none
 */
public record ComponentHealth(
    String name,
    String displayName,
    @Nullable ComponentStatus status,
    boolean critical,
    @Nullable Instant lastCheckedAt,
    @Nullable CheckOutcome lastOutcome,
    @Nullable Long latencyMillis,
    String detail) {
  /**
   * Creates a {@code ComponentHealth}, checking its components.
   *
   * @param name the component's key
   * @param displayName its display name
   * @param status its status now (maintenance applied)
   * @param critical whether readiness depends on it
   * @param lastCheckedAt when its check last ran, or null if never
   * @param lastOutcome what that run found, or null
   * @param latencyMillis how long that run took, or null
   * @param detail that run's reason, empty if none
   */
  public ComponentHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(detail, "detail");
  }
}
