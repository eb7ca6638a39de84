package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Enqueues check jobs against queue configurations read at most once per poll interval, yet never
 * refuse a queue created on another node and see this node's own queue changes at once.
 */
class QueueCacheTest {
  private final TenantId tenant = TenantId.of("acme");
  private final InMemoryJobStore shared = new InMemoryJobStore();
  private final WatchedJobStore watched = new WatchedJobStore(shared);
  private final JobQueue jobs =
      JobQueue.builder()
          .store(watched.store())
          .runWorker(false)
          .pollInterval(Duration.ofHours(1))
          .handler("report.build", ctx -> {})
          .build();

  private JobSpec report(String queue) {
    return JobSpec.builder(queue, "report.build").build();
  }

  @Test
  void manyEnqueuesReadTheQueuesOnce() {
    jobs.enqueue(tenant, report("reports"));
    int reads = watched.listQueuesCalls.get();

    for (int i = 0; i < 50; i++) {
      jobs.enqueue(tenant, report("reports"));
    }

    assertThat(watched.listQueuesCalls.get()).isEqualTo(reads);
  }

  @Test
  void aQueueCreatedOnAnotherNodeIsAcceptedAtOnce() {
    jobs.enqueue(tenant, report("reports"));
    JobQueue otherNode = JobQueue.builder().store(shared).runWorker(false).build();
    otherNode.createQueue(QueueConfig.defaults("invoices").withConcurrency(2));

    assertThat(jobs.enqueue(tenant, report("invoices")).queue()).isEqualTo("invoices");
  }

  @Test
  void anUnknownQueueIsStillRefused() {
    jobs.enqueue(tenant, report("reports"));

    assertThatThrownBy(() -> jobs.enqueue(tenant, report("nowhere")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("queue");
  }

  @Test
  void thisNodesOwnQueueChangesApplyToTheNextEnqueue() {
    jobs.enqueue(tenant, report("reports"));
    QueueConfig reports = jobs.getQueue("reports").orElseThrow();
    jobs.updateQueue(
        new QueueConfig(
            reports.name(),
            reports.concurrency(),
            reports.paused(),
            9,
            reports.defaultMaxAttempts(),
            reports.retention()));

    assertThat(jobs.enqueue(tenant, report("reports")).priority()).isEqualTo(9);

    jobs.deleteQueue("reports");
    assertThatThrownBy(() -> jobs.enqueue(tenant, report("reports")))
        .isInstanceOf(ValidationException.class);
  }
}
