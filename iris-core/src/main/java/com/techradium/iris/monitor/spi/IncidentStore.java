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
  /**
   * Stores a new incident with its timeline.
   *
   * @param incident the incident
   * @return the stored incident
   */
  Incident insert(Incident incident);

  /**
   * Changes an incident atomically: locks it, applies {@link IncidentWorkflow#apply} and saves the
   * result, timeline entry included.
   *
   * @param id the incident's id
   * @param change the change
   * @param updateId the id of the timeline entry, if the change adds one
   * @param now the facade's current time
   * @return the changed incident, or empty if there is none with that id
   * @throws com.techradium.iris.core.ConflictException if the workflow refuses; nothing changes
   */
  Optional<Incident> change(UUID id, IncidentChange change, UUID updateId, Instant now);

  /**
   * The incident with its timeline.
   *
   * @param id the incident's id
   * @return the incident, or empty if there is none with that id
   */
  Optional<Incident> get(UUID id);

  /**
   * Up to {@code limit} incidents, newest first; only unresolved ones if {@code openOnly}.
   *
   * @param openOnly true for unresolved incidents only
   * @param limit the most incidents returned
   * @return the incidents, newest first
   */
  List<Incident> list(boolean openOnly, int limit);

  /**
   * The unresolved incident the alert rule {@code rule} opened, if any.
   *
   * @param rule the alert rule's name
   * @return the incident, or empty
   */
  Optional<Incident> openFor(String rule);

  /**
   * Stores a maintenance window.
   *
   * @param window the window
   * @return the stored window
   */
  MaintenanceWindow insertMaintenance(MaintenanceWindow window);

  /**
   * The windows overlapping {@code [from, to)}, by start.
   *
   * @param from the start of the range, inclusive
   * @param to the end of the range, exclusive
   * @return the windows, by start
   */
  List<MaintenanceWindow> maintenance(Instant from, Instant to);

  /**
   * Deletes a window; returns whether it existed.
   *
   * @param id the window's id
   * @return true if it existed
   */
  boolean deleteMaintenance(UUID id);
}
