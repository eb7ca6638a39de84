package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobHandler;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobQueueBuilder;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.RedisExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * The job queue end to end on Redis: workers on several nodes (each with its own Redis client)
 * sharing one Redis job store. Each test uses a namespace of its own.
 */
class RedisJobQueueTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final AtomicLong NAMESPACES = new AtomicLong();
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final String namespace = "e2e-" + NAMESPACES.incrementAndGet();
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TenantId tenant = TenantId.of("acme");
  private final List<IrisRuntime> runtimes = new ArrayList<>();
  private final List<RedisClient> clients = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    runtimes.forEach(IrisRuntime::close);
    clients.forEach(RedisClient::close);
  }

  /** A store on a client of its own, as another node would have. */
  private RedisJobStore nodeStore() {
    RedisClient client = RedisClient.create(URI.create(redis.redis().url()));
    clients.add(client);
    return RedisJobStore.builder(client).namespace(namespace).build();
  }

  private JobQueue node(Clock clock, Consumer<JobQueueBuilder> config) {
    return node(clock, Duration.ofMillis(5), config);
  }

  private JobQueue node(Clock clock, Duration pollInterval, Consumer<JobQueueBuilder> config) {
    IrisRuntime runtime =
        IrisRuntime.builder().workerThreads(2).shutdownTimeout(Duration.ofSeconds(5)).build();
    runtimes.add(runtime);
    JobQueueBuilder b =
        JobQueue.builder()
            .store(nodeStore())
            .clock(clock)
            .runtime(runtime)
            .leaseDuration(LEASE)
            .pollInterval(pollInterval)
            .schedulerInterval(Duration.ofMillis(5));
    config.accept(b);
    JobQueue jobs = b.build();
    runtime.start();
    return jobs;
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }

  private static JobState state(JobQueue jobs, TenantId tenant, UUID id) {
    return jobs.get(tenant, id).orElseThrow().state();
  }

  @Test
  void aJobAbandonedByADeadWorkerIsCompletedByAnotherNodeAfterItsLease() {
    AtomicInteger runs = new AtomicInteger();
    RedisJobStore crashedNode = nodeStore();
    JobQueue rescuer =
        node(clock, b -> b.nodeName("rescuer").handler("mail", ctx -> runs.incrementAndGet()));
    rescuer.pauseQueue("emails");
    Job job = rescuer.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Job abandoned =
        crashedNode
            .claim(ClaimRequest.of("emails", 1, "crashed-node", LEASE), clock.instant())
            .get(0);
    assertThat(abandoned.id()).isEqualTo(job.id());
    rescuer.resumeQueue("emails");

    clock.advance(LEASE.plusMillis(1));

    await("the job completed", () -> state(rescuer, tenant, job.id()) == JobState.COMPLETED);
    assertThat(runs).hasValue(1);
    assertThat(rescuer.attempts(tenant, job.id()))
        .extracting(JobAttempt::owner, JobAttempt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("crashed-node", AttemptOutcome.LEASE_EXPIRED),
            org.assertj.core.groups.Tuple.tuple("rescuer", AttemptOutcome.SUCCEEDED));
  }

  @Test
  void severalNodesNeverRunOneJobConcurrentlyAndRunEachOnce() {
    Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    Map<UUID, Integer> runs = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    JobHandler handler =
        ctx -> {
          UUID id = ctx.job().id();
          if (!inFlight.add(id)) {
            overlaps.incrementAndGet();
          }
          runs.merge(id, 1, Integer::sum);
          Thread.sleep(1);
          inFlight.remove(id);
        };
    List<JobQueue> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      nodes.add(node(clock, b -> b.nodeName("node-" + n).claimBatch(5).handler("hook", handler)));
    }
    nodes.get(0).updateQueue(QueueConfig.defaults("webhooks").withConcurrency(8));
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      specs.add(JobSpec.builder("webhooks", "hook").priority(i % 11).build());
    }
    nodes.get(0).enqueueAll(tenant, specs);

    await("all ran", () -> nodes.get(0).stats(tenant, "webhooks").count(JobState.COMPLETED) == 300);
    assertThat(overlaps).hasValue(0);
    assertThat(runs).hasSize(300);
    assertThat(runs.values()).containsOnly(1);
  }

  @Test
  void tenThousandJobsWithRandomFailuresAreAllAccountedFor() {
    Map<UUID, Integer> completions = new ConcurrentHashMap<>();
    JobHandler handler =
        ctx -> {
          if (ThreadLocalRandom.current().nextInt(10) < 3) {
            throw new IllegalStateException("random failure");
          }
          completions.merge(ctx.job().id(), 1, Integer::sum);
        };
    List<JobQueue> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      nodes.add(
          node(
              Clock.systemUTC(),
              b ->
                  b.claimBatch(50)
                      .backoff(new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4)))
                      .handler("work", handler)));
    }
    JobQueue jobs = nodes.get(0);
    jobs.updateQueue(QueueConfig.defaults("scheduled").withConcurrency(16));
    int total = 10_000;
    for (int batch = 0; batch < total / 1000; batch++) {
      List<JobSpec> specs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        specs.add(JobSpec.builder("scheduled", "work").priority(i % 11).maxAttempts(3).build());
      }
      jobs.enqueueAll(tenant, specs);
    }

    await(
        "every job finished",
        () -> {
          JobStats s = jobs.stats(tenant, "scheduled");
          return s.count(JobState.COMPLETED) + s.count(JobState.DEAD) == total;
        });
    JobStats stats = jobs.stats(tenant, "scheduled");
    assertThat(stats.total()).isEqualTo(total);
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(completions.size());
    assertThat(completions.values()).containsOnly(1);
    assertThat(stats.succeeded()).isEqualTo(completions.size());
    assertThat(stats.failureRate()).isBetween(0.2, 0.4);
  }

  @Test
  void anIdleWorkerIsWokenByAJobEnqueuedOnAnotherNode() {
    AtomicInteger runs = new AtomicInteger();
    node(
        clock,
        Duration.ofHours(1),
        b -> b.nodeName("worker").handler("mail", ctx -> runs.incrementAndGet()));
    JobQueue producer =
        JobQueue.builder()
            .store(nodeStore())
            .clock(clock)
            .runWorker(false)
            .runScheduler(false)
            .knownTypes("mail")
            .build();
    // Let the worker's first poll find nothing; its next poll is an hour away.
    sleep(Duration.ofMillis(300));

    Job job = producer.enqueue(tenant, JobSpec.builder("emails", "mail").build());

    await("the job completed", () -> state(producer, tenant, job.id()) == JobState.COMPLETED);
    assertThat(runs).hasValue(1);
  }
}
