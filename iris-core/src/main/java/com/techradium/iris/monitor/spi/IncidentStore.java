package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps incidents with their timelines, and maintenance windows. Deployment data, not per tenant.
 * Implementations are thread-safe; a backend failure is a {@link
 * com.techradium.iris.core.StorageException} with its cause.
 */
public interface IncidentStore {
  /** Stores a new incident with its timeline. */
  Incident insert(Incident incident);

  /**
   * Changes an incident atomically: locks it, applies {@link IncidentWorkflow#apply} and saves the
   * result, timeline entry included.
   *
   * @return the changed incident, or empty if there is none with that id
   * @throws com.techradium.iris.core.ConflictException if the workflow refuses; nothing changes
   */
  Optional<Incident> change(UUID id, IncidentChange change, UUID updateId, Instant now);

  /** The incident with its timeline. */
  Optional<Incident> get(UUID id);

  /** Up to {@code limit} incidents, newest first; only unresolved ones if {@code openOnly}. */
  List<Incident> list(boolean openOnly, int limit);

  /** The unresolved incident the alert rule {@code rule} opened, if any. */
  Optional<Incident> openFor(String rule);

  /** Stores a maintenance window. */
  MaintenanceWindow insertMaintenance(MaintenanceWindow window);

  /** The windows overlapping {@code [from, to)}, by start. */
  List<MaintenanceWindow> maintenance(Instant from, Instant to);

  /** Deletes a window; returns whether it existed. */
  boolean deleteMaintenance(UUID id);
}
