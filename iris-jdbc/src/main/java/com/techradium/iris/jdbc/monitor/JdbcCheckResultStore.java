package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.schema.Tables.IRIS_MONITOR_RESULTS;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.schema.tables.records.IrisMonitorResultsRecord;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.CheckResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.InsertValuesStep7;
import org.jooq.impl.DSL;

/**
 * The {@link CheckResultStore} on PostgreSQL: table {@code iris_monitor_results}, keyed by
 * (component, checked_at, id) so that a component's history is one index range. Results of one
 * component at the same instant come back in id order. Thread-safe; it never closes the data
 * source.
 */
public final class JdbcCheckResultStore implements CheckResultStore {
  private final JdbcContext db;

  private JdbcCheckResultStore(JdbcContext db) {
    this.db = db;
  }

  /** A store over a host-owned data source. Run {@code JdbcIris.migrate} first. */
  public static JdbcCheckResultStore of(DataSource dataSource) {
    return new JdbcCheckResultStore(
        JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public void append(List<CheckResult> results) {
    if (results.isEmpty()) {
      return;
    }
    db.run(
        "append check results",
        dsl -> {
          InsertValuesStep7<
                  IrisMonitorResultsRecord, String, Instant, UUID, String, String, Long, String>
              insert =
                  dsl.insertInto(
                      IRIS_MONITOR_RESULTS,
                      IRIS_MONITOR_RESULTS.COMPONENT,
                      IRIS_MONITOR_RESULTS.CHECKED_AT,
                      IRIS_MONITOR_RESULTS.ID,
                      IRIS_MONITOR_RESULTS.OUTCOME,
                      IRIS_MONITOR_RESULTS.STATUS,
                      IRIS_MONITOR_RESULTS.LATENCY_MS,
                      IRIS_MONITOR_RESULTS.DETAIL);
          for (CheckResult r : results) {
            insert =
                insert.values(
                    r.component(),
                    r.checkedAt(),
                    UUID.randomUUID(),
                    r.outcome().name(),
                    r.status().name(),
                    r.latency().toMillis(),
                    r.detail());
          }
          insert.execute();
        });
  }

  @Override
  public List<CheckResult> between(String component, Instant from, Instant to) {
    return db.call(
        "read check results",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_RESULTS)
                .where(IRIS_MONITOR_RESULTS.COMPONENT.eq(component))
                .and(IRIS_MONITOR_RESULTS.CHECKED_AT.ge(from))
                .and(IRIS_MONITOR_RESULTS.CHECKED_AT.lt(to))
                .orderBy(IRIS_MONITOR_RESULTS.CHECKED_AT, IRIS_MONITOR_RESULTS.ID)
                .fetch(JdbcCheckResultStore::result));
  }

  @Override
  public Optional<CheckResult> lastBefore(String component, Instant at) {
    return db.call(
        "read the last check result",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_RESULTS)
                .where(IRIS_MONITOR_RESULTS.COMPONENT.eq(component))
                .and(IRIS_MONITOR_RESULTS.CHECKED_AT.lt(at))
                .orderBy(IRIS_MONITOR_RESULTS.CHECKED_AT.desc(), IRIS_MONITOR_RESULTS.ID.desc())
                .limit(1)
                .fetchOptional(JdbcCheckResultStore::result));
  }

  @Override
  public List<CheckResult> latest(String component, int limit) {
    return db.call(
        "read the latest check results",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_RESULTS)
                .where(IRIS_MONITOR_RESULTS.COMPONENT.eq(component))
                .orderBy(IRIS_MONITOR_RESULTS.CHECKED_AT.desc(), IRIS_MONITOR_RESULTS.ID.desc())
                .limit(limit)
                .fetch(JdbcCheckResultStore::result));
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    return db.call(
        "delete old check results",
        dsl ->
            dsl.deleteFrom(IRIS_MONITOR_RESULTS)
                .where(
                    DSL.row(
                            IRIS_MONITOR_RESULTS.COMPONENT,
                            IRIS_MONITOR_RESULTS.CHECKED_AT,
                            IRIS_MONITOR_RESULTS.ID)
                        .in(
                            dsl.select(
                                    IRIS_MONITOR_RESULTS.COMPONENT,
                                    IRIS_MONITOR_RESULTS.CHECKED_AT,
                                    IRIS_MONITOR_RESULTS.ID)
                                .from(IRIS_MONITOR_RESULTS)
                                .where(IRIS_MONITOR_RESULTS.CHECKED_AT.lt(cutoff))
                                .orderBy(IRIS_MONITOR_RESULTS.CHECKED_AT)
                                .limit(limit)))
                .execute());
  }

  private static CheckResult result(IrisMonitorResultsRecord r) {
    return new CheckResult(
        r.getComponent(),
        r.getCheckedAt(),
        CheckOutcome.valueOf(r.getOutcome()),
        ComponentStatus.valueOf(r.getStatus()),
        Duration.ofMillis(r.getLatencyMs()),
        r.getDetail());
  }
}
