package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator view ({@link com.techradium.iris.job.spi.JobStore#load}): per queue and tenant, the
 * due jobs waiting for a worker, the running jobs and the run-at of the oldest waiting one, as the
 * clock moves; finished, blocked and not-yet-due jobs left out; and a tenant's view holding only
 * its own rows.
 *
 * <p>One group of the {@link JobStoreContract}; see {@link JobContractSupport} for the convention.
 * The store may hold other tests' jobs, so every check looks at this test's queues only.
 */
public abstract class JobLoadContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobLoadContract() {}

  private List<JobLoad> load(TenantId tenant, String queue) {
    return store().load(tenant, queue, clock.instant());
  }

  private List<JobLoad> ofQueues(List<JobLoad> rows, String... queues) {
    Set<String> mine = Set.of(queues);
    return rows.stream().filter(r -> mine.contains(r.queue())).toList();
  }

  private static JobLoad row(List<JobLoad> rows, TenantId tenant) {
    return rows.stream().filter(r -> r.tenant().equals(tenant)).findFirst().orElseThrow();
  }

  @Test
  void eachTenantsWaitingRunningAndOldestWaitingJobPerQueue() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    Instant start = clock.instant();
    insertOne(a, job(queue));
    clock.advance(Duration.ofSeconds(10));
    insertOne(a, job(queue));
    insertOne(a, job(queue));
    Job running = claimOne(queue);
    clock.advance(Duration.ofSeconds(20));
    insertOne(b, job(queue));
    clock.advance(Duration.ofSeconds(15));

    List<JobLoad> rows = load(null, queue);

    assertThat(running.tenant()).isEqualTo(a);
    assertThat(rows).hasSize(2);
    JobLoad ofA = row(rows, a);
    assertThat(ofA.queue()).isEqualTo(queue);
    assertThat(ofA.waiting()).isEqualTo(2);
    assertThat(ofA.running()).isEqualTo(1);
    assertThat(ofA.oldestWaitingSince()).isEqualTo(start.plusSeconds(10));
    assertThat(ofA.oldestWaitingAge()).contains(Duration.ofSeconds(35));
    assertThat(ofA.asOf()).isEqualTo(clock.instant());
    JobLoad ofB = row(rows, b);
    assertThat(ofB.waiting()).isEqualTo(1);
    assertThat(ofB.running()).isZero();
    assertThat(ofB.oldestWaitingAge()).contains(Duration.ofSeconds(15));
  }

  @Test
  void aTenantWithOnlyRunningJobsHasARowWithoutAnOldestWaitingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    runningJob(tenant, queue);

    JobLoad only = load(tenant, queue).get(0);

    assertThat(only.waiting()).isZero();
    assertThat(only.running()).isEqualTo(1);
    assertThat(only.oldestWaitingSince()).isNull();
    assertThat(only.oldestWaitingAge()).isEmpty();
  }

  @Test
  void jobsStartWaitingWhenTheirRunAtComes() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant later = clock.instant().plus(Duration.ofMinutes(1));
    insertOne(tenant, job(queue, 0, later));
    // Priority 10 ranks ten minutes before its run-at: still not due in four minutes.
    insertOne(tenant, job(queue, 10, clock.instant().plus(Duration.ofMinutes(4))));
    Job failing = runningJob(tenant, newQueue());
    finish(failing, new JobOutcome.Retry("boom", later, true));

    assertThat(load(tenant, null)).isEmpty();

    clock.advance(Duration.ofSeconds(90));
    List<JobLoad> rows = load(tenant, null);

    assertThat(rows).hasSize(2);
    for (JobLoad r : rows) {
      assertThat(r.waiting()).isEqualTo(1);
      assertThat(r.running()).isZero();
      assertThat(r.oldestWaitingSince()).isEqualTo(later);
      assertThat(r.oldestWaitingAge()).contains(Duration.ofSeconds(30));
    }
  }

  @Test
  void finishedAndBlockedJobsAreNotCounted() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    complete(runningJob(tenant, queue));
    finish(runningJob(tenant, queue), new JobOutcome.Dead("boom"));
    Job cancelled = insertOne(tenant, job(queue));
    store().cancel(tenant, cancelled.id(), clock.instant());
    Job parent = insertOne(tenant, job(newQueue()));
    store().cancel(tenant, parent.id(), clock.instant());
    insertChild(tenant, queue, ParentFailurePolicy.CANCEL, parent);
    Job waitingParent = insertOne(tenant, job(newQueue(), 5, clock.instant().plusSeconds(3600)));
    insertChild(tenant, queue, ParentFailurePolicy.FAIL, waitingParent);

    assertThat(load(null, queue)).isEmpty();
    assertThat(load(tenant, queue)).isEmpty();
  }

  @Test
  void aTenantsViewHoldsOnlyItsOwnRowsByQueue() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String first = "a" + newQueue();
    String second = "b" + newQueue();
    insertOne(a, job(second));
    insertOne(a, job(first));
    insertOne(b, job(first));
    insertOne(b, job(first));

    List<JobLoad> ofA = load(a, null);
    List<JobLoad> everyone = ofQueues(load(null, null), first, second);

    assertThat(ofA).extracting(JobLoad::tenant).containsOnly(a);
    assertThat(ofA).extracting(JobLoad::queue).containsExactly(first, second);
    assertThat(ofA).extracting(JobLoad::waiting).containsExactly(1L, 1L);
    assertThat(load(a, second)).extracting(JobLoad::queue).containsExactly(second);
    assertThat(load(newTenant(), null)).isEmpty();
    assertThat(everyone).extracting(JobLoad::queue).isSorted().hasSize(3);
    assertThat(row(ofQueues(everyone, first), b).waiting()).isEqualTo(2);
  }

  @Test
  void theFacadeShowsTenantsTheirOwnRowsAndOperatorsEveryTenant() {
    JobQueue jobs =
        JobQueue.builder().store(store()).clock(clock).handler("test.job", ctx -> {}).build();
    String queue = newQueue();
    jobs.createQueue(QueueConfig.defaults(queue));
    TenantId a = newTenant();
    TenantId b = newTenant();
    jobs.enqueue(a, JobSpec.builder(queue, "test.job").build());
    jobs.enqueue(b, JobSpec.builder(queue, "test.job").build());
    clock.advance(Duration.ofSeconds(7));

    assertThat(jobs.load(a))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.tenant()).isEqualTo(a);
              assertThat(r.queue()).isEqualTo(queue);
              assertThat(r.oldestWaitingAge()).contains(Duration.ofSeconds(7));
            });
    assertThat(jobs.deploymentLoad(queue)).extracting(JobLoad::tenant).containsOnly(a, b);
    assertThat(ofQueues(jobs.deploymentLoad(), queue)).hasSize(2);
  }
}
