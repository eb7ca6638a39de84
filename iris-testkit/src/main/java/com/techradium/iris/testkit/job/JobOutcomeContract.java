package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Outcomes and retries: what completing, failing, rescheduling and cancelling a claimed job
 * records, one job at a time with {@code finish} and in batches with {@code finishAll}.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobOutcomeContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobOutcomeContract() {}

  /** A {@code finishAll} entry completing {@code claimed} with {@code result}. */
  private static JobFinish completed(Job claimed, @Nullable String result) {
    return new JobFinish(claimed.leaseRef(), new JobOutcome.Completed(result));
  }

  @Test
  void completeStoresTheResultAndAnAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    clock.advance(Duration.ofMillis(250));

    Job done = finish(claimed, new JobOutcome.Completed("{\"sent\":3}"));

    assertSameJob(done, read(tenant, claimed.id()));
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertSameJson(done.result(), "{\"sent\":3}");
    assertThat(done.finishedAt()).isEqualTo(clock.instant());
    assertThat(done.lease()).isNull();
    assertThat(store().attempts(tenant, claimed.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
              assertThat(a.runTime()).isEqualTo(Duration.ofMillis(250));
              assertThat(a.error()).isNull();
            });
  }

  @Test
  void failedAttemptWaitsForItsRetryTimeAndKeepsItsHistory() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first = runningJob(tenant, queue);
    Instant retryAt = clock.instant().plusSeconds(10);

    Job failed = finish(first, new JobOutcome.Retry("boom", retryAt, true));

    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.runAt()).isEqualTo(retryAt);
    assertThat(failed.lastError()).isEqualTo("boom");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(claim(queue, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    Job second = claimOne(queue);
    assertThat(second.attempts()).isEqualTo(2);
    finish(second, new JobOutcome.Dead("boom again"));

    List<JobAttempt> history = store().attempts(tenant, first.id());
    assertThat(history).extracting(JobAttempt::number).containsExactly(1, 2);
    assertThat(history)
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED);
    assertThat(history).extracting(JobAttempt::error).containsExactly("boom", "boom again");
    Job dead = read(tenant, first.id());
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.lastError()).isEqualTo("boom again");
    assertThat(dead.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void rescheduleWithoutConsumingGivesTheAttemptBack() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);

    Job later =
        finish(
            claimed,
            new JobOutcome.Retry("retry-after 30s", clock.instant().plusSeconds(30), false));

    assertThat(later.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(later.attempts()).isZero();
    assertThat(later.runAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(store().attempts(tenant, claimed.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.RESCHEDULED);
  }

  @Test
  void cancelledOutcomeEndsTheJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    store().cancel(tenant, claimed.id(), clock.instant());

    Job cancelled = finish(claimed, new JobOutcome.Cancelled("stopped on request"));

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(clock.instant());
    assertThat(store().attempts(tenant, claimed.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.CANCELLED);
  }

  @Test
  void finishAllCompletesEveryJobWithItsResultAndAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    store().insert(tenant, List.of(job(queue), job(queue), job(queue)), clock.instant());
    List<Job> claimed = claim(queue, 3);
    clock.advance(Duration.ofMillis(40));

    List<Optional<Job>> done =
        store()
            .finishAll(
                List.of(
                    completed(claimed.get(0), "{\"i\":0}"),
                    completed(claimed.get(1), null),
                    completed(claimed.get(2), "{\"i\":2}")),
                clock.instant());

    assertThat(done).hasSize(3).allSatisfy(d -> assertThat(d).isPresent());
    for (int i = 0; i < 3; i++) {
      Job after = done.get(i).orElseThrow();
      assertThat(after.id()).isEqualTo(claimed.get(i).id());
      assertThat(after.state()).isEqualTo(JobState.COMPLETED);
      assertThat(after.finishedAt()).isEqualTo(clock.instant());
      assertThat(after.lease()).isNull();
      assertSameJob(after, read(tenant, after.id()));
      assertThat(store().attempts(tenant, after.id()))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
                assertThat(a.runTime()).isEqualTo(Duration.ofMillis(40));
                assertThat(a.owner()).isEqualTo("worker-a");
              });
    }
    assertSameJson(done.get(0).orElseThrow().result(), "{\"i\":0}");
    assertThat(done.get(1).orElseThrow().result()).isNull();
  }

  @Test
  void finishAllSkipsAndReportsAStaleLeaseWithoutTouchingTheOthers() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job stale = runningJob(tenant, queue);
    expireLeases();
    Job current = claimOne(queue, "worker-b");
    Job other = runningJob(tenant, queue);

    List<Optional<Job>> done =
        store().finishAll(List.of(completed(stale, null), completed(other, null)), clock.instant());

    assertThat(done.get(0)).isEmpty();
    assertThat(done.get(1))
        .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.COMPLETED));
    assertSameJob(read(tenant, stale.id()), current);
    assertThat(store().attempts(tenant, stale.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.LEASE_EXPIRED);
  }

  @Test
  void finishAllFinishesAJobNamedTwiceOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);

    List<Optional<Job>> done =
        store()
            .finishAll(
                List.of(completed(claimed, null), completed(claimed, null)), clock.instant());

    assertThat(done.get(0)).isPresent();
    assertThat(done.get(1)).isEmpty();
    assertThat(store().attempts(tenant, claimed.id())).hasSize(1);
  }

  @Test
  void finishAllAppliesMixedOutcomesEachAsFinishWould() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    store()
        .insert(
            tenant,
            List.of(job(queue), job(queue), job(queue), job(queue), job(queue)),
            clock.instant());
    List<Job> c = claim(queue, 5);
    store().cancel(tenant, c.get(4).id(), clock.instant());
    Instant retryAt = clock.instant().plusSeconds(30);

    List<Optional<Job>> done =
        store()
            .finishAll(
                List.of(
                    completed(c.get(0), null),
                    new JobFinish(c.get(1).leaseRef(), new JobOutcome.Retry("boom", retryAt, true)),
                    new JobFinish(
                        c.get(2).leaseRef(), new JobOutcome.Retry("later", retryAt, false)),
                    new JobFinish(c.get(3).leaseRef(), new JobOutcome.Dead("broken")),
                    new JobFinish(c.get(4).leaseRef(), new JobOutcome.Cancelled("stopped"))),
                clock.instant());

    assertThat(done)
        .extracting(d -> d.orElseThrow().state())
        .containsExactly(
            JobState.COMPLETED,
            JobState.FAILED,
            JobState.SCHEDULED,
            JobState.DEAD,
            JobState.CANCELLED);
    assertThat(read(tenant, c.get(1).id()).runAt()).isEqualTo(retryAt);
    assertThat(read(tenant, c.get(2).id()).attempts()).isZero();
    assertThat(read(tenant, c.get(3).id()).lastError()).isEqualTo("broken");
    List<AttemptOutcome> recorded = new ArrayList<>();
    for (Job j : c) {
      recorded.addAll(store().attempts(tenant, j.id()).stream().map(JobAttempt::outcome).toList());
    }
    assertThat(recorded)
        .containsExactly(
            AttemptOutcome.SUCCEEDED,
            AttemptOutcome.FAILED,
            AttemptOutcome.RESCHEDULED,
            AttemptOutcome.FAILED,
            AttemptOutcome.CANCELLED);
  }

  @Test
  void finishAllReleasesAndFailsChildrenOfItsJobs() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job p1 = insertOne(tenant, job(queue, 5, clock.instant()));
    Job p2 = insertOne(tenant, job(queue, 4, clock.instant()));
    Job plain = insertOne(tenant, job(queue, 3, clock.instant()));
    Job released =
        insertOne(
            tenant,
            withParents(job(queue, 10, clock.instant()), ParentFailurePolicy.FAIL, p1.id()));
    Job failed =
        insertOne(
            tenant,
            withParents(job(queue, 10, clock.instant()), ParentFailurePolicy.FAIL, p2.id()));
    List<Job> parents = claim(queue, 3);
    assertThat(parents).extracting(Job::id).containsExactly(p1.id(), p2.id(), plain.id());

    List<Optional<Job>> done =
        store()
            .finishAll(
                List.of(
                    completed(parents.get(0), null),
                    new JobFinish(parents.get(1).leaseRef(), new JobOutcome.Dead("broken")),
                    completed(parents.get(2), null)),
                clock.instant());

    assertThat(done).allSatisfy(d -> assertThat(d).isPresent());
    assertThat(read(tenant, released.id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(read(tenant, failed.id()).state()).isEqualTo(JobState.DEAD);
    assertThat(read(tenant, failed.id()).lastError()).isEqualTo("parent " + p2.id() + " is dead");
    assertThat(claimOne(queue).id()).isEqualTo(released.id());
  }

  @Test
  void finishAllOfAnEmptyListFinishesNothing() {
    assertThat(store().finishAll(List.of(), clock.instant())).isEmpty();
  }
}
