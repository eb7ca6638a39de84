package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handler reporting progress through its {@link JobContext}, as {@link JobQueue#get} shows it.
 */
class JobProgressTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final TenantId tenant = TenantId.of("acme");
  private final CountDownLatch proceed = new CountDownLatch(1);
  private IrisRuntime runtime;

  @AfterEach
  void close() {
    proceed.countDown();
    if (runtime != null) {
      runtime.close();
    }
  }

  private JobQueue node(Consumer<JobQueueBuilder> config) {
    runtime = IrisRuntime.builder().workerThreads(2).shutdownTimeout(Duration.ofSeconds(5)).build();
    JobQueueBuilder b =
        JobQueue.builder()
            .store(store)
            .clock(clock)
            .runtime(runtime)
            .leaseDuration(LEASE)
            .pollInterval(Duration.ofMillis(5))
            .schedulerInterval(Duration.ofMillis(5));
    config.accept(b);
    JobQueue jobs = b.build();
    runtime.start();
    return jobs;
  }

  private Job job(JobQueue jobs, Job enqueued) {
    return jobs.get(tenant, enqueued.id()).orElseThrow();
  }

  private void await() throws InterruptedException {
    assertThat(proceed.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void progressShowsOnTheRunningJobAndStaysAfterItCompleted() {
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "import",
                    ctx -> {
                      assertThat(ctx.progress(30, "row 300 of 1,000")).isTrue();
                      await();
                      assertThat(ctx.progress(100)).isTrue();
                    }));
    Job enqueued = jobs.enqueue(tenant, JobSpec.builder("reports", "import").build());

    Await.until("progress is reported", () -> job(jobs, enqueued).progress() != null);
    Job running = job(jobs, enqueued);
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.progress().percent()).isEqualTo(30);
    assertThat(running.progress().message()).isEqualTo("row 300 of 1,000");
    assertThat(running.progress().updatedAt()).isEqualTo(clock.instant());
    assertThat(jobs.load(tenant))
        .singleElement()
        .satisfies(r -> assertThat(r.running()).isEqualTo(1));
    proceed.countDown();

    Await.until("completed", () -> job(jobs, enqueued).state() == JobState.COMPLETED);
    assertThat(job(jobs, enqueued).progress())
        .isEqualTo(new JobProgress(100, null, clock.instant()));
    assertThat(jobs.load(tenant)).isEmpty();
  }

  @Test
  void outOfRangeOrOversizedProgressIsAValidationExceptionAndNothingIsStored() {
    List<String> refused = new CopyOnWriteArrayList<>();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "import",
                    ctx -> {
                      for (Runnable bad :
                          List.<Runnable>of(
                              () -> ctx.progress(-1),
                              () -> ctx.progress(101, "past the end"),
                              () ->
                                  ctx.progress(50, "x".repeat(JobProgress.MAX_MESSAGE_LENGTH + 1)),
                              () -> ctx.progress(50, "a\rb"))) {
                        try {
                          bad.run();
                        } catch (ValidationException e) {
                          refused.add(e.errors().get(0).field());
                        }
                      }
                    }));
    Job enqueued = jobs.enqueue(tenant, JobSpec.builder("reports", "import").build());

    Await.until("completed", () -> job(jobs, enqueued).state() == JobState.COMPLETED);
    assertThat(refused).containsExactly("percent", "percent", "message", "message");
    assertThat(job(jobs, enqueued).progress()).isNull();
  }

  @Test
  void aHandlerWhoseLeaseWasTakenBackIsToldItsProgressWasNotStored() {
    AtomicReference<Boolean> late = new AtomicReference<>();
    JobQueue jobs =
        node(
            b ->
                b.handler(
                    "import",
                    ctx -> {
                      if (ctx.attempt() == 1) {
                        try {
                          await();
                        } catch (InterruptedException e) {
                          // A lease renewal noticed the loss first and stopped the handler.
                        }
                        late.set(ctx.progress(90, "late"));
                      }
                    }));
    Job enqueued = jobs.enqueue(tenant, JobSpec.builder("reports", "import").build());
    Await.until("running", () -> job(jobs, enqueued).state() == JobState.RUNNING);

    clock.advance(LEASE.plusSeconds(1));
    Await.until("lease taken back", () -> job(jobs, enqueued).attempts() == 2);
    proceed.countDown();

    Await.until("the late report returned", () -> late.get() != null);
    assertThat(late.get()).isFalse();
    Await.until("completed", () -> job(jobs, enqueued).state() == JobState.COMPLETED);
    assertThat(job(jobs, enqueued).progress()).isNull();
  }
}
