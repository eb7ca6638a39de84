package com.techradium.iris.benchmarks.job;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobQueueBuilder;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.NewJob;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JobQueue on PostgreSQL, side by side with db-scheduler and JobRunr on the same embedded server.
 *
 * <ul>
 *   <li>{@code *EndToEnd}: one operation = one job enqueued (in batches of {@value #BATCH}),
 *       claimed by one of {@value #WORKERS} worker threads, run by a no-op handler and completed.
 *       Reported in jobs per second. Each invocation enqueues a batch, then waits until the
 *       previous batch ran, so the workers always have work.
 *   <li>{@code irisFacadeEndToEnd}: the same through the {@code JobQueue} facade and its worker.
 *   <li>{@code irisBatchEnqueue}: jobs per second written by batch enqueues of {@value #BATCH}.
 *   <li>{@code irisEnqueueToStart}: time from enqueueing one job to its handler starting, with idle
 *       workers woken by LISTEN/NOTIFY (their polling fallback is one second).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class JobQueueBenchmark {
  static final int BATCH = 1000;
  static final int WORKERS = 4;
  private static final String TRUNCATE =
      "TRUNCATE iris_jobs, iris_job_attempts, iris_job_dependencies, iris_job_idempotency";

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  /** IRIS's PostgreSQL store with a running worker pool on queue {@code bench}. */
  @State(Scope.Benchmark)
  public static class Iris {
    HikariDataSource pool;
    JdbcJobStore store;
    IrisWorkers workers;
    final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
    final TenantId tenant = TenantId.of("bench");

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(WORKERS + 4);
      JdbcIris.migrate(pool);
      store = JdbcJobStore.of(pool);
      workers =
          new IrisWorkers(
              store, "bench", WORKERS, 100, Duration.ofMillis(100), j -> NoOpJobs.run(0));
    }

    @TearDown(Level.Iteration)
    public void truncate() {
      NoOpJobs.awaitAll();
      BenchmarkPostgres.execute(pool, TRUNCATE);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      workers.close();
      pool.close();
    }

    List<NewJob> batch(String queue, int size) {
      Instant now = now();
      List<NewJob> jobs = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        jobs.add(BenchJobs.plain(ids.next(), queue, "bench.noop", "{\"n\":" + i + "}", 5, now));
      }
      return jobs;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void irisEndToEnd(Iris s) {
    s.store.insert(s.tenant, s.batch("bench", BATCH), now());
    NoOpJobs.enqueuedThenAwaitPrevious(BATCH);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void irisBatchEnqueue(Iris s) {
    s.store.insert(s.tenant, s.batch("parked", BATCH), now());
  }

  /**
   * The same through the facade: {@code JobQueue.enqueueAll} (validation included) and the facade's
   * own {@code JobWorker} on an {@code IrisRuntime}, queue concurrency {@value #WORKERS}, claim
   * batch 100, woken by LISTEN/NOTIFY.
   */
  @State(Scope.Benchmark)
  public static class IrisFacade {
    HikariDataSource pool;
    IrisRuntime runtime;
    JobQueue jobs;
    final TenantId tenant = TenantId.of("bench");
    List<JobSpec> specs;

    /** The worker's bound on finished outcomes not yet written (the duplicate window). */
    @Param({"" + JobQueueBuilder.DEFAULT_MAX_UNRECORDED_OUTCOMES})
    int maxUnrecordedOutcomes;

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(WORKERS + 4);
      JdbcIris.migrate(pool);
      JdbcJobStore store = JdbcJobStore.of(pool);
      store.saveQueue(QueueConfig.defaults("bench").withConcurrency(WORKERS));
      runtime = IrisRuntime.builder().workerThreads(WORKERS + 2).build().start();
      jobs =
          JobQueue.builder()
              .store(store)
              .runtime(runtime)
              .claimBatch(100)
              .maxUnrecordedOutcomes(maxUnrecordedOutcomes)
              .runScheduler(false)
              .workerQueues("bench")
              .handler("bench.noop", ctx -> NoOpJobs.run(0))
              .build();
      specs = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        specs.add(JobSpec.builder("bench", "bench.noop").payload("{\"n\":" + i + "}").build());
      }
    }

    @TearDown(Level.Iteration)
    public void truncate() {
      NoOpJobs.awaitAll();
      BenchmarkPostgres.execute(pool, TRUNCATE);
    }

    @TearDown(Level.Trial)
    public void stop() {
      runtime.close();
      pool.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void irisFacadeEndToEnd(IrisFacade s) {
    s.jobs.enqueueAll(s.tenant, s.specs);
    NoOpJobs.enqueuedThenAwaitPrevious(BATCH);
  }

  /** IRIS with two idle workers that only LISTEN/NOTIFY wakes quickly. */
  @State(Scope.Benchmark)
  public static class IrisIdle {
    Iris iris;

    @Setup(Level.Trial)
    public void start() {
      iris = new Iris();
      iris.pool = BenchmarkPostgres.newDatabase(6);
      JdbcIris.migrate(iris.pool);
      iris.store = JdbcJobStore.of(iris.pool);
      iris.workers =
          new IrisWorkers(iris.store, "bench", 2, 10, Duration.ofSeconds(1), j -> NoOpJobs.run(0));
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      iris.stop();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void irisEnqueueToStart(IrisIdle s) {
    long target = NoOpJobs.DONE.get() + 1;
    s.iris.store.insert(s.iris.tenant, s.iris.batch("bench", 1), now());
    NoOpJobs.awaitDone(target);
  }

  /** db-scheduler 16 with lock-and-fetch polling (SKIP LOCKED) and immediate execution. */
  @State(Scope.Benchmark)
  public static class DbScheduler {
    HikariDataSource pool;
    Scheduler scheduler;
    OneTimeTask<Void> task;
    final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(WORKERS + 4);
      BenchmarkPostgres.execute(
          pool,
          "create table scheduled_tasks (task_name text not null, task_instance text not null,"
              + " task_data bytea, execution_time timestamp with time zone not null,"
              + " picked boolean not null, picked_by text,"
              + " last_success timestamp with time zone, last_failure timestamp with time zone,"
              + " consecutive_failures int, last_heartbeat timestamp with time zone,"
              + " version bigint not null, priority smallint,"
              + " primary key (task_name, task_instance))");
      BenchmarkPostgres.execute(
          pool, "create index execution_time_idx on scheduled_tasks (execution_time)");
      BenchmarkPostgres.execute(
          pool, "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
      BenchmarkPostgres.execute(
          pool,
          "create index priority_execution_time_idx on scheduled_tasks"
              + " (priority desc, execution_time asc)");
      task = Tasks.oneTime("noop").execute((instance, context) -> NoOpJobs.run(0));
      scheduler =
          Scheduler.create(pool, task)
              .threads(WORKERS)
              .pollingInterval(Duration.ofMillis(100))
              .pollUsingLockAndFetch(0.5, 3.0)
              .enableImmediateExecution()
              .build();
      scheduler.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      scheduler.stop();
      pool.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void dbSchedulerEndToEnd(DbScheduler s) {
    List<TaskInstance<?>> instances = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      instances.add(s.task.instance("job-" + s.sequence.incrementAndGet()));
    }
    s.scheduler.scheduleBatch(instances, Instant.now());
    NoOpJobs.enqueuedThenAwaitPrevious(BATCH);
  }

  /**
   * JobRunr 8 with its PostgreSQL storage provider and a background job server polling every five
   * seconds, the shortest interval JobRunr accepts.
   */
  @State(Scope.Benchmark)
  public static class JobRunrState {
    HikariDataSource pool;
    JobScheduler scheduler;

    @Setup(Level.Trial)
    public void start() {
      pool = BenchmarkPostgres.newDatabase(WORKERS + 6);
      scheduler =
          JobRunr.configure()
              .useStorageProvider(new PostgresStorageProvider(pool))
              .useBackgroundJobServer(
                  usingStandardBackgroundJobServerConfiguration()
                      .andWorkerCount(WORKERS)
                      .andPollInterval(Duration.ofSeconds(5)))
              .initialize()
              .getJobScheduler();
    }

    @TearDown(Level.Trial)
    public void stop() {
      JobRunr.destroy();
      pool.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void jobRunrEndToEnd(JobRunrState s) {
    s.scheduler.enqueue(IntStream.range(0, BATCH).boxed(), n -> NoOpJobs.run(n));
    NoOpJobs.enqueuedThenAwaitPrevious(BATCH);
  }
}
