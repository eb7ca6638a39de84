package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.WorkItem;
import com.techradium.iris.core.WorkOutcome;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's deferred-work hook, run by the context's job queue. */
class DeferredWorkTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final IrisRuntime runtime = IrisRuntime.builder().workerThreads(2).build();
  private final IrisContext context = IrisContext.builder().clock(clock).runtime(runtime).build();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final TenantId tenant = TenantId.of("acme");

  @AfterEach
  void close() {
    runtime.close();
  }

  private JobQueue queue() {
    return JobQueue.builder()
        .context(context)
        .store(store)
        .pollInterval(Duration.ofMillis(5))
        .schedulerInterval(Duration.ofMillis(5))
        .build();
  }

  @Test
  void submittedWorkRunsAsAJobOfTheContextsQueueWithItsPayloadAndTenant() {
    List<String> seen = new CopyOnWriteArrayList<>();
    context
        .deferredWork()
        .register(
            "demo.work",
            run -> {
              seen.add(run.tenant() + " " + run.payload() + " " + run.attempt());
              return WorkOutcome.done();
            });
    JobQueue jobs = queue();
    runtime.start();

    UUID id =
        context
            .deferredWork()
            .submit(
                List.of(new WorkItem(tenant, "webhooks", "demo.work", "{\"n\":1}", null, 3, null)))
            .get(0);

    Await.until(
        "the work ran", () -> jobs.get(tenant, id).orElseThrow().state() == JobState.COMPLETED);
    assertThat(seen).containsExactly("acme {\"n\":1} 1");
    assertThat(jobs.get(tenant, id).orElseThrow().maxAttempts()).isEqualTo(3);
  }

  @Test
  void workAskingToRunAgainIsRescheduledWithoutUsingAnAttempt() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    context
        .deferredWork()
        .register(
            "demo.again",
            run -> {
              attempts.add(run.attempt());
              return attempts.size() == 1
                  ? WorkOutcome.runAgainAt(clock.instant().plusSeconds(60))
                  : WorkOutcome.done();
            });
    JobQueue jobs = queue();
    runtime.start();
    UUID id =
        context
            .deferredWork()
            .submit(List.of(new WorkItem(tenant, "webhooks", "demo.again", "{}", null, 1, null)))
            .get(0);
    Await.until("first run", () -> attempts.size() == 1);
    Await.until(
        "rescheduled", () -> jobs.get(tenant, id).orElseThrow().state() != JobState.RUNNING);

    clock.advance(Duration.ofSeconds(61));

    Await.until("done", () -> jobs.get(tenant, id).orElseThrow().state() == JobState.COMPLETED);
    assertThat(attempts).hasSize(2);
  }

  @Test
  void anIdempotencyKeyReturnsTheSameItem() {
    context.deferredWork().register("demo.once", run -> WorkOutcome.done());
    queue();
    WorkItem item = new WorkItem(tenant, "webhooks", "demo.once", "{}", null, 1, "key-1");

    UUID first = context.deferredWork().submit(List.of(item)).get(0);
    UUID second = context.deferredWork().submit(List.of(item)).get(0);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void withoutAJobQueueSubmittingFailsAndATypeIsRegisteredOnce() {
    IrisContext bare = IrisContext.builder().build();
    bare.deferredWork().register("demo.x", run -> WorkOutcome.done());

    assertThatThrownBy(
            () ->
                bare.deferredWork()
                    .submit(
                        List.of(new WorkItem(tenant, "webhooks", "demo.x", "{}", null, 1, null))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no job queue");
    assertThatThrownBy(() -> bare.deferredWork().register("demo.x", run -> WorkOutcome.done()))
        .hasMessage("deferred work handler for type demo.x was already set");
  }
}
