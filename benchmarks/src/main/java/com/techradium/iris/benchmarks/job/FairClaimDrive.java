package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.redis.job.RedisJobStore;
import com.techradium.iris.testkit.StandaloneRedis;
import com.techradium.iris.testkit.TestRedis;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fair claims against plain ones on PostgreSQL or Redis, through the {@code JobQueue} facade (one
 * node, queue concurrency {@value #CONCURRENCY}, claim batch {@value #CLAIM_BATCH}, no-op handler,
 * woken by the store's signal), in one run:
 *
 * <ol>
 *   <li>tenant A's backlog of N due jobs drained by a queue with strict priority (the plain claim)
 *       and by one with fair share, alternately: jobs/s of each drain;
 *   <li>during each drain, once a tenth of A's backlog has run, tenant B enqueues one job every
 *       {@value #B_EVERY_MS} ms ({@code trials} of them): the time from B's enqueue to its
 *       handler's start, p50/p99/max. Behind a plain claim B's jobs wait for A's backlog;
 *   <li>for each drain, the CPU time per job of this JVM (the whole process: workers, pool, driver)
 *       and of the PostgreSQL server (its processes, from {@code /proc}), comparable on a loaded
 *       machine where jobs/s are not;
 *   <li>a queue limited to {@code JobRate.perSecond(200)} with a backlog of 3,000 jobs: the rate
 *       its jobs start at against the limit.
 * </ol>
 *
 * <p>A main, not JMH: each drain is one long run, each in a fresh database (PostgreSQL) or a
 * flushed one (the test kit's Redis). Arguments: backlog (default 100,000), trials (default 50),
 * store ({@code postgres}, the default, or {@code redis}). With {@code
 * -Diris.bench.statements=true} each PostgreSQL drain also prints the statements that took the most
 * server time ({@code pg_stat_statements}, statements inside functions and triggers included).
 */
public final class FairClaimDrive {
  static final int CONCURRENCY = 4;
  static final int CLAIM_BATCH = 100;
  static final int B_EVERY_MS = 50;
  private static final int FILL_BATCH = 10_000;

  private static boolean redis;

  private FairClaimDrive() {}

  /** A fresh store of the chosen kind, closed after one drain. */
  private interface Backend extends AutoCloseable {
    JobStore store();

    /**
     * Resets the server's statement counts (PostgreSQL with {@value BenchmarkPostgres#STATEMENTS}).
     */
    default void resetStatements() {}

    /** The statements that took the most server time since the reset, printed. */
    default void printStatements() {}

    @Override
    void close();
  }

  private static Backend open() {
    if (redis) {
      TestRedis server = StandaloneRedis.open();
      server.client().flushDB();
      RedisJobStore store = RedisJobStore.create(server.client());
      return new Backend() {
        @Override
        public JobStore store() {
          return store;
        }

        @Override
        public void close() {
          server.client().flushDB();
          server.client().close();
        }
      };
    }
    HikariDataSource pool = BenchmarkPostgres.newDatabase(CONCURRENCY + 6);
    JdbcIris.migrate(pool);
    JdbcJobStore store = JdbcJobStore.of(pool);
    return new Backend() {
      @Override
      public JobStore store() {
        return store;
      }

      @Override
      public void resetStatements() {
        BenchmarkPostgres.topStatements(pool, 0);
      }

      @Override
      public void printStatements() {
        BenchmarkPostgres.topStatements(pool, 15)
            .forEach(line -> System.out.println("    " + line));
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  /**
   * Runs the drive.
   *
   * @param args backlog and trials
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    redis = args.length > 2 && args[2].equals("redis");
    System.out.println(redis ? "store: Redis" : "store: PostgreSQL");
    System.out.println("warm-up:");
    drain(ClaimOrder.FAIR_SHARE, 20_000, 10);
    drain(ClaimOrder.STRICT_PRIORITY, 20_000, 10);
    for (int round = 1; round <= 2; round++) {
      System.out.println("round " + round + ":");
      drain(ClaimOrder.STRICT_PRIORITY, backlog, trials);
      drain(ClaimOrder.FAIR_SHARE, backlog, trials);
    }
    rate(JobRate.perSecond(200), 3_000);
    System.exit(0);
  }

  private static void drain(ClaimOrder order, int backlog, int trials) throws Exception {
    String queue = "fair";
    TenantId a = TenantId.of("tenant-a");
    TenantId b = TenantId.of("tenant-b");
    AtomicLong doneA = new AtomicLong();
    AtomicLong doneB = new AtomicLong();
    Map<UUID, Long> enqueuedAt = new ConcurrentHashMap<>();
    List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
    try (Backend backend = open()) {
      JobStore store = backend.store();
      store.saveQueue(
          QueueConfig.defaults(queue).withConcurrency(CONCURRENCY).withClaimOrder(order));
      TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
      fill(store, ids, a, queue, backlog);
      IrisRuntime runtime = IrisRuntime.builder().workerThreads(CONCURRENCY + 2).build();
      JobQueue.builder()
          .store(store)
          .runtime(runtime)
          .claimBatch(CLAIM_BATCH)
          .runScheduler(false)
          .workerQueues(queue)
          .handler(
              "fair.noop",
              ctx -> {
                if (ctx.tenant().equals(b)) {
                  Long at = enqueuedAt.get(ctx.job().id());
                  if (at != null) {
                    waits.add(System.nanoTime() - at);
                  }
                  doneB.incrementAndGet();
                } else {
                  doneA.incrementAndGet();
                }
              })
          .build();
      backend.resetStatements();
      long start = System.nanoTime();
      CpuReading before = CpuReading.now();
      runtime.start();
      try {
        while (doneA.get() < backlog / 10) {
          Thread.sleep(1);
        }
        for (int i = 0; i < trials; i++) {
          NewJob job =
              BenchJobs.plain(
                  ids.next(), queue, "fair.noop", "{}", 5, Instant.now().minusMillis(1));
          enqueuedAt.put(job.id(), System.nanoTime());
          store.insert(b, List.of(job), Instant.now());
          Thread.sleep(B_EVERY_MS);
        }
        while (doneA.get() < backlog || doneB.get() < trials) {
          Thread.sleep(1);
        }
      } finally {
        runtime.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      CpuReading used = CpuReading.now().minus(before);
      List<Long> sorted = new ArrayList<>(waits);
      sorted.sort(null);
      System.out.printf(
          Locale.ROOT,
          "  %-15s backlog %,d: %,.0f jobs/s (%.1f s); tenant B start p50 %.1f ms, p99 %.1f ms,"
              + " max %.1f ms (%d trials); CPU per job: JVM %.1f us + server %.1f us = %.1f us;"
              + " load %s%n",
          order,
          backlog,
          (backlog + trials) / seconds,
          seconds,
          nearest(sorted, 0.50) / 1e6,
          nearest(sorted, 0.99) / 1e6,
          sorted.get(sorted.size() - 1) / 1e6,
          sorted.size(),
          used.jvmNanos() / 1e3 / (backlog + trials),
          used.serverNanos() / 1e3 / (backlog + trials),
          (used.jvmNanos() + used.serverNanos()) / 1e3 / (backlog + trials),
          load());
      backend.printStatements();
    }
  }

  private static void rate(JobRate rate, int backlog) throws Exception {
    String queue = "limited";
    AtomicLong done = new AtomicLong();
    try (Backend backend = open()) {
      JobStore store = backend.store();
      store.saveQueue(QueueConfig.defaults(queue).withConcurrency(CONCURRENCY).withRate(rate));
      fill(store, new TimeOrderedIds(Clock.systemUTC()), TenantId.of("sms"), queue, backlog);
      IrisRuntime runtime = IrisRuntime.builder().workerThreads(CONCURRENCY + 2).build();
      JobQueue.builder()
          .store(store)
          .runtime(runtime)
          .claimBatch(CLAIM_BATCH)
          .runScheduler(false)
          .workerQueues(queue)
          .handler("fair.noop", ctx -> done.incrementAndGet())
          .build();
      long start = System.nanoTime();
      runtime.start();
      try {
        while (done.get() < backlog) {
          Thread.sleep(1);
        }
      } finally {
        runtime.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "rate-limited queue (%d per %s, burst %d): %,d jobs in %.2f s = %.1f jobs/s; bound"
              + " limit x (1 + t / per) = %.0f jobs; load %s%n",
          rate.limit(),
          rate.per(),
          rate.limit(),
          backlog,
          seconds,
          backlog / seconds,
          rate.limit() * (1 + seconds / (rate.per().toMillis() / 1000.0)),
          load());
    }
  }

  private static void fill(
      JobStore store, TimeOrderedIds ids, TenantId tenant, String queue, int backlog) {
    Instant runAt = Instant.now().minusSeconds(1);
    for (int from = 0; from < backlog; from += FILL_BATCH) {
      int n = Math.min(FILL_BATCH, backlog - from);
      List<NewJob> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(BenchJobs.plain(ids.next(), queue, "fair.noop", "{}", 5, runAt));
      }
      store.insert(tenant, batch, Instant.now());
    }
  }

  /**
   * CPU time used so far by this JVM and by the store's server (the PostgreSQL server's processes;
   * none for Redis, which the drive does not measure).
   */
  private record CpuReading(long jvmNanos, long serverNanos) {
    static CpuReading now() {
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new CpuReading(os.getProcessCpuTime(), redis ? 0 : BenchmarkPostgres.serverCpuNanos());
    }

    CpuReading minus(CpuReading earlier) {
      return new CpuReading(jvmNanos - earlier.jvmNanos, serverNanos - earlier.serverNanos);
    }
  }

  private static long nearest(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }
}
