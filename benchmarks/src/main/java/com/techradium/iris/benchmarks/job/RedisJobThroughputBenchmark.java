package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.redis.job.RedisJobStore;
import com.techradium.iris.testkit.StandaloneRedis;
import com.techradium.iris.testkit.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the Redis job store on a real Redis (the test kit's server, or the one {@code
 * IRIS_TEST_REDIS_URL} names), in jobs per second:
 *
 * <ul>
 *   <li>{@code endToEnd}: one job's whole life, one round trip per step: enqueue it, claim it, run
 *       a no-op handler, complete it;
 *   <li>{@code endToEndBatched}: how a worker runs: enqueue 100 jobs in one call, claim them 50 at
 *       a time, run a no-op handler and complete each;
 *   <li>{@code batchedEnqueue}: enqueue 1000 jobs in one call;
 *   <li>{@code workerDrain}: the facade end to end: {@code JobQueue.enqueueAll} 1000 jobs, and one
 *       node's {@code JobWorker} (queue concurrency 16, claim batch 50, woken by Redis pub/sub)
 *       runs a no-op handler for each; the invocation ends when the last one completed.
 * </ul>
 *
 * Completed jobs are flushed after every iteration so Redis memory stays flat. Run with more
 * threads ({@code -t 4}) to see several workers sharing one Redis.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RedisJobThroughputBenchmark {
  private static final String QUEUE = "bench";
  private static final Duration LEASE = Duration.ofSeconds(60);

  /** One Redis and one store shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Redis {
    TestRedis redis;
    JobStore store;

    @Setup(Level.Trial)
    public void start() {
      redis = StandaloneRedis.open();
      store = RedisJobStore.create(redis.client());
    }

    @TearDown(Level.Iteration)
    public void flush() {
      redis.client().flushDB();
    }

    @TearDown(Level.Trial)
    public void stop() {
      redis.client().close();
    }
  }

  /** Per thread: its own tenant, worker name and id generator. */
  @State(Scope.Thread)
  public static class Worker {
    final Clock clock = Clock.systemUTC();
    final TimeOrderedIds ids = new TimeOrderedIds(clock);
    TenantId tenant;
    String owner;

    @Setup(Level.Trial)
    public void name() {
      owner = "bench-" + Thread.currentThread().getId();
      tenant = TenantId.of(owner);
    }

    Instant now() {
      return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    NewJob job(Instant now) {
      return BenchJobs.plain(
          ids.next(), QUEUE, "bench.noop", "{\"to\":\"user@example.com\",\"n\":1}", 5, now);
    }
  }

  /** A job queue facade with a running worker over the Redis store. */
  @State(Scope.Benchmark)
  public static class Node {
    TestRedis redis;
    RedisJobStore store;
    IrisRuntime runtime;
    JobQueue jobs;
    final TenantId tenant = TenantId.of("bench");
    final AtomicReference<CountDownLatch> done = new AtomicReference<>(new CountDownLatch(0));

    @Setup(Level.Trial)
    public void start() {
      redis = StandaloneRedis.open();
      runtime =
          IrisRuntime.builder().workerThreads(16).shutdownTimeout(Duration.ofSeconds(5)).build();
      store = RedisJobStore.create(redis.client());
      jobs =
          JobQueue.builder()
              .store(store)
              .runtime(runtime)
              .claimBatch(50)
              .handler("bench.noop", ctx -> done.get().countDown())
              .build();
      jobs.updateQueue(QueueConfig.defaults("webhooks").withConcurrency(16));
      runtime.start();
    }

    @TearDown(Level.Iteration)
    public void flush() {
      // Delete the completed jobs (the worker is idle between invocations).
      Instant later = Instant.now().plus(Duration.ofDays(1));
      while (store.deleteFinished("webhooks", later, 10_000) == 10_000) {
        // next batch
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      runtime.close();
      redis.client().close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(1000)
  public void workerDrain(Node node) throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1000);
    node.done.set(latch);
    List<JobSpec> specs = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      specs.add(
          JobSpec.builder("webhooks", "bench.noop")
              .payload("{\"to\":\"user@example.com\",\"n\":1}")
              .priority(i % 11)
              .build());
    }
    node.jobs.enqueueAll(node.tenant, specs);
    if (!latch.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the worker did not drain the queue");
    }
  }

  @Benchmark
  public void endToEnd(Redis r, Worker w, Blackhole bh) {
    Instant now = w.now();
    r.store.insert(w.tenant, List.of(w.job(now)), now);
    for (Job job : r.store.claim(ClaimRequest.of(QUEUE, 1, w.owner, LEASE), now)) {
      bh.consume(job.payload());
      bh.consume(r.store.finish(job.leaseRef(), new JobOutcome.Completed(null), now));
    }
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public void endToEndBatched(Redis r, Worker w, Blackhole bh) {
    Instant now = w.now();
    List<NewJob> batch = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) {
      batch.add(w.job(now));
    }
    r.store.insert(w.tenant, batch, now);
    for (int round = 0; round < 2; round++) {
      for (Job job : r.store.claim(ClaimRequest.of(QUEUE, 50, w.owner, LEASE), now)) {
        bh.consume(job.payload());
        bh.consume(r.store.finish(job.leaseRef(), new JobOutcome.Completed(null), now));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(1000)
  public void batchedEnqueue(Redis r, Worker w, Blackhole bh) {
    Instant now = w.now();
    List<NewJob> batch = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      batch.add(w.job(now));
    }
    bh.consume(r.store.insert(w.tenant, batch, now));
  }
}
