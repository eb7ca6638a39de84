package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.NewJob;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-off of one job on PostgreSQL, through the {@code JobQueue} facade and through the store
 * alone, side by side (latency distributions: read p50 and p99).
 *
 * <ul>
 *   <li>{@code facadeEnqueue}: one {@code JobQueue.enqueue} of a due job (tenant check, validation,
 *       insert, wake-up), into a queue no worker serves, while the facade's worker idles on
 *       another: the caller's cost alone.
 *   <li>{@code storeEnqueue}: one {@code JdbcJobStore.insert} of one due job (the store's
 *       transaction and {@code pg_notify}), into a queue no worker serves.
 *   <li>{@code facadeEnqueueToStart}: from just before {@code JobQueue.enqueue} until the handler
 *       starts the job, on the facade's {@code JobWorker} idling on its queue (concurrency 2),
 *       woken by the enqueue (its polling fallback is the default 500 ms).
 *   <li>{@code storeEnqueueToStart}: the same on the store path: {@code JdbcJobStore.insert}, two
 *       idle threads claiming from the store, woken by {@code LISTEN/NOTIFY} (polling fallback 1
 *       s).
 * </ul>
 *
 * Each path gets its own database on the benchmark server; jobs are deleted after every iteration.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class JobHandOffBenchmark {
  private static final String TRUNCATE =
      "TRUNCATE iris_jobs, iris_job_attempts, iris_job_dependencies, iris_job_idempotency";
  private static final String QUEUE = "bench";
  private static final String PARKED = "parked";

  /** Handler starts seen so far, by every path of this JVM. */
  static final AtomicLong STARTED = new AtomicLong();

  static void started() {
    STARTED.incrementAndGet();
  }

  /** Waits until {@code target} handlers started in total. */
  static void awaitStarted(long target) {
    while (STARTED.get() < target) {
      LockSupport.parkNanos(10_000);
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  /** The facade on PostgreSQL with its worker on an {@code IrisRuntime}, serving queue "bench". */
  @State(Scope.Benchmark)
  public static class Facade {
    HikariDataSource pool;
    IrisRuntime runtime;
    JobQueue jobs;
    final TenantId tenant = TenantId.of("bench");
    final JobSpec due = JobSpec.builder(QUEUE, "bench.start").payload("{\"n\":1}").build();
    final JobSpec parked = JobSpec.builder(PARKED, "bench.start").payload("{\"n\":1}").build();

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(6);
      JdbcIris.migrate(pool);
      JdbcJobStore store = JdbcJobStore.of(pool);
      store.saveQueue(QueueConfig.defaults(QUEUE).withConcurrency(2));
      store.saveQueue(QueueConfig.defaults(PARKED));
      runtime = IrisRuntime.builder().workerThreads(2).build().start();
      jobs =
          JobQueue.builder()
              .store(store)
              .runtime(runtime)
              .runScheduler(false)
              .workerQueues(QUEUE)
              .handler("bench.start", ctx -> started())
              .build();
    }

    @TearDown(Level.Iteration)
    public void truncate() {
      BenchmarkPostgres.execute(pool, TRUNCATE);
    }

    @TearDown(Level.Trial)
    public void stop() {
      runtime.close();
      pool.close();
    }
  }

  /** The store path: {@code JdbcJobStore} with two idle claiming threads on queue "bench". */
  @State(Scope.Benchmark)
  public static class Store {
    HikariDataSource pool;
    JdbcJobStore store;
    IrisWorkers workers;
    final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
    final TenantId tenant = TenantId.of("bench");

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(6);
      JdbcIris.migrate(pool);
      store = JdbcJobStore.of(pool);
      workers = new IrisWorkers(store, QUEUE, 2, 10, Duration.ofSeconds(1), j -> started());
    }

    List<NewJob> one(String queue) {
      return List.of(BenchJobs.plain(ids.next(), queue, "bench.start", "{\"n\":1}", 5, now()));
    }

    @TearDown(Level.Iteration)
    public void truncate() {
      BenchmarkPostgres.execute(pool, TRUNCATE);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      workers.close();
      pool.close();
    }
  }

  @Benchmark
  public Object facadeEnqueue(Facade s) {
    return s.jobs.enqueue(s.tenant, s.parked);
  }

  @Benchmark
  public Object storeEnqueue(Store s) {
    return s.store.insert(s.tenant, s.one(PARKED), now());
  }

  @Benchmark
  public void facadeEnqueueToStart(Facade s) {
    long target = STARTED.get() + 1;
    s.jobs.enqueue(s.tenant, s.due);
    awaitStarted(target);
  }

  @Benchmark
  public void storeEnqueueToStart(Store s) {
    long target = STARTED.get() + 1;
    s.store.insert(s.tenant, s.one(QUEUE), now());
    awaitStarted(target);
  }
}
