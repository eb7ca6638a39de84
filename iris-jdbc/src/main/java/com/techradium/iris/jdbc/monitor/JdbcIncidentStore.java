package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_INCIDENTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_INCIDENT_UPDATES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_MAINTENANCE;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisMonitorIncidentsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisMonitorMaintenanceRecord;
import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.IncidentImpact;
import com.techradium.iris.monitor.IncidentStatus;
import com.techradium.iris.monitor.IncidentUpdate;
import com.techradium.iris.monitor.MaintenanceWindow;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.IncidentWorkflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Result;

/**
 * The {@link IncidentStore} on PostgreSQL: tables {@code iris_monitor_incidents}, {@code
 * iris_monitor_incident_updates} (the timeline, numbered per incident) and {@code
 * iris_monitor_maintenance}. A change locks the incident row ({@code FOR UPDATE}), applies {@link
 * IncidentWorkflow} to what it loaded and writes the row and the new timeline entry in one
 * transaction, so concurrent updates from any number of nodes serialise and none is lost. Writes
 * join the host's transaction when it has {@linkplain com.techradium.iris.jdbc.JdbcTransaction
 * joined} one. Thread-safe; it never closes the data source.
 */
public final class JdbcIncidentStore implements IncidentStore {
  private final JdbcContext db;

  private JdbcIncidentStore(JdbcContext db) {
    this.db = db;
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcIncidentStore of(DataSource dataSource) {
    return new JdbcIncidentStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public Incident insert(Incident incident) {
    db.inTransactionRun(
        "insert incident",
        dsl -> {
          dsl.executeInsert(row(dsl, incident));
          insertUpdates(dsl, incident.id(), incident.updates(), 0);
        });
    return incident;
  }

  @Override
  public Optional<Incident> change(UUID id, IncidentChange change, UUID updateId, Instant now) {
    return db.inTransaction(
        "change incident",
        dsl -> {
          IrisMonitorIncidentsRecord locked =
              dsl.selectFrom(IRIS_MONITOR_INCIDENTS)
                  .where(IRIS_MONITOR_INCIDENTS.ID.eq(id))
                  .forUpdate()
                  .fetchOne();
          if (locked == null) {
            return Optional.<Incident>empty();
          }
          Incident current =
              incident(locked, updatesOf(dsl, List.of(id)).getOrDefault(id, List.of()));
          Incident changed = IncidentWorkflow.apply(current, change, updateId, now);
          dsl.executeUpdate(row(dsl, changed));
          insertUpdates(dsl, id, changed.updates(), current.updates().size());
          return Optional.of(changed);
        });
  }

  @Override
  public Optional<Incident> get(UUID id) {
    return db.call(
        "read incident",
        dsl -> {
          IrisMonitorIncidentsRecord r =
              dsl.selectFrom(IRIS_MONITOR_INCIDENTS)
                  .where(IRIS_MONITOR_INCIDENTS.ID.eq(id))
                  .fetchOne();
          return r == null
              ? Optional.<Incident>empty()
              : Optional.of(incident(r, updatesOf(dsl, List.of(id)).getOrDefault(id, List.of())));
        });
  }

  @Override
  public List<Incident> list(boolean openOnly, int limit) {
    return db.call(
        "list incidents",
        dsl -> {
          Result<IrisMonitorIncidentsRecord> rows =
              dsl.selectFrom(IRIS_MONITOR_INCIDENTS)
                  .where(
                      openOnly
                          ? IRIS_MONITOR_INCIDENTS.STATUS.ne(IncidentStatus.RESOLVED.name())
                          : org.jooq.impl.DSL.noCondition())
                  .orderBy(
                      IRIS_MONITOR_INCIDENTS.CREATED_AT.desc(), IRIS_MONITOR_INCIDENTS.ID.desc())
                  .limit(limit)
                  .fetch();
          return withUpdates(dsl, rows);
        });
  }

  @Override
  public Optional<Incident> openFor(String rule) {
    return db.call(
        "find the incident of an alert rule",
        dsl ->
            withUpdates(
                    dsl,
                    dsl.selectFrom(IRIS_MONITOR_INCIDENTS)
                        .where(IRIS_MONITOR_INCIDENTS.ALERT_RULE.eq(rule))
                        .and(IRIS_MONITOR_INCIDENTS.STATUS.ne(IncidentStatus.RESOLVED.name()))
                        .orderBy(IRIS_MONITOR_INCIDENTS.CREATED_AT)
                        .limit(1)
                        .fetch())
                .stream()
                .findFirst());
  }

  @Override
  public MaintenanceWindow insertMaintenance(MaintenanceWindow window) {
    db.run(
        "insert maintenance window",
        dsl ->
            dsl.insertInto(IRIS_MONITOR_MAINTENANCE)
                .set(IRIS_MONITOR_MAINTENANCE.ID, window.id())
                .set(IRIS_MONITOR_MAINTENANCE.TITLE, window.title())
                .set(IRIS_MONITOR_MAINTENANCE.COMPONENTS, MonitorJson.jsonb(window.components()))
                .set(IRIS_MONITOR_MAINTENANCE.STARTS_AT, window.startsAt())
                .set(IRIS_MONITOR_MAINTENANCE.ENDS_AT, window.endsAt())
                .execute());
    return window;
  }

  @Override
  public List<MaintenanceWindow> maintenance(Instant from, Instant to) {
    return db.call(
        "read maintenance windows",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_MAINTENANCE)
                .where(IRIS_MONITOR_MAINTENANCE.STARTS_AT.lt(to))
                .and(IRIS_MONITOR_MAINTENANCE.ENDS_AT.gt(from))
                .orderBy(IRIS_MONITOR_MAINTENANCE.STARTS_AT, IRIS_MONITOR_MAINTENANCE.ID)
                .fetch(JdbcIncidentStore::window));
  }

  @Override
  public boolean deleteMaintenance(UUID id) {
    return db.call(
            "delete maintenance window",
            dsl ->
                dsl.deleteFrom(IRIS_MONITOR_MAINTENANCE)
                    .where(IRIS_MONITOR_MAINTENANCE.ID.eq(id))
                    .execute())
        > 0;
  }

  private static IrisMonitorIncidentsRecord row(DSLContext dsl, Incident i) {
    IrisMonitorIncidentsRecord r = dsl.newRecord(IRIS_MONITOR_INCIDENTS);
    r.setId(i.id());
    r.setTitle(i.title());
    r.setImpact(i.impact().name());
    r.setStatus(i.status().name());
    r.setComponents(MonitorJson.jsonb(i.components()));
    r.setAlertRule(i.alertRule());
    r.setPostmortemUrl(i.postmortemUrl());
    r.setCreatedAt(i.createdAt());
    r.setUpdatedAt(i.updatedAt());
    r.setResolvedAt(i.resolvedAt());
    return r;
  }

  private static void insertUpdates(DSLContext dsl, UUID id, List<IncidentUpdate> all, int stored) {
    if (all.size() <= stored) {
      return;
    }
    var insert =
        dsl.insertInto(
            IRIS_MONITOR_INCIDENT_UPDATES,
            IRIS_MONITOR_INCIDENT_UPDATES.INCIDENT_ID,
            IRIS_MONITOR_INCIDENT_UPDATES.SEQ,
            IRIS_MONITOR_INCIDENT_UPDATES.ID,
            IRIS_MONITOR_INCIDENT_UPDATES.STATUS,
            IRIS_MONITOR_INCIDENT_UPDATES.MESSAGE,
            IRIS_MONITOR_INCIDENT_UPDATES.AT);
    for (int i = stored; i < all.size(); i++) {
      IncidentUpdate u = all.get(i);
      insert = insert.values(id, i + 1, u.id(), u.status().name(), u.message(), u.at());
    }
    insert.execute();
  }

  private static Map<UUID, List<IncidentUpdate>> updatesOf(DSLContext dsl, List<UUID> ids) {
    Map<UUID, List<IncidentUpdate>> out = new LinkedHashMap<>();
    dsl.selectFrom(IRIS_MONITOR_INCIDENT_UPDATES)
        .where(IRIS_MONITOR_INCIDENT_UPDATES.INCIDENT_ID.in(ids))
        .orderBy(IRIS_MONITOR_INCIDENT_UPDATES.INCIDENT_ID, IRIS_MONITOR_INCIDENT_UPDATES.SEQ)
        .forEach(
            u ->
                out.computeIfAbsent(u.getIncidentId(), k -> new ArrayList<>())
                    .add(
                        new IncidentUpdate(
                            u.getId(),
                            IncidentStatus.valueOf(u.getStatus()),
                            u.getMessage(),
                            u.getAt())));
    return out;
  }

  private static List<Incident> withUpdates(
      DSLContext dsl, Result<IrisMonitorIncidentsRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<IncidentUpdate>> updates =
        updatesOf(dsl, rows.getValues(IRIS_MONITOR_INCIDENTS.ID));
    List<Incident> out = new ArrayList<>(rows.size());
    for (IrisMonitorIncidentsRecord r : rows) {
      out.add(incident(r, updates.getOrDefault(r.getId(), List.of())));
    }
    return out;
  }

  private static Incident incident(IrisMonitorIncidentsRecord r, List<IncidentUpdate> updates) {
    return new Incident(
        r.getId(),
        r.getTitle(),
        IncidentImpact.valueOf(r.getImpact()),
        IncidentStatus.valueOf(r.getStatus()),
        MonitorJson.names(r.getComponents()),
        r.getAlertRule(),
        r.getPostmortemUrl(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getResolvedAt(),
        updates);
  }

  private static MaintenanceWindow window(IrisMonitorMaintenanceRecord r) {
    return new MaintenanceWindow(
        r.getId(),
        r.getTitle(),
        MonitorJson.names(r.getComponents()),
        r.getStartsAt(),
        r.getEndsAt());
  }
}
