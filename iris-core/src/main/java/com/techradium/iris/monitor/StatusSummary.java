package com.techradium.iris.monitor;

import com.techradium.iris.core.internal.IrisJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a public status page shows: every component with its status and 90-day uptime, the open
 * incidents with their latest update, and current and upcoming maintenance. It holds no check
 * details or alert rule names, so it can be served as JSON ({@link #toJson()}) to anyone.
 *
 * @param at when it was made
 * @param status the worst component status
 * @param components by name
 * @param incidents the open incidents, newest first
 * @param maintenance windows in force now or starting within 7 days, by start
 */
public record StatusSummary(
    Instant at,
    ComponentStatus status,
    List<Entry> components,
    List<OpenIncident> incidents,
    List<MaintenanceWindow> maintenance) {
  /**
   * Creates a {@code StatusSummary}, checking its components and copying its collections.
   *
   * @param at when it was made
   * @param status the worst component status
   * @param components by name
   * @param incidents the open incidents, newest first
   * @param maintenance windows in force now or starting within 7 days, by start
   */
  public StatusSummary {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    components = List.copyOf(components);
    incidents = List.copyOf(incidents);
    maintenance = List.copyOf(maintenance);
  }

  /**
   * A component on the status page.
   *
   * @param name key
   * @param displayName shown name
   * @param status status now
   * @param uptime90d uptime over the last 90 days, percent
   */
  public record Entry(String name, String displayName, ComponentStatus status, double uptime90d) {}

  /**
   * An open incident on the status page.
   *
   * @param id id
   * @param title title
   * @param impact impact
   * @param status status
   * @param components affected components
   * @param createdAt opened at
   * @param updatedAt last changed at
   * @param latestUpdate the latest timeline message, or null
   */
  public record OpenIncident(
      UUID id,
      String title,
      IncidentImpact impact,
      IncidentStatus status,
      List<String> components,
      Instant createdAt,
      Instant updatedAt,
      @Nullable String latestUpdate) {
    static OpenIncident of(Incident i) {
      List<IncidentUpdate> updates = i.updates();
      return new OpenIncident(
          i.id(),
          i.title(),
          i.impact(),
          i.status(),
          i.components(),
          i.createdAt(),
          i.updatedAt(),
          updates.isEmpty() ? null : updates.get(updates.size() - 1).message());
    }
  }

  /**
   * This summary as a JSON object.
   *
   * @return the JSON text
   */
  public String toJson() {
    return IrisJson.write(this);
  }
}
