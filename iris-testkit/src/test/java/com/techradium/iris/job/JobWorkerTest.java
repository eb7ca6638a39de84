package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobWorkerTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final TenantId tenant = TenantId.of("acme");
  private final List<IrisRuntime> runtimes = new ArrayList<>();

  @AfterEach
  void closeRuntimes() {
    runtimes.forEach(IrisRuntime::close);
  }

  private IrisRuntime runtime(Duration shutdownTimeout) {
    IrisRuntime runtime =
        IrisRuntime.builder().workerThreads(2).shutdownTimeout(shutdownTimeout).build();
    runtimes.add(runtime);
    return runtime;
  }

  private JobQueue node(IrisRuntime runtime, Clock clock, Consumer<JobQueueBuilder> config) {
    return node(runtime, clock, store, config);
  }

  private JobQueue node(
      IrisRuntime runtime, Clock clock, JobStore jobStore, Consumer<JobQueueBuilder> config) {
    return node(runtime, clock, jobStore, Duration.ofMillis(5), config);
  }

  private JobQueue node(
      IrisRuntime runtime,
      Clock clock,
      JobStore jobStore,
      Duration pollInterval,
      Consumer<JobQueueBuilder> config) {
    JobQueueBuilder b =
        JobQueue.builder()
            .store(jobStore)
            .clock(clock)
            .runtime(runtime)
            .leaseDuration(LEASE)
            .pollInterval(pollInterval)
            .schedulerInterval(pollInterval);
    config.accept(b);
    return b.build();
  }

  private JobQueue node(Consumer<JobQueueBuilder> config) {
    return node(store, config);
  }

  private JobQueue node(JobStore jobStore, Consumer<JobQueueBuilder> config) {
    IrisRuntime runtime = runtime(Duration.ofSeconds(5));
    JobQueue jobs = node(runtime, clock, jobStore, config);
    runtime.start();
    return jobs;
  }

  private Job job(JobQueue jobs, UUID id) {
    return jobs.get(tenant, id).orElseThrow();
  }

  private void awaitState(JobQueue jobs, UUID id, JobState state) {
    Await.until("job " + id + " is " + state, () -> job(jobs, id).state() == state);
  }

  @Test
  void neverRunsMoreJobsOfAQueueAtOnceThanItsConcurrency() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "call",
                    ctx -> {
                      peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                      Thread.sleep(5);
                      now.decrementAndGet();
                    }));
    jobs.updateQueue(QueueConfig.defaults("voice").withConcurrency(2));
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      specs.add(JobSpec.builder("voice", "call").build());
    }
    jobs.enqueueAll(tenant, specs);

    Await.until("all ran", () -> jobs.stats(tenant, "voice").count(JobState.COMPLETED) == 20);
    assertThat(peak.get()).isBetween(1, 2);
  }

  @Test
  void aHandlersResultIsStoredWithTheCompletedJob() {
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "sum",
                    ctx -> {
                      ctx.heartbeat();
                      int total = 0;
                      for (var n : ctx.payload().get("numbers")) {
                        total += n.asInt();
                      }
                      ctx.result("{\"total\":" + total + "}");
                    }));

    Job job =
        jobs.enqueue(
            tenant, JobSpec.builder("reports", "sum").payload("{\"numbers\":[1,2,3]}").build());

    awaitState(jobs, job.id(), JobState.COMPLETED);
    assertThat(job(jobs, job.id()).result()).isEqualTo("{\"total\":6}");
  }

  @Test
  void aJobWithoutAHandlerOnThisNodeWaitsWithoutUsingAnAttempt() {
    JobQueue producer = node(b -> b.runWorker(false).knownTypes("elsewhere"));
    node(b -> b.nodeName("other-node"));
    Job job =
        producer.enqueue(tenant, JobSpec.builder("emails", "elsewhere").maxAttempts(1).build());

    awaitState(producer, job.id(), JobState.SCHEDULED);
    Job waiting = job(producer, job.id());
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.runAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(waiting.lastError()).contains("no handler for type elsewhere on worker other-node");
  }

  @Test
  void runsHigherPriorityFirstThenInOrderOfArrival() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    IrisRuntime runtime = runtime(Duration.ofSeconds(5));
    JobQueue jobs =
        node(
            runtime,
            clock,
            b ->
                b.claimBatch(1)
                    .handler("step", ctx -> order.add(ctx.payload().get("name").asText())));
    jobs.createQueue(QueueConfig.defaults("ordered").withConcurrency(1));
    String[][] specs = {
      {"low", "1"}, {"urgent-1", "9"}, {"normal", "5"}, {"urgent-2", "9"}, {"lowest", "0"}
    };
    for (String[] s : specs) {
      jobs.enqueue(
          tenant,
          JobSpec.builder("ordered", "step")
              .payload("{\"name\":\"" + s[0] + "\"}")
              .priority(Integer.parseInt(s[1]))
              .build());
    }

    runtime.start();

    Await.until("all ran", () -> order.size() == 5);
    assertThat(order).containsExactly("urgent-1", "urgent-2", "normal", "low", "lowest");
  }

  @Test
  void failedAttemptsRetryWithExponentialBackoffAndKeepTheirHistory() {
    AtomicInteger calls = new AtomicInteger();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "flaky",
                    ctx -> {
                      if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("smtp down #" + calls.get());
                      }
                    }));
    RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofHours(1));
    Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "flaky").backoff(backoff).build());

    Await.until("first failure", () -> job(jobs, job.id()).state() == JobState.FAILED);
    Job failed = job(jobs, job.id());
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("smtp down #1");
    assertThat(failed.runAt())
        .isBetween(clock.instant().plusSeconds(5), clock.instant().plusSeconds(10));
    clock.set(failed.runAt());
    Await.until(
        "second failure",
        () ->
            job(jobs, job.id()).attempts() == 2 && job(jobs, job.id()).state() == JobState.FAILED);
    Job again = job(jobs, job.id());
    assertThat(again.runAt())
        .isBetween(clock.instant().plusSeconds(10), clock.instant().plusSeconds(20));
    clock.set(again.runAt());

    awaitState(jobs, job.id(), JobState.COMPLETED);
    assertThat(jobs.attempts(tenant, job.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
    assertThat(job(jobs, job.id()).attempts()).isEqualTo(3);
  }

  @Test
  void aJobWhoseAttemptsAreUsedUpIsDead() {
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "broken",
                    ctx -> {
                      throw new IllegalStateException("no route");
                    }));
    Job job =
        jobs.enqueue(
            tenant,
            JobSpec.builder("sms", "broken")
                .maxAttempts(2)
                .backoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .build());

    awaitState(jobs, job.id(), JobState.FAILED);
    clock.advance(Duration.ofSeconds(1));

    awaitState(jobs, job.id(), JobState.DEAD);
    assertThat(job(jobs, job.id()).lastError()).contains("no route");
    assertThat(job(jobs, job.id()).attempts()).isEqualTo(2);
  }

  @Test
  void aHandlerAskingForALaterRunDoesNotUseUpAnAttempt() {
    AtomicInteger calls = new AtomicInteger();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "polite",
                    ctx -> {
                      if (calls.incrementAndGet() == 1) {
                        ctx.retryAfter(Duration.ofSeconds(30));
                      }
                    }));
    Job job = jobs.enqueue(tenant, JobSpec.builder("webhooks", "polite").maxAttempts(1).build());

    awaitState(jobs, job.id(), JobState.SCHEDULED);
    Job waiting = job(jobs, job.id());
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.runAt()).isEqualTo(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(30));

    awaitState(jobs, job.id(), JobState.COMPLETED);
    assertThat(jobs.attempts(tenant, job.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.RESCHEDULED, AttemptOutcome.SUCCEEDED);
  }

  @Test
  void anAttemptThatRunsPastItsTimeoutIsInterruptedAndFails() {
    AtomicBoolean interrupted = new AtomicBoolean();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "slow",
                    ctx -> {
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                    }));
    Job job =
        jobs.enqueue(
            tenant,
            JobSpec.builder("reports", "slow")
                .timeout(Duration.ofMillis(50))
                .maxAttempts(1)
                .build());

    awaitState(jobs, job.id(), JobState.DEAD);
    assertThat(interrupted).isTrue();
    assertThat(job(jobs, job.id()).lastError()).isEqualTo("timed out after PT0.05S");
  }

  @Test
  void aCancelledRunningJobIsToldThroughItsContext() {
    CountDownLatch started = new CountDownLatch(1);
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "long",
                    ctx -> {
                      started.countDown();
                      while (!ctx.isCancelled()) {
                        Thread.sleep(1);
                      }
                      throw new IllegalStateException("stopped: cancelled");
                    }));
    Job job = jobs.enqueue(tenant, JobSpec.builder("reports", "long").build());
    Await.until("handler started", () -> started.getCount() == 0);

    jobs.cancel(tenant, job.id());

    awaitState(jobs, job.id(), JobState.CANCELLED);
    assertThat(jobs.attempts(tenant, job.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.CANCELLED);
  }

  @Test
  void aJobAbandonedByADeadWorkerIsCompletedByAnotherAfterItsLease() {
    AtomicInteger runs = new AtomicInteger();
    IrisRuntime runtime = runtime(Duration.ofSeconds(5));
    JobQueue jobs =
        node(
            runtime,
            clock,
            b -> b.nodeName("rescuer").handler("mail", ctx -> runs.incrementAndGet()));
    Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Job abandoned =
        store.claim(ClaimRequest.of("emails", 1, "crashed-node", LEASE), clock.instant()).get(0);
    assertThat(abandoned.id()).isEqualTo(job.id());
    runtime.start();

    clock.advance(LEASE.plusMillis(1));

    awaitState(jobs, job.id(), JobState.COMPLETED);
    assertThat(runs).hasValue(1);
    assertThat(jobs.attempts(tenant, job.id()))
        .extracting(JobAttempt::owner, JobAttempt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("crashed-node", AttemptOutcome.LEASE_EXPIRED),
            org.assertj.core.groups.Tuple.tuple("rescuer", AttemptOutcome.SUCCEEDED));
  }

  @Test
  void aWorkerStoppedMidJobGivesItBackAndAnotherWorkerCompletesIt() {
    CountDownLatch started = new CountDownLatch(1);
    IrisRuntime first = runtime(Duration.ZERO);
    JobQueue stuck =
        node(
            first,
            clock,
            b ->
                b.nodeName("stuck")
                    .handler(
                        "mail",
                        ctx -> {
                          started.countDown();
                          new CountDownLatch(1).await();
                        }));
    first.start();
    Job job = stuck.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Await.until("handler started", () -> started.getCount() == 0);

    first.close();

    Job released = job(stuck, job.id());
    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.attempts()).isZero();
    JobQueue healthy = node(b -> b.nodeName("healthy").handler("mail", ctx -> {}));
    awaitState(healthy, job.id(), JobState.COMPLETED);
    assertThat(healthy.attempts(tenant, job.id()))
        .extracting(JobAttempt::owner)
        .containsExactly("healthy");
  }

  @Test
  void gracefulShutdownLetsRunningJobsFinishWithinTheTimeout() {
    CountDownLatch started = new CountDownLatch(1);
    IrisRuntime runtime = runtime(Duration.ofSeconds(20));
    JobQueue jobs =
        node(
            runtime,
            clock,
            b ->
                b.handler(
                    "mail",
                    ctx -> {
                      started.countDown();
                      Thread.sleep(200);
                    }));
    runtime.start();
    Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Await.until("handler started", () -> started.getCount() == 0);

    runtime.close();

    assertThat(job(jobs, job.id()).state()).isEqualTo(JobState.COMPLETED);
  }

  @Test
  void completionsOfConcurrentHandlersShareStoreCalls() {
    WatchedJobStore watched = new WatchedJobStore(store);
    JobQueue jobs = node(watched.store(), b -> b.handler("mail", ctx -> {}));
    jobs.updateQueue(QueueConfig.defaults("emails").withConcurrency(10));
    JobWorker worker = jobs.worker().orElseThrow();
    watched.hold();
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      specs.add(JobSpec.builder("emails", "mail").build());
    }
    jobs.enqueueAll(tenant, specs);
    Await.until("every handler handed over its outcome", () -> worker.pendingCompletions() == 10);

    watched.open();

    Await.until(
        "all completed", () -> jobs.stats(tenant, "emails").count(JobState.COMPLETED) == 10);
    // the first write was held until all ten waited: whatever it did not take went in one more
    assertThat(watched.finishAllSizes).hasSizeBetween(1, 2);
    assertThat(watched.finishAllSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    assertThat(watched.finishCalls.get()).isZero();
  }

  /** A node polling so rarely that every claim after its first round comes from a wake-up. */
  private JobQueue rarelyPollingNode(WatchedJobStore watched, Consumer<JobQueueBuilder> config) {
    IrisRuntime runtime = runtime(Duration.ofSeconds(5));
    JobQueue jobs = node(runtime, clock, watched.store(), Duration.ofHours(1), config);
    runtime.start();
    return jobs;
  }

  @Test
  void aWorkerWokenForOneQueueDoesNotClaimFromAnotherItServes() {
    WatchedJobStore watched = new WatchedJobStore(store);
    store.createQueue(QueueConfig.defaults("alpha"));
    store.createQueue(QueueConfig.defaults("beta"));
    JobQueue jobs = rarelyPollingNode(watched, b -> b.handler("mail", ctx -> {}));
    Await.until(
        "the first poll claimed from both queues",
        () -> watched.claimsOf("alpha") == 1 && watched.claimsOf("beta") == 1);

    Job job = jobs.enqueue(tenant, JobSpec.builder("alpha", "mail").build());

    awaitState(jobs, job.id(), JobState.COMPLETED);
    assertThat(watched.claimsOf("alpha")).isGreaterThan(1);
    assertThat(watched.claimsOf("beta")).isEqualTo(1);
  }

  @Test
  void aFinishedJobClaimsNothingWhileMoreThanHalfABatchWaitsOnTheNode() {
    WatchedJobStore watched = new WatchedJobStore(store);
    store.createQueue(QueueConfig.defaults("emails").withConcurrency(1));
    JobQueue jobs = rarelyPollingNode(watched, b -> b.claimBatch(10).handler("mail", ctx -> {}));
    Await.until("the first poll", () -> watched.claimsOf("emails") == 1);
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      specs.add(JobSpec.builder("emails", "mail").build());
    }

    jobs.enqueueAll(tenant, specs);

    Await.until("all ran", () -> jobs.stats(tenant, "emails").count(JobState.COMPLETED) == 60);
    // each claim came when at most half a batch (5) waited, so it asked for at least 5 jobs
    List<ClaimRequest> claims;
    synchronized (watched.claims) {
      claims = watched.claims.stream().filter(c -> c.queues().contains("emails")).toList();
    }
    assertThat(claims).extracting(ClaimRequest::limit).allMatch(limit -> limit >= 5);
    assertThat(claims).hasSizeLessThanOrEqualTo(60 / 5 + 4);
  }

  @Test
  void aResumedQueueIsClaimedFromAtOnceWithoutWaitingForThePoll() {
    WatchedJobStore watched = new WatchedJobStore(store);
    JobQueue jobs = rarelyPollingNode(watched, b -> b.handler("mail", ctx -> {}));
    jobs.pauseQueue("emails");
    Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());

    jobs.resumeQueue("emails");

    awaitState(jobs, job.id(), JobState.COMPLETED);
  }

  @Test
  void shutdownWritesTheOutcomesOfFinishedHandlersInsteadOfReleasingTheirJobs() throws Exception {
    WatchedJobStore watched = new WatchedJobStore(store);
    IrisRuntime runtime = runtime(Duration.ZERO);
    JobQueue jobs = node(runtime, clock, watched.store(), b -> b.handler("mail", ctx -> {}));
    runtime.start();
    JobWorker worker = jobs.worker().orElseThrow();
    watched.hold();
    Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Await.until("the outcome is being written", () -> worker.pendingCompletions() == 1);

    Thread closing = new Thread(runtime::close);
    closing.start();
    Await.until(
        "shutdown waits for the write", () -> closing.getState() == Thread.State.TIMED_WAITING);
    assertThat(closing.isAlive()).isTrue();
    watched.open();
    closing.join();

    assertThat(store.get(tenant, job.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    assertThat(store.attempts(tenant, job.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.SUCCEEDED);
    assertThat(watched.releaseCalls.get()).isZero();
  }

  @Test
  void claimedJobsWaitingForASlotGoBackAtShutdownWithoutUsingAnAttempt() {
    CountDownLatch started = new CountDownLatch(1);
    IrisRuntime runtime = runtime(Duration.ZERO);
    JobQueue jobs =
        node(
            runtime,
            clock,
            b ->
                b.claimBatch(5)
                    .handler(
                        "mail",
                        ctx -> {
                          started.countDown();
                          new CountDownLatch(1).await();
                        }));
    jobs.updateQueue(QueueConfig.defaults("emails").withConcurrency(1));
    runtime.start();
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      specs.add(JobSpec.builder("emails", "mail").build());
    }
    List<UUID> ids = jobs.enqueueAll(tenant, specs).stream().map(r -> r.job().id()).toList();
    Await.until(
        "one runs and two wait",
        () -> started.getCount() == 0 && jobs.stats(tenant, "emails").count(JobState.RUNNING) == 3);

    runtime.close();

    for (UUID id : ids) {
      Job back = job(jobs, id);
      assertThat(back.state()).isEqualTo(JobState.QUEUED);
      assertThat(back.attempts()).isZero();
    }
  }

  @Test
  void aPausedQueueIsNotServedUntilResumed() {
    JobQueue jobs = node(b -> b.handler("mail", ctx -> {}));
    jobs.pauseQueue("emails");
    Job paused = jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    Job other = jobs.enqueue(tenant, JobSpec.builder("sms", "mail").build());

    awaitState(jobs, other.id(), JobState.COMPLETED);
    assertThat(job(jobs, paused.id()).state()).isEqualTo(JobState.QUEUED);

    jobs.resumeQueue("emails");
    awaitState(jobs, paused.id(), JobState.COMPLETED);
  }

  @Test
  void aChildRunsOnlyAfterItsParent() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    JobQueue jobs =
        node(b -> b.handler("step", ctx -> order.add(ctx.payload().get("name").asText())));
    UUID a = jobs.newJobId();
    List<EnqueueResult> chain =
        jobs.enqueueAll(
            tenant,
            List.of(
                JobSpec.builder("reports", "step")
                    .payload("{\"name\":\"B\"}")
                    .priority(10)
                    .after(a)
                    .build(),
                JobSpec.builder("reports", "step")
                    .id(a)
                    .payload("{\"name\":\"A\"}")
                    .priority(0)
                    .build()));

    awaitState(jobs, chain.get(0).job().id(), JobState.COMPLETED);
    assertThat(order).containsExactly("A", "B");
  }

  @Test
  void severalWorkersNeverRunOneJobConcurrentlyAndRunEachOnce() {
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
      nodes.add(node(b -> b.nodeName("node-" + n).claimBatch(5).handler("hook", handler)));
    }
    nodes.get(0).updateQueue(QueueConfig.defaults("webhooks").withConcurrency(8));
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      specs.add(JobSpec.builder("webhooks", "hook").priority(i % 11).build());
    }
    nodes.get(0).enqueueAll(tenant, specs);

    Await.until(
        "all ran", () -> nodes.get(0).stats(tenant, "webhooks").count(JobState.COMPLETED) == 300);
    assertThat(overlaps).hasValue(0);
    assertThat(runs).hasSize(300);
    assertThat(runs.values()).containsOnly(1);
  }

  @Test
  void tenThousandJobsWithRandomFailuresAreAllAccountedFor() {
    Map<UUID, Integer> completions = new ConcurrentHashMap<>();
    JobHandler handler =
        ctx -> {
          if (java.util.concurrent.ThreadLocalRandom.current().nextInt(10) < 3) {
            throw new IllegalStateException("random failure");
          }
          completions.merge(ctx.job().id(), 1, Integer::sum);
        };
    Clock system = Clock.systemUTC();
    List<JobQueue> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      IrisRuntime runtime = runtime(Duration.ofSeconds(5));
      nodes.add(
          node(
              runtime,
              system,
              b ->
                  b.claimBatch(50)
                      .backoff(new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4)))
                      .handler("work", handler)));
      runtime.start();
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

    Await.until(
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
  void eachCronOccurrenceIsEnqueuedOnceByManySchedulersAcrossDaylightSavingTime() {
    clock.set(Instant.parse("2026-03-07T12:00:00Z"));
    List<JobQueue> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(node(b -> b.runWorker(false).handler("report", ctx -> {})));
    }
    JobQueue jobs = nodes.get(0);
    jobs.createSchedule(
        tenant,
        ScheduleSpec.of(
            "nightly", "30 2 * * *", java.time.ZoneId.of("America/New_York"), "reports", "report"));

    List<Instant> expected =
        List.of(
            Instant.parse(
                "2026-03-08T07:00:00Z"), // 02:30 does not exist: end of the gap, 03:00 EDT
            Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT
    List<Instant> fired = new ArrayList<>();
    for (Instant at : expected) {
      clock.set(at);
      Await.until("occurrence " + at, () -> jobsOf(jobs).size() == fired.size() + 1);
      fired.add(at);
    }

    assertThat(jobsOf(jobs)).extracting(Job::runAt).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(jobs.getSchedule(tenant, "nightly").orElseThrow().nextFireAt())
        .isEqualTo(Instant.parse("2026-03-10T06:30:00Z"));
  }

  @Test
  void aDailyScheduleRunsOnceOnTheDayClocksGoBack() {
    clock.set(Instant.parse("2026-10-31T12:00:00Z"));
    JobQueue jobs = node(b -> b.runWorker(false).handler("report", ctx -> {}));
    jobs.createSchedule(
        tenant,
        ScheduleSpec.of(
            "early", "30 1 * * *", java.time.ZoneId.of("America/New_York"), "reports", "report"));

    clock.set(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT
    Await.until("first 01:30", () -> jobsOf(jobs).size() == 1);
    clock.set(Instant.parse("2026-11-01T06:30:00Z")); // 01:30 EST, the repeated hour

    Await.until(
        "the schedule moved to the next day",
        () ->
            jobs.getSchedule(tenant, "early")
                .orElseThrow()
                .nextFireAt()
                .equals(Instant.parse("2026-11-02T06:30:00Z")));
    assertThat(jobsOf(jobs))
        .extracting(Job::runAt)
        .containsExactly(Instant.parse("2026-11-01T05:30:00Z"));
  }

  private List<Job> jobsOf(JobQueue jobs) {
    return jobs.list(
            tenant, JobQuery.queue("reports"), com.techradium.iris.core.PageRequest.first(100))
        .items();
  }
}
