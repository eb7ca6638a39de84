package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dependencies: a child waits for all its parents, is released when they complete and is failed or
 * cancelled, per its policy and transitively, when one of them fails.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobDependencyContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobDependencyContract() {}

  @Test
  void childWaitsUntilEveryParentCompleted() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job p1 = insertOne(tenant, job(queue, 5, clock.instant()));
    Job p2 = insertOne(tenant, job(queue, 4, clock.instant()));
    Job child =
        insertOne(
            tenant,
            withParents(
                job(queue, 10, clock.instant()), ParentFailurePolicy.FAIL, p1.id(), p2.id()));
    assertThat(child.state()).isEqualTo(JobState.BLOCKED);

    List<Job> parents = claim(queue, 10);
    assertThat(parents).extracting(Job::id).containsExactly(p1.id(), p2.id());
    clock.advance(Duration.ofSeconds(1));
    complete(parents.get(0));
    assertThat(read(tenant, child.id()).state()).isEqualTo(JobState.BLOCKED);
    clock.advance(Duration.ofSeconds(1));
    complete(parents.get(1));

    Job released = read(tenant, child.id());
    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.runAt()).isEqualTo(clock.instant());
    assertThat(claimOne(queue).id()).isEqualTo(child.id());
  }

  @Test
  void childWithALaterRunAtIsScheduledWhenReleased() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    Instant runAt = clock.instant().plusSeconds(300);
    Job child =
        insertOne(tenant, withParents(job(queue, 5, runAt), ParentFailurePolicy.FAIL, parent.id()));

    complete(claimOne(queue));

    Job released = read(tenant, child.id());
    assertThat(released.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(released.runAt()).isEqualTo(runAt);
  }

  @Test
  void deadParentFailsOrCancelsItsChildrenPerPolicyTransitively() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    Job failing = insertChild(tenant, queue, ParentFailurePolicy.FAIL, parent);
    Job cancelling = insertChild(tenant, queue, ParentFailurePolicy.CANCEL, parent);
    Job grandchild = insertChild(tenant, queue, ParentFailurePolicy.CANCEL, failing);

    finish(claimOne(queue), new JobOutcome.Dead("broken"));

    Job failed = read(tenant, failing.id());
    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is dead");
    assertThat(failed.finishedAt()).isEqualTo(clock.instant());
    assertThat(read(tenant, cancelling.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(read(tenant, grandchild.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(read(tenant, grandchild.id()).lastError())
        .isEqualTo("parent " + failing.id() + " is dead");
  }

  @Test
  void cancelledParentCancelsOrFailsItsChildren() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(60)));
    Job child = insertChild(tenant, queue, ParentFailurePolicy.FAIL, parent);

    store().cancel(tenant, parent.id(), clock.instant());

    Job failed = read(tenant, child.id());
    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is cancelled");
  }

  @Test
  void childOfAnAlreadyDeadParentFailsAtOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    finish(claimOne(queue), new JobOutcome.Dead("broken"));

    Job child = insertChild(tenant, queue, ParentFailurePolicy.CANCEL, parent);

    assertThat(child.state()).isEqualTo(JobState.CANCELLED);
    assertThat(child.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void childOfACompletedParentIsDueAtOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    complete(claimOne(queue));

    Job child = insertChild(tenant, queue, ParentFailurePolicy.FAIL, parent);

    assertThat(child.state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void parentsMayBeOtherJobsOfTheSameBatchInAnyOrder() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob parent = job(queue);
    NewJob child = withParents(job(queue), ParentFailurePolicy.FAIL, parent.id());

    List<EnqueueResult> results = store().insert(tenant, List.of(child, parent), clock.instant());

    assertThat(results)
        .extracting(r -> r.job().state())
        .containsExactly(JobState.BLOCKED, JobState.QUEUED);
    complete(claimOne(queue));
    assertThat(claimOne(queue).id()).isEqualTo(child.id());
  }
}
