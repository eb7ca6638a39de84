package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Operator actions on one job: cancel, update and retry now, each allowed only in the states where
 * it makes sense.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobControlContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobControlContract() {}

  @Test
  void cancelEndsAWaitingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));

    Job cancelled = store().cancel(tenant, job.id(), clock.instant());

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(clock.instant());
    assertThat(cancelled.cancelRequested()).isFalse();
    assertSameJob(read(tenant, job.id()), cancelled);
    assertThat(claim(queue, 1)).isEmpty();
    assertSameJob(store().cancel(tenant, job.id(), clock.instant()), cancelled);
  }

  @Test
  void cancelOfARunningJobOnlyFlagsIt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);

    Job flagged = store().cancel(tenant, claimed.id(), clock.instant());

    assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
    assertThat(flagged.cancelRequested()).isTrue();
    assertThat(flagged.lease()).isEqualTo(claimed.lease());
  }

  @Test
  void cancelOfACompletedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job done = complete(runningJob(tenant, queue));

    assertThatThrownBy(() -> store().cancel(tenant, done.id(), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void updateChangesAWaitingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));
    clock.advance(Duration.ofSeconds(1));
    Instant later = clock.instant().plusSeconds(60);

    Job updated =
        store().update(tenant, job.id(), new JobUpdate(9, later, "{\"n\":2}"), clock.instant());

    assertThat(updated.priority()).isEqualTo(9);
    assertThat(updated.runAt()).isEqualTo(later);
    assertThat(updated.state()).isEqualTo(JobState.SCHEDULED);
    assertSameJson(updated.payload(), "{\"n\":2}");
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertSameJob(read(tenant, job.id()), updated);
    assertThat(claim(queue, 1)).isEmpty();

    Job due = store().update(tenant, job.id(), JobUpdate.runAt(clock.instant()), clock.instant());
    assertThat(due.state()).isEqualTo(JobState.QUEUED);
    assertThat(claimOne(queue).priority()).isEqualTo(9);
  }

  @Test
  void updateOfARunningOrFinishedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job running = runningJob(tenant, queue);

    assertThatThrownBy(
            () -> store().update(tenant, running.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(ConflictException.class);
    complete(running);
    assertThatThrownBy(
            () -> store().update(tenant, running.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(read(tenant, running.id()).priority()).isEqualTo(5);
  }

  @Test
  void retryNowRevivesADeadJobWithOneMoreAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, withMaxAttempts(job(queue), 1));
    finish(claimOne(queue), new JobOutcome.Dead("broken"));
    clock.advance(Duration.ofMinutes(1));

    Job revived = store().retryNow(tenant, job.id(), clock.instant());

    assertThat(revived.state()).isEqualTo(JobState.QUEUED);
    assertThat(revived.runAt()).isEqualTo(clock.instant());
    assertThat(revived.maxAttempts()).isEqualTo(2);
    assertThat(revived.finishedAt()).isNull();
    assertThat(claimOne(queue).attempts()).isEqualTo(2);
  }

  @Test
  void retryNowMakesAFailedJobDueAtOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    finish(claimed, new JobOutcome.Retry("boom", clock.instant().plusSeconds(3600), true));

    store().retryNow(tenant, claimed.id(), clock.instant());

    assertThat(claimOne(queue).id()).isEqualTo(claimed.id());
  }

  @Test
  void retryNowOfABlockedOrCompletedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    Job child = insertChild(tenant, queue, ParentFailurePolicy.FAIL, parent);
    complete(claimOne(queue));
    complete(claimOne(queue));
    Job blocked =
        insertOne(
            tenant,
            withParents(
                job(newQueue()),
                ParentFailurePolicy.FAIL,
                insertOne(tenant, job(newQueue())).id()));

    assertThatThrownBy(() -> store().retryNow(tenant, child.id(), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store().retryNow(tenant, blocked.id(), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }
}
