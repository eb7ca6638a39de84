package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds the monitor's views (overview, status summary) from its components. */
final class HealthViews {
  /** What the views ask the monitor. */
  interface Lookup {
    @Nullable ComponentStatus status(ComponentEntry entry, Instant now);

    Uptime uptime(ComponentEntry entry, Instant from, Instant to);
  }

  private HealthViews() {}

  static HealthOverview overview(
      Collection<ComponentEntry> components, Lookup lookup, Instant now) {
    List<ComponentHealth> out = new ArrayList<>();
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    for (ComponentEntry e : components) {
      ComponentStatus status = lookup.status(e, now);
      if (status != null) {
        worst = ComponentStatus.worst(worst, status);
      }
      CheckResult last = e.last();
      out.add(
          new ComponentHealth(
              e.name(),
              e.component.displayName(),
              status,
              e.component.critical(),
              last == null ? null : last.checkedAt(),
              last == null ? null : last.outcome(),
              last == null ? null : last.latency().toMillis(),
              last == null ? "" : last.detail()));
    }
    return new HealthOverview(now, worst, out);
  }

  static StatusSummary summary(
      Collection<ComponentEntry> components,
      Lookup lookup,
      @Nullable IncidentManager incidents,
      Instant now) {
    List<StatusSummary.Entry> entries = new ArrayList<>();
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    for (ComponentEntry e : components) {
      ComponentStatus status = lookup.status(e, now);
      ComponentStatus shown = status == null ? ComponentStatus.OPERATIONAL : status;
      worst = ComponentStatus.worst(worst, shown);
      Uptime uptime = lookup.uptime(e, now.minus(HealthMonitor.STATUS_UPTIME_WINDOW), now);
      entries.add(
          new StatusSummary.Entry(e.name(), e.component.displayName(), shown, uptime.percent()));
    }
    List<StatusSummary.OpenIncident> open =
        incidents == null
            ? List.of()
            : incidents.open().stream().map(StatusSummary.OpenIncident::of).toList();
    List<MaintenanceWindow> windows =
        incidents == null ? List.of() : incidents.maintenance(now, now.plus(Duration.ofDays(7)));
    return new StatusSummary(now, worst, entries, open, windows);
  }
}
