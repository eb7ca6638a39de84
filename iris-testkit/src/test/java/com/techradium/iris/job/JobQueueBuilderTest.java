package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobQueueBuilderTest {
  private final InMemoryJobStore store = new InMemoryJobStore();

  @Test
  void eachPartCanBeSetOnce() {
    JobQueueBuilder builder =
        JobQueue.builder().store(store).claimBatch(10).leaseDuration(Duration.ofSeconds(5));

    assertThatThrownBy(() -> builder.store(new InMemoryJobStore()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store was already set");
    assertThatThrownBy(() -> builder.claimBatch(20)).hasMessage("claimBatch was already set");
    assertThatThrownBy(() -> builder.leaseDuration(Duration.ofSeconds(9)))
        .hasMessage("leaseDuration was already set");
  }

  @Test
  void aSecondHandlerForATypeIsRefused() {
    JobQueueBuilder builder = JobQueue.builder().handler("mail.send", ctx -> {});

    assertThatThrownBy(() -> builder.handler("mail.send", ctx -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("handler for type mail.send was already set");
  }

  @Test
  void settersCheckTheirArgumentsWithOneWording() {
    assertThatThrownBy(() -> JobQueue.builder().claimBatch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimBatch must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> JobQueue.builder().pollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollInterval must be at least 1 ms, got PT0S");
  }

  @Test
  void aStoreIsRequired() {
    assertThatThrownBy(() -> JobQueue.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }

  @Test
  void buildingWritesNothingToTheStore() {
    JobQueue.builder().store(store).runtime(IrisRuntime.create()).build();

    assertThat(store.listQueues()).isEmpty();
    assertThat(store.listSchedules(TenantId.of("system"))).isEmpty();
  }

  @Test
  void theContextSuppliesClockRuntimeAndTenantsAtOnce() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    IrisContext context = IrisContext.builder().clock(clock).build();
    JobQueueBuilder builder = JobQueue.builder().context(context);

    assertThatThrownBy(() -> builder.clock(clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clock was already set by context(...)");
    JobQueue jobs = builder.store(store).knownTypes("mail.send").build();
    Job job = jobs.enqueue(TenantId.of("acme"), JobSpec.builder("emails", "mail.send").build());
    assertThat(job.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void theQueueRunsTheChoresOfItsContextWhenItIsSetUp() {
    IrisContext context = IrisContext.builder().build();
    JobQueue jobs = JobQueue.builder().context(context).store(store).build();
    context
        .housekeeping()
        .register(
            new com.techradium.iris.core.HousekeepingTask(
                "report-purge",
                "iris.test.purge",
                "0 4 * * *",
                java.time.ZoneOffset.UTC,
                () -> "{}"));

    assertThat(jobs.listSchedules(jobs.systemTenant()))
        .extracting(CronSchedule::name)
        .containsExactlyInAnyOrder(JobQueue.CLEANUP_SCHEDULE, "report-purge");
    assertThat(jobs.isKnownType("iris.test.purge")).isTrue();
  }
}
