package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An incident with its timeline, oldest entry first.
 *
 * @param id UUIDv7
 * @param title e.g. {@code "Calls failing in eu-west"}
 * @param impact how bad it is
 * @param status where it stands
 * @param components the affected components' names
 * @param alertRule the alert rule that opened it, or null if a person did
 * @param postmortemUrl link to the postmortem, or null
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param resolvedAt when it was resolved, or null while open
 * @param updates the timeline, oldest first; the first entry is the opening message
 */
public record Incident(
    UUID id,
    String title,
    IncidentImpact impact,
    IncidentStatus status,
    List<String> components,
    @Nullable String alertRule,
    @Nullable String postmortemUrl,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant resolvedAt,
    List<IncidentUpdate> updates) {
  /**
   * Creates an {@code Incident}, checking its components and copying its collections.
   *
   * @param id UUIDv7
   * @param title e.g. {@code "Calls failing in eu-west"}
   * @param impact how bad it is
   * @param status where it stands
   * @param components the affected components' names
   * @param alertRule the alert rule that opened it, or null if a person did
   * @param postmortemUrl link to the postmortem, or null
   * @param createdAt when it was opened
   * @param updatedAt when it last changed
   * @param resolvedAt when it was resolved, or null while open
   * @param updates the timeline, oldest first; the first entry is the opening message
   */
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    components = List.copyOf(components);
    updates = List.copyOf(updates);
  }

  /**
   * Whether it is not resolved yet.
   *
   * @return true unless resolved
   */
  public boolean isOpen() {
    return status != IncidentStatus.RESOLVED;
  }
}
