package com.techradium.iris.benchmarks.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.redis.job.RedisJobStore;
import com.techradium.iris.testkit.StandaloneRedis;
import com.techradium.iris.testkit.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much Redis memory a completed job keeps until cleanup deletes it: enqueues N jobs (the
 * payload of {@link RedisJobThroughputBenchmark}), claims and completes them all, and prints {@code
 * used_memory} before, after, and after {@code deleteFinished}, per job.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar \
 *     com.techradium.iris.benchmarks.job.RedisCompletedJobMemory [jobs, default 100000]
 * }</pre>
 */
public final class RedisCompletedJobMemory {
  private static final String QUEUE = "memory";

  private RedisCompletedJobMemory() {}

  /**
   * Runs the measurement.
   *
   * @param args optionally the number of jobs
   */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    TestRedis redis = StandaloneRedis.open();
    try {
      redis.client().flushDB();
      RedisJobStore store = RedisJobStore.create(redis.client());
      TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
      TenantId tenant = TenantId.of("memory");
      long before = usedMemory(redis);
      for (int from = 0; from < count; from += 1000) {
        Instant now = Instant.now();
        List<NewJob> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + 1000); i++) {
          batch.add(
              BenchJobs.plain(
                  ids.next(),
                  QUEUE,
                  "bench.noop",
                  "{\"to\":\"user@example.com\",\"n\":1}",
                  5,
                  now));
        }
        store.insert(tenant, batch, now);
      }
      long waiting = usedMemory(redis);
      ClaimRequest claim = ClaimRequest.of(QUEUE, 1000, "memory", Duration.ofMinutes(1));
      List<Job> claimed;
      while (!(claimed = store.claim(claim, Instant.now())).isEmpty()) {
        List<JobFinish> done = new ArrayList<>();
        for (Job job : claimed) {
          done.add(new JobFinish(job.leaseRef(), new JobOutcome.Completed(null)));
        }
        store.finishAll(done, Instant.now());
      }
      long completed = usedMemory(redis);
      Instant later = Instant.now().plus(Duration.ofDays(1));
      while (store.deleteFinished(QUEUE, later, 10_000) > 0) {
        // next batch
      }
      long cleaned = usedMemory(redis);
      System.out.printf(
          Locale.ROOT,
          "%,d jobs: waiting %,.0f B/job, completed %,.0f B/job, after cleanup %,.0f B/job%n",
          count,
          (waiting - before) / (double) count,
          (completed - before) / (double) count,
          (cleaned - before) / (double) count);
    } finally {
      redis.client().close();
    }
    System.exit(0);
  }

  private static long usedMemory(TestRedis redis) {
    for (String line : redis.client().info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO");
  }
}
