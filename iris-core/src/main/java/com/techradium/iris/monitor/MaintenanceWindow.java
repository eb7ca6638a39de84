package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Scheduled maintenance: between {@code startsAt} and {@code endsAt} the components are {@link
 * ComponentStatus#UNDER_MAINTENANCE}, and that time is excluded from uptime and SLA figures.
 *
 * @param id UUIDv7
 * @param title e.g. {@code "Database upgrade"}
 * @param components the components' names, at least one
 * @param startsAt start, inclusive
 * @param endsAt end, exclusive; after {@code startsAt}
 */
public record MaintenanceWindow(
    UUID id, String title, List<String> components, Instant startsAt, Instant endsAt) {
  /**
   * Creates a {@code MaintenanceWindow}, checking its components and copying its collections.
   *
   * @param id UUIDv7
   * @param title e.g. {@code "Database upgrade"}
   * @param components the components' names, at least one
   * @param startsAt start, inclusive
   * @param endsAt end, exclusive; after {@code startsAt}
   */
  public MaintenanceWindow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    components = List.copyOf(components);
  }

  /**
   * Whether the window covers {@code component} at {@code at}.
   *
   * @param component the component's name
   * @param at the time
   * @return true if the window covers the component at that time
   */
  public boolean covers(String component, Instant at) {
    return components.contains(component) && !at.isBefore(startsAt) && at.isBefore(endsAt);
  }
}
