package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.NewJob;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large backlog drained through the {@code JobQueue} facade on PostgreSQL: fills queue {@code
 * drain} with N due jobs (batched inserts through {@link JdbcJobStore}, 10,000 per call, priorities
 * 0-10 in turn), then starts one node's worker (queue concurrency {@value #CONCURRENCY}, claim
 * batch {@value #CLAIM_BATCH}, no-op handler) and prints how fast each tenth of the backlog
 * drained, in jobs per second, with the load average beside it. A rate that falls from one tenth to
 * the next is the claim slowing as the backlog drains; the run ends with the whole drain's rate.
 *
 * <p>With {@code --explain}, the claim's pick (the index scan from the queue's claim floor, without
 * the update) is run under {@code EXPLAIN (ANALYZE, BUFFERS)} in a rolled-back transaction at every
 * tenth, and the table's dead-row count and last (auto)vacuum and (auto)analyze are printed beside
 * it.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar com.techradium.iris.benchmarks.job.JobDrain \
 *     [--explain] [--cleanup] [backlog ...]     (default: 10000 100000 1000000)
 * }</pre>
 *
 * With {@code --cleanup}, the finished jobs are then deleted as the nightly cleanup does ({@code
 * deleteFinished} in batches of 10,000) while a tenth as many newer jobs, enqueued after the drain,
 * stay; the sizes of the job tables are printed before, after, after a plain {@code VACUUM} and
 * after {@code VACUUM FULL}.
 *
 * <p>Each backlog runs in a fresh database of the shared embedded server ({@link
 * BenchmarkPostgres}).
 */
public final class JobDrain {
  static final int CONCURRENCY = 4;
  static final int CLAIM_BATCH = 100;
  private static final int FILL_BATCH = 10_000;
  private static final String QUEUE = "drain";
  private static final int WARM_UP = 20_000;

  private JobDrain() {}

  /**
   * Runs one drain per backlog size given (or 10k, 100k and 1M).
   *
   * @param args {@code --explain} and backlog sizes
   * @throws Exception if a drain fails
   */
  public static void main(String[] args) throws Exception {
    boolean explain = false;
    boolean cleanup = false;
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--explain")) {
        explain = true;
      } else if (arg.equals("--cleanup")) {
        cleanup = true;
      } else {
        sizes.add(Integer.parseInt(arg.replace("_", "")));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000, 100_000, 1_000_000);
    }
    System.out.println("warm-up:");
    drain(WARM_UP, false, false);
    for (int size : sizes) {
      drain(size, explain, cleanup);
    }
    System.exit(0);
  }

  private static void drain(int backlog, boolean explain, boolean cleanup) throws Exception {
    AtomicLong done = new AtomicLong();
    try (HikariDataSource pool = BenchmarkPostgres.newDatabase(CONCURRENCY + 6)) {
      JdbcIris.migrate(pool);
      JdbcJobStore store = JdbcJobStore.of(pool);
      store.saveQueue(QueueConfig.defaults(QUEUE).withConcurrency(CONCURRENCY));
      long fillStart = System.nanoTime();
      fill(store, backlog);
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "backlog %,d: filled in %.1f s (%,.0f jobs/s), load %s%n",
          backlog,
          fillSeconds,
          backlog / fillSeconds,
          load());
      if (explain) {
        explain(pool, 0);
      }
      IrisRuntime runtime = IrisRuntime.builder().workerThreads(CONCURRENCY + 2).build();
      JobQueue.builder()
          .store(store)
          .runtime(runtime)
          .claimBatch(CLAIM_BATCH)
          .runScheduler(false)
          .workerQueues(QUEUE)
          .handler("drain.noop", ctx -> done.incrementAndGet())
          .build();
      long[] index = claimIndexReads(pool);
      long start = System.nanoTime();
      long previous = start;
      runtime.start();
      try {
        for (int tenth = 1; tenth <= 10; tenth++) {
          long target = (long) backlog * tenth / 10;
          while (done.get() < target) {
            Thread.sleep(2);
          }
          long at = System.nanoTime();
          double seconds = (at - previous) / 1e9;
          long[] read = claimIndexReads(pool);
          double claims = backlog / 10.0 / CLAIM_BATCH;
          System.out.printf(
              Locale.ROOT,
              "  %3d %%: %,8.0f jobs/s (%.2f s)  claim index per claim: %,.0f entries, %,.0f"
                  + " blocks  load %s%n",
              tenth * 10,
              backlog / 10.0 / seconds,
              seconds,
              (read[0] - index[0]) / claims,
              (read[1] - index[1]) / claims,
              load());
          index = read;
          previous = at;
          if (explain && tenth < 10) {
            explain(pool, tenth);
          }
        }
      } finally {
        runtime.close();
      }
      System.out.printf(
          Locale.ROOT,
          "backlog %,d drained: %,.0f jobs/s overall%n",
          backlog,
          backlog / ((previous - start) / 1e9));
      if (cleanup) {
        cleanUp(pool, store, backlog);
      }
    }
  }

  private static void fill(JdbcJobStore store, int backlog) {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
    TenantId tenant = TenantId.of("drain");
    Instant runAt = Instant.now().minusSeconds(1);
    for (int from = 0; from < backlog; from += FILL_BATCH) {
      int n = Math.min(FILL_BATCH, backlog - from);
      List<NewJob> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(
            BenchJobs.plain(
                ids.next(),
                QUEUE,
                "drain.noop",
                "{\"n\":" + (from + i) + "}",
                (from + i) % 11,
                runAt));
      }
      store.insert(tenant, batch, Instant.now());
    }
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }

  private static void cleanUp(HikariDataSource pool, JdbcJobStore store, int backlog)
      throws SQLException {
    // Newer jobs that the cleanup keeps, written after the finished ones, as in a running system.
    fill(store, backlog / 10);
    sizes(pool, "after the drain and " + backlog / 10 + " newer jobs");
    long start = System.nanoTime();
    long deleted = 0;
    Instant cutoff = Instant.now().plus(Duration.ofDays(1));
    int batch;
    do {
      batch = store.deleteFinished(QUEUE, cutoff, 10_000);
      deleted += batch;
    } while (batch == 10_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  cleanup deleted %,d jobs in %.1f s (%,.0f jobs/s)%n",
        deleted,
        seconds,
        deleted / seconds);
    sizes(pool, "after cleanup");
    BenchmarkPostgres.execute(pool, "VACUUM iris_jobs, iris_job_attempts");
    sizes(pool, "after VACUUM");
    BenchmarkPostgres.execute(pool, "VACUUM FULL iris_jobs, iris_job_attempts");
    sizes(pool, "after VACUUM FULL");
  }

  private static void sizes(HikariDataSource pool, String when) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select relname, pg_relation_size(relid), pg_indexes_size(relid)"
                    + " from pg_stat_user_tables"
                    + " where relname in ('iris_jobs', 'iris_job_attempts') order by relname")) {
      StringBuilder line = new StringBuilder("  sizes " + when + ":");
      while (r.next()) {
        line.append(
            String.format(
                Locale.ROOT,
                "  %s table %.1f MB, indexes %.1f MB",
                r.getString(1),
                r.getLong(2) / 1e6,
                r.getLong(3) / 1e6));
      }
      System.out.println(line);
    }
  }

  /**
   * Index entries and blocks read from {@code iris_jobs_claim} so far (the statistics collector's
   * figures, which lag by up to half a second), after those of claims of a full batch.
   */
  private static long[] claimIndexReads(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select i.idx_tup_read, b.idx_blks_hit + b.idx_blks_read"
                    + " from pg_stat_user_indexes i join pg_statio_user_indexes b"
                    + " on b.indexrelid = i.indexrelid where i.indexrelname = 'iris_jobs_claim'")) {
      return r.next() ? new long[] {r.getLong(1), r.getLong(2)} : new long[2];
    }
  }

  /** The claim's pick under EXPLAIN, rolled back, and the table's vacuum and analyze state. */
  private static void explain(HikariDataSource pool, int tenth) throws SQLException {
    long now = System.currentTimeMillis();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      System.out.printf(Locale.ROOT, "  -- explain at %d %% --%n", tenth * 10);
      String floor = "";
      boolean floors;
      try (ResultSet r =
          s.executeQuery("select to_regclass('iris_job_claim_floors') is not null")) {
        floors = r.next() && r.getBoolean(1);
      }
      if (floors) {
        try (ResultSet r =
            s.executeQuery(
                "select floor_rank, floor_id from iris_job_claim_floors where queue = '"
                    + QUEUE
                    + "'")) {
          if (r.next()) {
            floor = " and (j.rank_ms, j.id) >= (" + r.getLong(1) + ", '" + r.getString(2) + "')";
          }
        }
      }
      System.out.println("     floor:" + (floor.isEmpty() ? " none (the index's front)" : floor));
      try (ResultSet r =
          s.executeQuery(
              "explain (analyze, buffers, costs off, timing off) "
                  + "select j.tenant_id, j.id from iris_jobs j where j.queue = '"
                  + QUEUE
                  + "' and j.state in ('scheduled', 'queued', 'failed') and j.rank_ms <= "
                  + now
                  + floor
                  + " and j.run_at <= now() order by j.rank_ms, j.id limit "
                  + CLAIM_BATCH
                  + " for update skip locked")) {
        while (r.next()) {
          System.out.println("     " + r.getString(1));
        }
      }
      c.rollback();
      try (ResultSet r =
          s.executeQuery(
              "select n_live_tup, n_dead_tup, last_vacuum, last_autovacuum, last_analyze,"
                  + " last_autoanalyze, pg_relation_size('iris_jobs_claim')"
                  + " from pg_stat_user_tables where relname = 'iris_jobs'")) {
        while (r.next()) {
          System.out.printf(
              Locale.ROOT,
              "     live %s dead %s vacuum %s autovacuum %s analyze %s autoanalyze %s"
                  + " claim index %,d bytes%n",
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              r.getString(5),
              r.getString(6),
              r.getLong(7));
        }
      }
      c.rollback();
    }
  }
}
