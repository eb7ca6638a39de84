package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.schema.Tables.IRIS_MONITOR_RESULTS;

import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.schema.tables.records.IrisMonitorResultsRecord;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.StatusTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.InsertValuesStep7;
import org.jooq.impl.DSL;

/**
 * The {@link CheckResultStore} on PostgreSQL: table {@code iris_monitor_results}, keyed by
 * (component, checked_at, id) so that a component's history is one index range. Ids are UUIDv7 from
 * one generator per store, so results of one component at the same instant come back in id order,
 * which is the order this store appended them. {@link #statusTimes} is one aggregate query over
 * that index range. Thread-safe; it never closes the data source.
 */
public final class JdbcCheckResultStore implements CheckResultStore {
  /**
   * The uptime rule of {@link StatusTimes} in SQL, one statement. It reads the component's rows
   * from the last one before the window (with any tied with it) to the window's end in key order:
   * the range conditions compare (component, checked_at) rows so that only the primary key can
   * serve them (with plain conditions the planner may take the time index, which holds every
   * component's rows, and sort). Each row's time is taken to the millisecond, floored, in {@code
   * double precision}: exact ({@code date_part} gives the epoch to well under a microsecond, which
   * is rounded to the microsecond before flooring) and about twice as cheap per row as {@code
   * interval} arithmetic. Its status holds until the next row ({@code lead}), clamped to the window
   * and to {@code stale}; a row before the window whose time ends before it is left out; the rest
   * is summed per status.
   */
  private static final String STATUS_TIMES =
      "with r as (select status, at_ms, lead(at_ms) over (order by checked_at, id) as next_ms"
          + " from (select status, checked_at, id,"
          + " floor(round(date_part('epoch', checked_at) * 1000000) / 1000) as at_ms"
          + " from iris_monitor_results where component = ?"
          + " and (component, checked_at) < (?, cast(? as timestamptz))"
          + " and (component, checked_at) >= (?, coalesce("
          + "(select max(checked_at) from iris_monitor_results"
          + " where component = ? and (component, checked_at) < (?, cast(? as timestamptz))),"
          + " cast(? as timestamptz)))) x),"
          + " p as (select cast(? as double precision) as from_ms,"
          + " cast(? as double precision) as to_ms, cast(? as double precision) as stale_ms)"
          + " select r.status, cast(sum(least(coalesce(r.next_ms, p.to_ms), p.to_ms,"
          + " r.at_ms + p.stale_ms) - greatest(r.at_ms, p.from_ms)) as bigint)"
          + " from r cross join p"
          + " where r.at_ms >= p.from_ms"
          + " or least(coalesce(r.next_ms, p.to_ms), r.at_ms + p.stale_ms) > p.from_ms"
          + " group by r.status";

  private final JdbcContext db;
  private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

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
                    ids.next(),
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
  public StatusTimes statusTimes(String component, Instant from, Instant to, Duration stale) {
    Objects.requireNonNull(component, "component");
    if (!from.isBefore(to) || stale.isNegative() || stale.isZero()) {
      return StatusTimes.NONE;
    }
    long[] millis = new long[ComponentStatus.values().length];
    db.run(
        "sum the time in each status",
        dsl ->
            dsl.resultQuery(
                    STATUS_TIMES,
                    component,
                    component,
                    at(to),
                    component,
                    component,
                    component,
                    at(from),
                    at(from),
                    from.toEpochMilli(),
                    to.toEpochMilli(),
                    stale.toMillis())
                .fetch()
                .forEach(
                    row ->
                        millis[ComponentStatus.valueOf(row.get(0, String.class)).ordinal()] =
                            row.get(1, Long.class)));
    return StatusTimes.ofMillis(millis);
  }

  private static Field<Instant> at(Instant value) {
    return DSL.val(value, IRIS_MONITOR_RESULTS.CHECKED_AT);
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
