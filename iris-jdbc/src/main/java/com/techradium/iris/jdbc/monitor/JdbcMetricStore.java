package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_METRICS;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.monitor.MetricPoint;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The {@link MetricStore} on PostgreSQL: table {@code iris_monitor_metrics}, indexed by (name, at)
 * for queries and by a BRIN index on the time for retention (points arrive in time order, so the
 * BRIN index stays small and exact).
 *
 * <p>A batch is one statement whatever its size: the points go over as four arrays, one per column,
 * and PostgreSQL {@code unnest}s them (plain SQL, as the generated classes cannot write it). Tags
 * are {@code jsonb}, filtered with {@code @>} on the rows of the name and time range. Thread-safe;
 * it never closes the data source.
 */
public final class JdbcMetricStore implements MetricStore {
  private static final String INSERT =
      "insert into iris_monitor_metrics (name, at, tags, value)"
          + " select u.name, timestamptz 'epoch' + u.ms * interval '1 millisecond',"
          + " cast(u.tags as jsonb), u.value"
          + " from unnest(cast(? as varchar[]), cast(? as bigint[]), cast(? as varchar[]),"
          + " cast(? as float8[])) as u(name, ms, tags, value)";

  private static final String DELETE =
      "delete from iris_monitor_metrics where ctid = any(array("
          + "select ctid from iris_monitor_metrics"
          + " where at < timestamptz 'epoch' + ? * interval '1 millisecond' limit ?))";

  private final JdbcContext db;

  private JdbcMetricStore(JdbcContext db) {
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
  public static JdbcMetricStore of(DataSource dataSource) {
    return new JdbcMetricStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public void append(List<MetricPoint> points) {
    int n = points.size();
    if (n == 0) {
      return;
    }
    String[] names = new String[n];
    Long[] millis = new Long[n];
    String[] tags = new String[n];
    Double[] values = new Double[n];
    for (int i = 0; i < n; i++) {
      MetricPoint p = points.get(i);
      names[i] = p.name();
      millis[i] = p.at().toEpochMilli();
      tags[i] = MonitorJson.jsonb(p.tags()).data();
      values[i] = p.value();
    }
    db.run("append metric points", dsl -> dsl.execute(INSERT, names, millis, tags, values));
  }

  @Override
  public List<MetricPoint> find(String name, Map<String, String> tags, Instant from, Instant to) {
    Condition tagged =
        tags.isEmpty()
            ? DSL.noCondition()
            : DSL.condition(
                "{0} @> {1}", IRIS_MONITOR_METRICS.TAGS, DSL.val(MonitorJson.jsonb(tags)));
    return db.call(
        "read metric points",
        dsl ->
            dsl.select(
                    IRIS_MONITOR_METRICS.NAME,
                    IRIS_MONITOR_METRICS.TAGS,
                    IRIS_MONITOR_METRICS.VALUE,
                    IRIS_MONITOR_METRICS.AT)
                .from(IRIS_MONITOR_METRICS)
                .where(IRIS_MONITOR_METRICS.NAME.eq(name))
                .and(IRIS_MONITOR_METRICS.AT.ge(from))
                .and(IRIS_MONITOR_METRICS.AT.lt(to))
                .and(tagged)
                .orderBy(IRIS_MONITOR_METRICS.AT)
                .fetch(
                    r ->
                        new MetricPoint(
                            r.value1(),
                            MonitorJson.tags(r.value2().data()),
                            r.value3(),
                            r.value4())));
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    return db.call(
        "delete old metric points", dsl -> dsl.execute(DELETE, cutoff.toEpochMilli(), limit));
  }
}
