package com.techradium.iris.benchmarks.monitor;

import com.techradium.iris.benchmarks.job.BenchmarkPostgres;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.monitor.JdbcMetricStore;
import com.techradium.iris.monitor.MetricPoint;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Metric points written to PostgreSQL in batches of {@value #BATCH}, in points per second: IRIS's
 * {@link JdbcMetricStore} (one {@code unnest} statement per batch) beside the usual plain-JDBC way,
 * a {@code PreparedStatement} batch ({@code addBatch}/{@code executeBatch}) into the same table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricIngestBenchmark {
  static final int BATCH = 5_000;

  private HikariDataSource pool;
  private JdbcMetricStore store;
  private List<MetricPoint> points;

  @Setup
  public void setUp() {
    pool = BenchmarkPostgres.newDatabase(4);
    JdbcIris.migrate(pool);
    store = JdbcMetricStore.of(pool);
    points = batch(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @TearDown
  public void tearDown() {
    pool.close();
  }

  private static List<MetricPoint> batch(Instant start) {
    List<MetricPoint> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      out.add(
          new MetricPoint(
              "http.latency_ms",
              Map.of("route", "/r" + (i % 20), "node", "n" + (i % 3)),
              i * 0.5,
              start.plusMillis(i)));
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void iris() {
    store.append(points);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void jdbcBatch() throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into iris_monitor_metrics (name, at, tags, value)"
                    + " values (?, ?, cast(? as jsonb), ?)")) {
      for (MetricPoint p : points) {
        s.setString(1, p.name());
        s.setTimestamp(2, Timestamp.from(p.at()));
        s.setString(
            3,
            "{\"node\":\""
                + p.tags().get("node")
                + "\",\"route\":\""
                + p.tags().get("route")
                + "\"}");
        s.setDouble(4, p.value());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
