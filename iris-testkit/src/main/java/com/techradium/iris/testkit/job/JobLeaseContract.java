package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.LeaseRef;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Leases: renewal, expiry and release, and that only the current lease holder can change a running
 * job.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobLeaseContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobLeaseContract() {}

  @Test
  void renewalExtendsTheLeaseAndShowsACancelRequest() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    store().cancel(tenant, claimed.id(), clock.instant());
    Instant later = clock.instant().plusSeconds(90);

    Job renewed = store().renewLease(claimed.leaseRef(), later, clock.instant()).orElseThrow();

    assertThat(renewed.lease().expiresAt()).isEqualTo(later);
    assertThat(renewed.lease().token()).isEqualTo(claimed.lease().token());
    assertThat(renewed.cancelRequested()).isTrue();
    assertThat(renewed.state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void expiredLeaseIsRequeuedWithTheAttemptCounted() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    clock.advance(LEASE);
    store().requeueExpired(clock.instant(), 10_000);
    assertThat(read(tenant, claimed.id()).state())
        .as("a lease is not expired at its expiry instant")
        .isEqualTo(JobState.RUNNING);
    clock.advance(Duration.ofMillis(1));

    assertThat(store().requeueExpired(clock.instant(), 10_000)).isPositive();

    Job job = read(tenant, claimed.id());
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.lease()).isNull();
    assertThat(job.runAt()).isEqualTo(clock.instant());
    assertThat(job.lastError()).isEqualTo("lease expired");
    assertThat(store().attempts(tenant, claimed.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(AttemptOutcome.LEASE_EXPIRED);
              assertThat(a.number()).isEqualTo(1);
              assertThat(a.owner()).isEqualTo("worker-a");
            });
  }

  @Test
  void aWorkerThatLostItsLeaseCannotChangeTheJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job stale = runningJob(tenant, queue);
    expireLeases();
    Job current = claimOne(queue, "worker-b");

    assertThat(store().finish(stale.leaseRef(), new JobOutcome.Completed(null), clock.instant()))
        .isEmpty();
    assertThat(store().finish(stale.leaseRef(), new JobOutcome.Dead("late"), clock.instant()))
        .isEmpty();
    assertThat(
            store().renewLease(stale.leaseRef(), clock.instant().plusSeconds(60), clock.instant()))
        .isEmpty();
    assertThat(store().release(stale.leaseRef(), clock.instant())).isFalse();
    assertSameJob(read(tenant, stale.id()), current);

    Job done = finish(current, new JobOutcome.Completed("{\"ok\":true}"));
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.attempts()).isEqualTo(2);
  }

  @Test
  void aMadeUpLeaseTokenChangesNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    LeaseRef forged = new LeaseRef(tenant, claimed.id(), UUID.randomUUID());
    LeaseRef otherTenant = new LeaseRef(newTenant(), claimed.id(), claimed.lease().token());

    assertThat(store().finish(forged, new JobOutcome.Completed(null), clock.instant())).isEmpty();
    assertThat(store().finish(otherTenant, new JobOutcome.Completed(null), clock.instant()))
        .isEmpty();
    assertSameJob(read(tenant, claimed.id()), claimed);
  }

  @Test
  void expiredLeaseOnTheLastAttemptMakesTheJobDead() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, withMaxAttempts(job(queue), 1));
    claimOne(queue);
    clock.advance(LEASE.plusSeconds(1));

    store().requeueExpired(clock.instant(), 10_000);

    Job dead = read(tenant, job.id());
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void expiredLeaseOfACancelledJobCancelsIt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = runningJob(tenant, queue);
    store().cancel(tenant, claimed.id(), clock.instant());
    clock.advance(LEASE.plusSeconds(1));

    store().requeueExpired(clock.instant(), 10_000);

    assertThat(read(tenant, claimed.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void releaseReturnsTheJobWithoutUsingAnAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));
    Job claimed = claimOne(queue);

    assertThat(store().release(claimed.leaseRef(), clock.instant())).isTrue();

    Job released = read(tenant, job.id());
    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.attempts()).isZero();
    assertThat(released.runAt()).isEqualTo(job.runAt());
    assertThat(released.lease()).isNull();
    assertThat(store().attempts(tenant, job.id())).isEmpty();
    assertThat(claimOne(queue).id()).isEqualTo(job.id());
  }

  @Test
  void lateFinishesRacingTheTakeoverNeverOverwriteIt() throws Exception {
    TenantId tenant = newTenant();
    String queue = newQueue();
    int jobs = 40;
    for (int i = 0; i < jobs; i++) {
      insertOne(tenant, job(queue));
    }
    java.util.List<Job> lost =
        store()
            .claim(
                com.techradium.iris.job.spi.ClaimRequest.of(queue, jobs, "worker-a", LEASE),
                clock.instant());
    assertThat(lost).hasSize(jobs);
    expireLeases();
    JobOutcome late = new JobOutcome.Completed("{\"by\":\"a\"}");

    // Even threads are workers taking the jobs over; odd threads deliver worker-a's late outcomes,
    // one by one (finish) or all at once (finishAll), while the takeover runs.
    java.util.List<Integer> lateAccepted =
        runConcurrently(
            8,
            Duration.ofSeconds(60),
            t ->
                () -> {
                  int accepted = 0;
                  if (t % 2 == 0) {
                    java.util.List<Job> got;
                    while (!(got =
                            store()
                                .claim(
                                    com.techradium.iris.job.spi.ClaimRequest.of(
                                        queue, 1, "worker-b" + t, LEASE),
                                    clock.instant()))
                        .isEmpty()) {
                      store()
                          .finish(
                              got.get(0).leaseRef(),
                              new JobOutcome.Completed("{\"by\":\"b\"}"),
                              clock.instant())
                          .orElseThrow();
                    }
                  } else if (t % 4 == 1) {
                    for (Job job : lost) {
                      if (store().finish(job.leaseRef(), late, clock.instant()).isPresent()) {
                        accepted++;
                      }
                    }
                  } else {
                    java.util.List<com.techradium.iris.job.spi.JobFinish> all =
                        new java.util.ArrayList<>();
                    lost.forEach(
                        job ->
                            all.add(
                                new com.techradium.iris.job.spi.JobFinish(job.leaseRef(), late)));
                    for (java.util.Optional<Job> r : store().finishAll(all, clock.instant())) {
                      if (r.isPresent()) {
                        accepted++;
                      }
                    }
                  }
                  return accepted;
                });

    assertThat(lateAccepted).containsOnly(0);
    for (Job job : lost) {
      Job now = read(tenant, job.id());
      assertThat(now.state()).isEqualTo(JobState.COMPLETED);
      assertSameJson(now.result(), "{\"by\":\"b\"}");
    }
  }
}
