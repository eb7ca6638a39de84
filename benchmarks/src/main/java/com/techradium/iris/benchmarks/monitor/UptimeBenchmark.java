package com.techradium.iris.benchmarks.monitor;

import com.techradium.iris.benchmarks.job.BenchmarkPostgres;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.monitor.JdbcAlertRuleStore;
import com.techradium.iris.jdbc.monitor.JdbcCheckResultStore;
import com.techradium.iris.jdbc.monitor.JdbcMetricStore;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.FlapControl;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.HealthMonitorBuilder;
import com.techradium.iris.monitor.Uptime;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.testkit.MutableClock;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Uptime of one component over a year of one-minute check results ({@value #RESULTS} results, a
 * major outage every 1,000th), through {@link HealthMonitor#uptime}: the store sums the time in
 * each status ({@code CheckResultStore.statusTimes}) and the monitor weighs it. In memory the store
 * reads the results and tallies them in Java; on PostgreSQL it sums the stored per-day times of the
 * year's whole UTC days ({@code iris_monitor_status_days}) and aggregates only the results of the
 * partial days at the ends. The setup's first call computes and stores those days from the results;
 * it prints how long it took. No peer library computes uptime from results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UptimeBenchmark {
  static final int RESULTS = 525_600;

  /** Results appended per call when loading PostgreSQL (7 bind values each). */
  static final int LOAD_BATCH = 4_000;

  static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant TO = FROM.plus(Duration.ofDays(365));

  static List<CheckResult> year() {
    List<CheckResult> year = new ArrayList<>(RESULTS);
    for (int i = 0; i < RESULTS; i++) {
      boolean down = i % 1000 == 0;
      year.add(
          new CheckResult(
              "api",
              FROM.plusSeconds(60L * i),
              down ? CheckOutcome.DOWN : CheckOutcome.UP,
              down ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL,
              Duration.ofMillis(5),
              ""));
    }
    return year;
  }

  static HealthMonitor monitor(HealthMonitorBuilder builder, CheckResultStore results) {
    HealthMonitor health =
        builder
            .context(IrisContext.builder().clock(MutableClock.at(TO)).build())
            .results(results)
            .build();
    health.register(
        Component.of("api", "API", timeout -> CheckVerdict.up())
            .every(Duration.ofMinutes(1), Duration.ofSeconds(5))
            .withFlap(FlapControl.none()));
    long started = System.nanoTime();
    Uptime year = health.uptime("api", FROM, TO);
    System.out.printf(
        "%nfirst uptime call of the year: %.1f ms%n", (System.nanoTime() - started) / 1e6);
    if (!year.downtime().equals(Duration.ofMinutes(526))
        || !year.observed().equals(Duration.ofMinutes(RESULTS))) {
      throw new IllegalStateException("the year's uptime is wrong: " + year);
    }
    return health;
  }

  /** The year in the in-memory store. */
  @State(Scope.Benchmark)
  public static class InMemory {
    HealthMonitor health;

    @Setup
    public void setUp() {
      InMemoryCheckResultStore results = new InMemoryCheckResultStore();
      results.append(year());
      health =
          monitor(
              HealthMonitor.builder()
                  .metrics(new InMemoryMetricStore())
                  .alertRules(new InMemoryAlertRuleStore()),
              results);
    }
  }

  /**
   * The year in PostgreSQL, loaded once through the store in batches, then vacuumed (as autovacuum
   * does to a table that only grows). {@code health} sums stored days and, for the partial ends, in
   * SQL (its setup call stores the days); {@code readingRows} is the same store behind the port's
   * default {@code statusTimes}, which reads every result of the window and tallies them in Java:
   * the way uptime was computed before the aggregate.
   */
  @State(Scope.Benchmark)
  public static class OnPostgres {
    HikariDataSource pool;
    HealthMonitor health;
    HealthMonitor readingRows;

    @Setup
    public void setUp() throws SQLException {
      pool = BenchmarkPostgres.newDatabase(2);
      JdbcIris.migrate(pool);
      JdbcCheckResultStore results = JdbcCheckResultStore.of(pool);
      List<CheckResult> year = year();
      for (int i = 0; i < year.size(); i += LOAD_BATCH) {
        results.append(year.subList(i, Math.min(year.size(), i + LOAD_BATCH)));
      }
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("vacuum analyze iris_monitor_results");
      }
      health =
          monitor(
              HealthMonitor.builder()
                  .metrics(JdbcMetricStore.of(pool))
                  .alertRules(JdbcAlertRuleStore.of(pool)),
              results);
      readingRows =
          monitor(
              HealthMonitor.builder()
                  .metrics(JdbcMetricStore.of(pool))
                  .alertRules(JdbcAlertRuleStore.of(pool)),
              new RowsOnly(results));
    }

    @TearDown
    public void tearDown() {
      pool.close();
    }
  }

  /** A store's reads without its own {@code statusTimes}: the port's default applies. */
  private record RowsOnly(CheckResultStore store) implements CheckResultStore {
    @Override
    public void append(List<CheckResult> results) {
      store.append(results);
    }

    @Override
    public List<CheckResult> between(String component, Instant from, Instant to) {
      return store.between(component, from, to);
    }

    @Override
    public Optional<CheckResult> lastBefore(String component, Instant at) {
      return store.lastBefore(component, at);
    }

    @Override
    public List<CheckResult> latest(String component, int limit) {
      return store.latest(component, limit);
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
      return store.deleteBefore(cutoff, limit);
    }
  }

  @Benchmark
  public Uptime yearOfMinuteResults(InMemory state) {
    return state.health.uptime("api", FROM, TO);
  }

  @Benchmark
  public Uptime yearOfMinuteResultsOnPostgres(OnPostgres state) {
    return state.health.uptime("api", FROM, TO);
  }

  @Benchmark
  public Uptime yearOfMinuteResultsOnPostgresReadingRows(OnPostgres state) {
    return state.readingRows.uptime("api", FROM, TO);
  }
}
