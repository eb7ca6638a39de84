package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.redis.job.RedisJobStore;
import com.techradium.iris.testkit.StandaloneRedis;
import com.techradium.iris.testkit.TestRedis;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What progress reports and the operator view cost on a real store (embedded PostgreSQL, the test
 * kit's redis-server), in microseconds per call, one thread:
 *
 * <ul>
 *   <li>{@code progress}: {@code JobStore.reportProgress} on a held lease;
 *   <li>{@code renewLease}: the lease renewal a worker already makes for every running job, the
 *       write of the same shape to compare with;
 *   <li>{@code loadOneQueue}: {@code JobStore.load} of one queue in which 100 tenants have 10 due
 *       jobs each and one running, beside 20,000 completed jobs.
 * </ul>
 *
 * <p>On PostgreSQL the 20,000 completions leave dead entries in the claim and lease indexes until
 * VACUUM; {@code postgres-vacuumed} measures after one, {@code postgres} before.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class JobProgressBenchmark {
  private static final String QUEUE = "bench";
  private static final Duration LEASE = Duration.ofHours(1);
  private static final int TENANTS = 100;
  private static final int WAITING_PER_TENANT = 10;
  private static final int COMPLETED = 20_000;

  /** One store with one running job to report on and a queue to look at. */
  @State(Scope.Benchmark)
  public static class Store {
    /** {@code postgres-vacuumed} runs VACUUM after the set-up, as autovacuum would in time. */
    @Param({"postgres", "postgres-vacuumed", "redis"})
    public String backend;

    final Clock clock = Clock.systemUTC();
    final TimeOrderedIds ids = new TimeOrderedIds(clock);
    JobStore store;
    LeaseRef lease;
    int percent;
    private HikariDataSource pool;
    private TestRedis redis;

    @Setup(Level.Trial)
    public void start() {
      if (backend.startsWith("postgres")) {
        pool = BenchmarkPostgres.newDatabase(4);
        JdbcIris.migrate(pool);
        store = JdbcJobStore.of(pool);
      } else {
        redis = StandaloneRedis.open();
        store = RedisJobStore.create(redis.client());
      }
      Instant now = now();
      TenantId done = TenantId.of("done");
      for (int i = 0; i < COMPLETED; i += 1000) {
        List<NewJob> batch = new ArrayList<>();
        for (int j = 0; j < 1000; j++) {
          batch.add(job(now));
        }
        store.insert(done, batch, now);
        List<Job> claimed = store.claim(ClaimRequest.of(QUEUE, 1000, "bench", LEASE), now);
        List<JobFinish> finishes = new ArrayList<>();
        for (Job job : claimed) {
          finishes.add(new JobFinish(job.leaseRef(), new JobOutcome.Completed(null)));
        }
        store.finishAll(finishes, now);
      }
      for (int t = 0; t < TENANTS; t++) {
        TenantId tenant = TenantId.of("tenant-" + t);
        store.insert(tenant, List.of(job(now)), now);
        lease = store.claim(ClaimRequest.of(QUEUE, 1, "bench", LEASE), now).get(0).leaseRef();
        List<NewJob> waiting = new ArrayList<>();
        for (int j = 0; j < WAITING_PER_TENANT; j++) {
          waiting.add(job(now));
        }
        store.insert(tenant, waiting, now);
      }
      if (backend.equals("postgres-vacuumed")) {
        BenchmarkPostgres.execute(pool, "VACUUM ANALYZE iris_jobs");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (pool != null) {
        pool.close();
      }
      if (redis != null) {
        redis.client().flushDB();
        redis.client().close();
      }
    }

    Instant now() {
      return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private NewJob job(Instant now) {
      return BenchJobs.plain(ids.next(), QUEUE, "bench.noop", "{\"n\":1}", 5, now);
    }
  }

  /**
   * One progress report on a held lease.
   *
   * @param s the store
   * @return whether it was stored
   */
  @Benchmark
  public boolean progress(Store s) {
    s.percent = (s.percent + 1) % 101;
    return s.store.reportProgress(s.lease, new JobProgress(s.percent, "row 4,512", s.now()));
  }

  /**
   * One lease renewal on a held lease.
   *
   * @param s the store
   * @return the renewed job
   */
  @Benchmark
  public Optional<Job> renewLease(Store s) {
    Instant now = s.now();
    return s.store.renewLease(s.lease, now.plus(LEASE), now);
  }

  /**
   * The operator view of the queue.
   *
   * @param s the store
   * @return one row per tenant
   */
  @Benchmark
  public List<JobLoad> loadOneQueue(Store s) {
    return s.store.load(null, QUEUE, s.now());
  }
}
