package com.techradium.iris.monitor;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.monitor.spi.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Incidents and scheduled maintenance, for the status page and for the people working on them.
 *
 * <pre>{@code
 * IncidentManager incidents = IncidentManager.builder().store(new InMemoryIncidentStore()).build();
 * Incident incident = incidents.create(new NewIncident(
 *     "Calls failing in eu-west", IncidentImpact.MAJOR, List.of("sip"), "We are looking into it."));
 * incidents.update(incident.id(), IncidentChange.status(IncidentStatus.IDENTIFIED, "A bad deploy."));
 * }</pre>
 *
 * <p>Incidents and maintenance windows belong to the deployment, not to a tenant (a status page
 * describes the service every tenant shares), so no operation takes a tenant. An incident moves
 * forward only, investigating → identified → monitoring → resolved; a backward move or a change to
 * a resolved incident is a {@link ConflictException} and changes nothing. Built with a {@link
 * HealthMonitor}, component names are checked against the monitor's components, maintenance windows
 * put components {@linkplain ComponentStatus#UNDER_MAINTENANCE under maintenance}, and alert rules
 * may open and resolve incidents. Thread-safe.
 */
public final class IncidentManager {
  /** The most incidents {@link #list} returns. */
  public static final int MAX_LIST = 1000;

  private final IncidentStore store;
  private final Clock clock;
  private final TimeOrderedIds ids;
  private volatile Predicate<String> knownComponents =
      name -> Component.NAME_PATTERN.matcher(name).matches();

  IncidentManager(IncidentManagerBuilder b) {
    IrisContext context = b.context();
    this.store = Objects.requireNonNull(b.store);
    this.clock = context.clock();
    this.ids = context.ids();
  }

  /** The clock's time to the millisecond, the precision every store keeps. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /**
   * Starts configuring an incident manager.
   *
   * @return a new builder
   */
  public static IncidentManagerBuilder builder() {
    return new IncidentManagerBuilder();
  }

  /** The monitor that owns the components: from now on only its components are accepted. */
  void knowComponents(Predicate<String> known) {
    this.knownComponents = known;
  }

  /**
   * Opens an incident, investigating, with {@code incident.message()} as its first entry.
   *
   * @param incident the title, impact, components and first message
   * @return the incident
   * @throws ValidationException naming each bad field (title, message, components[i]); nothing
   *     stored
   */
  public Incident create(NewIncident incident) {
    Objects.requireNonNull(incident, "incident");
    Validation v = Validation.of().text("title", incident.title(), 200);
    MonitorChecks.message(v, "message", incident.message());
    MonitorChecks.components(v, "components", incident.components(), knownComponents);
    v.throwIfInvalid();
    return open(incident, null, now());
  }

  private Incident open(NewIncident incident, String rule, Instant now) {
    UUID id = ids.next();
    IncidentUpdate first =
        new IncidentUpdate(ids.next(), IncidentStatus.INVESTIGATING, incident.message(), now);
    return store.insert(
        new Incident(
            id,
            incident.title(),
            incident.impact(),
            IncidentStatus.INVESTIGATING,
            incident.components(),
            rule,
            null,
            now,
            now,
            null,
            List.of(first)));
  }

  /**
   * Changes an incident: status, a timeline entry, impact, components or the postmortem link.
   *
   * @param id the incident's id
   * @param change the change
   * @return the changed incident
   * @throws ValidationException naming each bad field; nothing changes
   * @throws NotFoundException no such incident
   * @throws ConflictException a backward move, or a change other than a postmortem link to a
   *     resolved incident; nothing changes
   */
  public Incident update(UUID id, IncidentChange change) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Validation v = Validation.of();
    if (change.message() != null) {
      MonitorChecks.message(v, "message", change.message());
    }
    if (change.components() != null) {
      MonitorChecks.components(v, "components", change.components(), knownComponents);
    }
    if (change.postmortemUrl() != null) {
      MonitorChecks.url(v, "postmortemUrl", change.postmortemUrl());
    }
    v.check(
        change.status() != null
            || change.message() != null
            || change.impact() != null
            || change.components() != null
            || change.postmortemUrl() != null,
        "change",
        "must change something");
    v.throwIfInvalid();
    return store
        .change(id, change, ids.next(), now())
        .orElseThrow(() -> NotFoundException.of("incident", id));
  }

  /**
   * Resolves an incident with a closing message.
   *
   * @param id the incident's id
   * @param message the closing message
   * @return the resolved incident
   */
  public Incident resolve(UUID id, String message) {
    return update(id, IncidentChange.status(IncidentStatus.RESOLVED, message));
  }

  /**
   * The incident with its timeline.
   *
   * @param id the incident's id
   * @return the incident, or empty if there is none with that id
   */
  public Optional<Incident> get(UUID id) {
    return store.get(Objects.requireNonNull(id, "id"));
  }

  /**
   * Up to {@code limit} incidents (1 to {@value #MAX_LIST}), newest first; only unresolved ones if
   * {@code openOnly}.
   *
   * @param openOnly true for unresolved incidents only
   * @param limit the most incidents returned
   * @return the incidents, newest first
   */
  public List<Incident> list(boolean openOnly, int limit) {
    Validation.of().range("limit", limit, 1, MAX_LIST).throwIfInvalid();
    return store.list(openOnly, limit);
  }

  /**
   * The unresolved incidents, newest first.
   *
   * @return the incidents
   */
  public List<Incident> open() {
    return store.list(true, MAX_LIST);
  }

  /**
   * Schedules maintenance of {@code components} in {@code [startsAt, endsAt)}.
   *
   * @param title the window's title
   * @param components the names of the components under maintenance
   * @param startsAt the start, inclusive
   * @param endsAt the end, exclusive
   * @return the window
   * @throws ValidationException naming each bad field (title, components, endsAt); nothing stored
   */
  public MaintenanceWindow scheduleMaintenance(
      String title, List<String> components, Instant startsAt, Instant endsAt) {
    Objects.requireNonNull(components, "components");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Validation v = Validation.of().text("title", title, 200);
    v.check(!components.isEmpty(), "components", "must name at least one component");
    MonitorChecks.components(v, "components", components, knownComponents);
    v.check(endsAt.isAfter(startsAt), "endsAt", "must be after startsAt");
    v.check(
        Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(31)) <= 0,
        "endsAt",
        "must be at most 31 days after startsAt");
    v.throwIfInvalid();
    return store.insertMaintenance(
        new MaintenanceWindow(ids.next(), title, components, startsAt, endsAt));
  }

  /**
   * Cancels a maintenance window; returns whether it existed.
   *
   * @param id the window's id
   * @return true if it existed
   */
  public boolean cancelMaintenance(UUID id) {
    return store.deleteMaintenance(Objects.requireNonNull(id, "id"));
  }

  /**
   * The maintenance windows overlapping {@code [from, to)}, by start.
   *
   * @param from the start of the range, inclusive
   * @param to the end of the range, exclusive
   * @return the windows, by start
   * @throws ValidationException if {@code to} is not after {@code from}
   */
  public List<MaintenanceWindow> maintenance(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Validation.of().check(to.isAfter(from), "to", "must be after from").throwIfInvalid();
    return store.maintenance(from, to);
  }

  /** The windows in force at {@code at}. */
  List<MaintenanceWindow> activeAt(Instant at) {
    return store.maintenance(at, at.plusMillis(1));
  }

  /** Opens an incident for a firing alert rule unless one is open already. */
  void openForAlert(String rule, List<String> components, String detail, Instant now) {
    if (store.openFor(rule).isPresent()) {
      return;
    }
    open(
        new NewIncident(
            "Alert " + rule + " is firing",
            components.isEmpty() ? IncidentImpact.MINOR : IncidentImpact.MAJOR,
            components,
            "Opened by alert rule " + rule + ": " + detail),
        rule,
        now);
  }

  /** Resolves the incident a rule opened, if one is open. */
  void resolveForAlert(String rule, String detail, Instant now) {
    store
        .openFor(rule)
        .ifPresent(
            incident ->
                store.change(
                    incident.id(),
                    IncidentChange.status(
                        IncidentStatus.RESOLVED, "Alert rule " + rule + " resolved: " + detail),
                    ids.next(),
                    now));
  }
}
