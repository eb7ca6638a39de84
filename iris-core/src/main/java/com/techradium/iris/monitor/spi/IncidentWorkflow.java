package com.techradium.iris.monitor.spi;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.IncidentStatus;
import com.techradium.iris.monitor.IncidentUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The incident rule every {@link IncidentStore} applies, under its lock, to the incident it loaded:
 * statuses move forward only (investigating → identified → monitoring → resolved, skipping allowed)
 * and nothing changes a resolved incident except a postmortem link. Pure.
 */
public final class IncidentWorkflow {
  private IncidentWorkflow() {}

  /**
   * Whether an incident may move from {@code from} to {@code to}.
   *
   * @param from the current status
   * @param to the new status
   * @return true if the move is allowed
   */
  public static boolean allowed(IncidentStatus from, IncidentStatus to) {
    return from != IncidentStatus.RESOLVED && to.ordinal() >= from.ordinal();
  }

  /**
   * The incident after {@code change}.
   *
   * @param updateId the id of the timeline entry, if the change adds one
   * @param current the incident
   * @param change the change
   * @param now the facade's current time
   * @return the changed incident
   * @throws ConflictException for a backward move, or any change but a postmortem link to a
   *     resolved incident; nothing changes
   */
  public static Incident apply(
      Incident current, IncidentChange change, UUID updateId, Instant now) {
    boolean onlyPostmortem =
        change.status() == null
            && change.message() == null
            && change.impact() == null
            && change.components() == null;
    if (current.status() == IncidentStatus.RESOLVED && !onlyPostmortem) {
      throw new ConflictException("incident " + current.id() + " is resolved");
    }
    IncidentStatus status = change.status() == null ? current.status() : change.status();
    if (change.status() != null && !allowed(current.status(), status)) {
      throw new ConflictException(
          "incident "
              + current.id()
              + " cannot move from "
              + current.status().wireName()
              + " to "
              + status.wireName());
    }
    List<IncidentUpdate> updates = new ArrayList<>(current.updates());
    if (change.status() != null || change.message() != null) {
      String message =
          change.message() != null ? change.message() : "Status changed to " + status.wireName();
      updates.add(new IncidentUpdate(updateId, status, message, now));
    }
    return new Incident(
        current.id(),
        current.title(),
        change.impact() != null ? change.impact() : current.impact(),
        status,
        change.components() != null ? change.components() : current.components(),
        current.alertRule(),
        change.postmortemUrl() != null ? change.postmortemUrl() : current.postmortemUrl(),
        current.createdAt(),
        now,
        current.status() != IncidentStatus.RESOLVED && status == IncidentStatus.RESOLVED
            ? now
            : current.resolvedAt(),
        updates);
  }
}
