package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_RESULTS;

import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisMonitorResultsRecord;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.StatusTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep7;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CheckResultStore} on PostgreSQL: table {@code iris_monitor_results}, keyed by
 * (component, checked_at, id) so that a component's history is one index range. Ids are UUIDv7 from
 * one generator per store, so results of one component at the same instant come back in id order,
 * which is the order this store appended them.
 *
 * <p>{@link #statusTimes} relies on the times being additive over adjacent ranges (each range
 * carrying in the last result before its start): it splits the window into a partial first day,
 * whole UTC days and a partial rest, tallies the partial ends from their results (at most about a
 * day each, read by key range), and takes the whole days from {@code iris_monitor_status_days}, one
 * row per component, stale limit and day. Days missing there are computed from the results in one
 * statement and stored, but only once they are final: the component has a result at or after the
 * day's end, so a result appended in time order can no longer change them. A result appended into
 * or before a stored day (a late append) deletes the rows of its day and every later day of its
 * component, in the append's transaction; retention deletes the rows of the days whose times it
 * changes. A per-component advisory lock, shared by the statement that stores days and exclusive in
 * {@link #append} and {@link #deleteBefore}, keeps a day computed from results a concurrent change
 * does not see from being stored after that change deleted the day. Thread-safe; it never closes
 * the data source.
 */
public final class JdbcCheckResultStore implements CheckResultStore {
  private static final long DAY_MS = 86_400_000L;

  /** The first key of this store's advisory locks; the second is the component's hash. */
  private static final int LOCK_CLASS = 0x49524d53;

  /** The statuses in the order of the day table's columns. */
  private static final String DAY_COLUMNS =
      "operational_ms, degraded_performance_ms, partial_outage_ms, major_outage_ms,"
          + " under_maintenance_ms";

  /**
   * The stored whole days of a window, summed: how many of {@code [first, end)} (epoch days) are
   * stored and their times per status, in {@link #DAY_COLUMNS} order.
   */
  private static final String STORED_DAYS =
      "select count(*), sum(operational_ms), sum(degraded_performance_ms),"
          + " sum(partial_outage_ms), sum(major_outage_ms), sum(under_maintenance_ms)"
          + " from iris_monitor_status_days where component = ? and stale_ms = ?"
          + " and day >= date '1970-01-01' + cast(? as integer)"
          + " and day < date '1970-01-01' + cast(? as integer)";

  /**
   * The whole days {@code [first, end)} (epoch days) of a component and stale limit, summed: the
   * stored ones as they are, the missing ones computed from the results and stored, all in one
   * snapshot. The missing days are computed in SQL (each row's time taken to the millisecond,
   * floored, in {@code double precision}; its status held until the next row by {@code lead}), over
   * the rows from the last one before the first missing day to the end of the last: each row's span
   * (to the next row, at most {@code stale}, within those bounds) is cut at day boundaries and
   * summed per day and status; a missing day without any span is stored with zero times. Days
   * between missing ones that are stored already are not written again ({@code on conflict do
   * nothing} also leaves a day a concurrent call stored first).
   */
  private static final String FILL_DAYS =
      "with p as (select cast(? as varchar) as component, cast(? as bigint) as stale_ms,"
          + " cast(? as bigint) as first_day, cast(? as bigint) as end_day),"
          + " have as (select (s.day - date '1970-01-01') as d, "
          + DAY_COLUMNS
          + " from iris_monitor_status_days s, p where s.component = p.component"
          + " and s.stale_ms = p.stale_ms"
          + " and s.day >= date '1970-01-01' + cast(p.first_day as integer)"
          + " and s.day < date '1970-01-01' + cast(p.end_day as integer)),"
          + " missing as (select g.d from p,"
          + " generate_series(p.first_day, p.end_day - 1) g(d)"
          + " where not exists (select 1 from have where have.d = g.d)),"
          + " b as (select to_timestamp(min(d) * 86400) as lo_at, to_timestamp((max(d) + 1) * 86400)"
          + " as hi_at, min(d) * 86400000.0 as lo_ms, (max(d) + 1) * 86400000.0 as hi_ms"
          + " from missing),"
          + " r as (select status, at_ms, lead(at_ms) over (order by checked_at, id) as next_ms"
          + " from (select status, checked_at, id,"
          + " floor(round(date_part('epoch', checked_at) * 1000000) / 1000) as at_ms"
          + " from iris_monitor_results where component = ?"
          + " and (component, checked_at) < (?, (select hi_at from b))"
          + " and (component, checked_at) >= (?, coalesce("
          + "(select max(checked_at) from iris_monitor_results where component = ?"
          + " and (component, checked_at) < (?, (select lo_at from b))),"
          + " (select lo_at from b)))) x),"
          + " spans as (select r.status, greatest(r.at_ms, b.lo_ms) as s,"
          + " least(coalesce(r.next_ms, b.hi_ms), r.at_ms + p.stale_ms, b.hi_ms) as e"
          + " from r, b, p),"
          + " parts as (select spans.status, g.d,"
          + " least(spans.e, (g.d + 1) * 86400000.0) - greatest(spans.s, g.d * 86400000.0) as ms"
          + " from spans cross join lateral generate_series("
          + "cast(floor(spans.s / 86400000) as bigint), cast(floor((spans.e - 1) / 86400000)"
          + " as bigint)) g(d) where spans.e > spans.s),"
          + " computed as (select m.d,"
          + " cast(coalesce(sum(ms) filter (where status = 'OPERATIONAL'), 0) as bigint) as o,"
          + " cast(coalesce(sum(ms) filter (where status = 'DEGRADED_PERFORMANCE'), 0) as bigint)"
          + " as dp,"
          + " cast(coalesce(sum(ms) filter (where status = 'PARTIAL_OUTAGE'), 0) as bigint) as po,"
          + " cast(coalesce(sum(ms) filter (where status = 'MAJOR_OUTAGE'), 0) as bigint) as mo,"
          + " cast(coalesce(sum(ms) filter (where status = 'UNDER_MAINTENANCE'), 0) as bigint)"
          + " as um"
          + " from missing m left join parts on parts.d = m.d group by m.d),"
          + " ins as (insert into iris_monitor_status_days (component, stale_ms, day, "
          + DAY_COLUMNS
          + ") select p.component, p.stale_ms, date '1970-01-01' + cast(c.d as integer),"
          + " c.o, c.dp, c.po, c.mo, c.um from computed c, p on conflict do nothing)"
          + " select cast(coalesce(sum(o), 0) as bigint), cast(coalesce(sum(dp), 0) as bigint),"
          + " cast(coalesce(sum(po), 0) as bigint), cast(coalesce(sum(mo), 0) as bigint),"
          + " cast(coalesce(sum(um), 0) as bigint) from (select o, dp, po, mo, um from computed"
          + " union all select "
          + DAY_COLUMNS
          + " from have) t";

  /**
   * Takes the store's advisory lock on each of the components ({@code text[]}), exclusive, in hash
   * order so that two transactions never wait on each other in a cycle.
   */
  private static final String LOCK_COMPONENTS =
      "select count(pg_advisory_xact_lock(?, h)) from (select distinct hashtext(c) as h"
          + " from unnest(cast(? as text[])) c order by h) x";

  /**
   * Deletes the stored days a late append may change: for each component ({@code text[]}), its days
   * from the one holding its earliest appended result ({@code bigint[]}, epoch milliseconds) on.
   */
  private static final String FORGET_DAYS_FROM =
      "delete from iris_monitor_status_days s using unnest(cast(? as text[]),"
          + " cast(? as bigint[])) a(component, from_ms) where s.component = a.component"
          + " and s.day >= date '1970-01-01' + cast(floor(a.from_ms / 86400000.0) as integer)";

  /**
   * Deletes the stored days retention may have changed: for each component ({@code text[]}), the
   * days that start before its latest deleted result ({@code bigint[]}, epoch milliseconds) plus
   * the day's stale limit, the furthest a deleted result's time (or a result tied with it) reaches.
   */
  private static final String FORGET_DAYS_UNTIL =
      "delete from iris_monitor_status_days s using unnest(cast(? as text[]),"
          + " cast(? as bigint[])) a(component, last_ms) where s.component = a.component"
          + " and cast(s.day - date '1970-01-01' as numeric) * 86400000"
          + " < cast(a.last_ms as numeric) + s.stale_ms";

  private final JdbcContext db;
  private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

  private JdbcCheckResultStore(JdbcContext db) {
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
  public static JdbcCheckResultStore of(DataSource dataSource) {
    return new JdbcCheckResultStore(
        JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public void append(List<CheckResult> results) {
    if (results.isEmpty()) {
      return;
    }
    Map<String, Instant> earliest = new TreeMap<>();
    for (CheckResult r : results) {
      earliest.merge(r.component(), r.checkedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }
    db.inTransactionRun(
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
          String[] components = earliest.keySet().toArray(String[]::new);
          Long[] fromMs =
              earliest.values().stream().map(Instant::toEpochMilli).toArray(Long[]::new);
          lock(dsl, components);
          dsl.execute(FORGET_DAYS_FROM, components, fromMs);
        });
  }

  private static void lock(DSLContext dsl, String[] components) {
    dsl.resultQuery(LOCK_COMPONENTS, LOCK_CLASS, components).fetch();
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

  /**
   * {@inheritDoc}
   *
   * <p>Here: the partial first day and the rest after the last final whole day are tallied from
   * their results, read; the final whole days in between come from {@code
   * iris_monitor_status_days}, those missing there computed and stored first.
   */
  @Override
  public StatusTimes statusTimes(String component, Instant from, Instant to, Duration stale) {
    Objects.requireNonNull(component, "component");
    if (!from.isBefore(to) || stale.isNegative() || stale.isZero()) {
      return StatusTimes.NONE;
    }
    long firstDay = -Math.floorDiv(-from.toEpochMilli(), DAY_MS);
    long endDay = Math.floorDiv(to.toEpochMilli(), DAY_MS);
    if (firstDay >= endDay) {
      return fromResults(component, from, to, stale);
    }
    Instant latest =
        db.call(
            "read the latest check result time",
            dsl ->
                dsl.select(DSL.max(IRIS_MONITOR_RESULTS.CHECKED_AT))
                    .from(IRIS_MONITOR_RESULTS)
                    .where(IRIS_MONITOR_RESULTS.COMPONENT.eq(component))
                    .fetchOne(0, Instant.class));
    if (latest == null) {
      return StatusTimes.NONE;
    }
    // A day is final once the component has a result at or after its end.
    long finalEnd = Math.min(endDay, Math.floorDiv(latest.toEpochMilli(), DAY_MS));
    if (finalEnd <= firstDay) {
      return fromResults(component, from, to, stale);
    }
    long[] millis = days(component, firstDay, finalEnd, stale.toMillis());
    Instant daysFrom = Instant.ofEpochMilli(firstDay * DAY_MS);
    Instant daysTo = Instant.ofEpochMilli(finalEnd * DAY_MS);
    add(millis, from.isBefore(daysFrom) ? fromResults(component, from, daysFrom, stale) : null);
    add(millis, daysTo.isBefore(to) ? fromResults(component, daysTo, to, stale) : null);
    return StatusTimes.ofMillis(millis);
  }

  private static void add(long[] millis, @Nullable StatusTimes times) {
    if (times != null) {
      times.times().forEach((status, time) -> millis[status.ordinal()] += time.toMillis());
    }
  }

  /**
   * The summed times of the final whole days {@code [firstDay, endDay)} (epoch days), indexed by
   * status ordinal: one read when every day is stored, else the days missing are computed and
   * stored under the component's shared lock.
   */
  private long[] days(String component, long firstDay, long endDay, long staleMs) {
    Record stored =
        db.call(
            "read the stored status days",
            dsl -> dsl.fetchOne(STORED_DAYS, component, staleMs, firstDay, endDay));
    if (stored != null && stored.get(0, Long.class) == endDay - firstDay) {
      return byStatus(stored, 1);
    }
    return db.inTransaction(
        "store the status days",
        dsl -> {
          dsl.resultQuery(
                  "select pg_advisory_xact_lock_shared(?, hashtext(?))", LOCK_CLASS, component)
              .fetch();
          return byStatus(
              dsl.fetchOne(
                  FILL_DAYS, component, staleMs, firstDay, endDay, component, component, component,
                  component, component),
              0);
        });
  }

  /** The five day columns from {@code offset} on, as times indexed by status ordinal. */
  private static long[] byStatus(Record row, int offset) {
    long[] millis = new long[ComponentStatus.values().length];
    ComponentStatus[] columns = {
      ComponentStatus.OPERATIONAL,
      ComponentStatus.DEGRADED_PERFORMANCE,
      ComponentStatus.PARTIAL_OUTAGE,
      ComponentStatus.MAJOR_OUTAGE,
      ComponentStatus.UNDER_MAINTENANCE
    };
    for (int i = 0; i < columns.length; i++) {
      Long value = row.get(offset + i, Long.class);
      millis[columns[i].ordinal()] = value == null ? 0 : value;
    }
    return millis;
  }

  /**
   * {@link StatusTimes#tally} over the results of {@code [from, to)} and the last one before it,
   * read: used where the range holds at most about two days of results.
   */
  private StatusTimes fromResults(String component, Instant from, Instant to, Duration stale) {
    return StatusTimes.tally(
        from, to, lastBefore(component, from).orElse(null), between(component, from, to), stale);
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

  /**
   * {@inheritDoc}
   *
   * <p>In the same transaction, deletes the stored status days the deleted results counted in.
   */
  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    return db.inTransaction(
        "delete old check results",
        dsl -> {
          var deleted =
              dsl.resultQuery(
                      "with d as (delete from iris_monitor_results where (component, checked_at, id)"
                          + " in (select component, checked_at, id from iris_monitor_results"
                          + " where checked_at < cast(? as timestamptz)"
                          + " order by checked_at limit ?)"
                          + " returning component, checked_at)"
                          + " select component, max(checked_at), count(*) from d group by component"
                          + " order by component",
                      at(cutoff),
                      limit)
                  .fetch();
          if (deleted.isEmpty()) {
            return 0;
          }
          String[] components = new String[deleted.size()];
          Long[] lastMs = new Long[deleted.size()];
          int count = 0;
          for (int i = 0; i < deleted.size(); i++) {
            components[i] = deleted.get(i).get(0, String.class);
            lastMs[i] = deleted.get(i).get(1, Instant.class).toEpochMilli();
            count += deleted.get(i).get(2, Integer.class);
          }
          lock(dsl, components);
          dsl.execute(FORGET_DAYS_UNTIL, components, lastMs);
          return count;
        });
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
