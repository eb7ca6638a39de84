package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.testkit.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker on a queue whose claims PostgreSQL schedules by tenant. Such a claim can return fewer
 * jobs than it asked for while more are due (each tenant's share of it is planned before the
 * tenants' due jobs are counted), which must not leave those jobs to the next poll.
 */
class JdbcFairShareWorkerTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final TenantId BIG = TenantId.of("big-tenant");
  private static final TenantId SMALL = TenantId.of("small-tenant");

  @Test
  void aFairClaimThatComesBackShortDoesNotLeaveTheRestToThePoll() throws InterruptedException {
    JdbcIris.migrate(postgres.dataSource());
    IrisRuntime runtime = IrisRuntime.builder().workerThreads(2).build();
    try {
      JobQueue jobs =
          JobQueue.builder()
              .store(JdbcJobStore.of(postgres.dataSource()))
              .runtime(runtime)
              .pollInterval(Duration.ofHours(1))
              .claimBatch(10)
              .handler("report", ctx -> {})
              .build();
      jobs.createQueue(
          QueueConfig.defaults("fair-reports")
              .withConcurrency(1)
              .withClaimOrder(ClaimOrder.FAIR_SHARE));
      List<JobSpec> backlog = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        backlog.add(JobSpec.builder("fair-reports", "report").build());
      }
      jobs.enqueueAll(BIG, backlog);
      jobs.enqueue(SMALL, JobSpec.builder("fair-reports", "report").build());

      // The first round (the runtime's start) asks for 11 jobs and plans about half for each
      // tenant; the small tenant has one, so the claim comes back with about 8.
      runtime.start();

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (completed(jobs) < 31 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(completed(jobs)).as("jobs completed without a poll").isEqualTo(31);
    } finally {
      runtime.close();
    }
  }

  private static long completed(JobQueue jobs) {
    return jobs.stats(BIG, "fair-reports").count(JobState.COMPLETED)
        + jobs.stats(SMALL, "fair-reports").count(JobState.COMPLETED);
  }
}
