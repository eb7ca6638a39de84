package com.techradium.iris.monitor.memory;

import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.MaintenanceWindow;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.IncidentWorkflow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IncidentStore} in memory. Thread-safe; changes to one incident are serialised. */
public final class InMemoryIncidentStore implements IncidentStore {
  private final Map<UUID, Incident> incidents = new ConcurrentHashMap<>();
  private final Map<UUID, MaintenanceWindow> windows = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryIncidentStore() {}

  @Override
  public Incident insert(Incident incident) {
    if (incidents.putIfAbsent(incident.id(), incident) != null) {
      throw new IllegalArgumentException("incident " + incident.id() + " exists");
    }
    return incident;
  }

  @Override
  public Optional<Incident> change(UUID id, IncidentChange change, UUID updateId, Instant now) {
    Objects.requireNonNull(change, "change");
    return Optional.ofNullable(
        incidents.computeIfPresent(
            id, (k, current) -> IncidentWorkflow.apply(current, change, updateId, now)));
  }

  @Override
  public Optional<Incident> get(UUID id) {
    return Optional.ofNullable(incidents.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<Incident> list(boolean openOnly, int limit) {
    return incidents.values().stream()
        .filter(i -> !openOnly || i.isOpen())
        .sorted(Comparator.comparing(Incident::createdAt).thenComparing(Incident::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<Incident> openFor(String rule) {
    return incidents.values().stream()
        .filter(i -> i.isOpen() && rule.equals(i.alertRule()))
        .min(Comparator.comparing(Incident::createdAt));
  }

  @Override
  public MaintenanceWindow insertMaintenance(MaintenanceWindow window) {
    windows.put(window.id(), window);
    return window;
  }

  @Override
  public List<MaintenanceWindow> maintenance(Instant from, Instant to) {
    return windows.values().stream()
        .filter(w -> w.startsAt().isBefore(to) && w.endsAt().isAfter(from))
        .sorted(
            Comparator.comparing(MaintenanceWindow::startsAt).thenComparing(MaintenanceWindow::id))
        .toList();
  }

  @Override
  public boolean deleteMaintenance(UUID id) {
    return windows.remove(Objects.requireNonNull(id, "id")) != null;
  }
}
