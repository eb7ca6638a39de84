package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOrdering;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Claiming: which job a worker gets (priority, aging, first in first out, run-at), that it gets it
 * alone under a fresh lease even with many claimers, that no job is lost under random failures, and
 * that a store with signals announces due jobs.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobClaimContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobClaimContract() {}

  @Test
  void claimTakesHigherPriorityFirstThenFirstInFirstOut() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant now = clock.instant();
    Job low = insertOne(tenant, job(queue, 1, now));
    Job midFirst = insertOne(tenant, job(queue, 5, now));
    Job high = insertOne(tenant, job(queue, 9, now));
    Job midSecond = insertOne(tenant, job(queue, 5, now));
    Job midEarlierRunAt = insertOne(tenant, job(queue, 5, now.minusSeconds(1)));

    List<Job> claimed = claim(queue, 10);

    assertThat(claimed)
        .extracting(Job::id)
        .containsExactly(high.id(), midEarlierRunAt.id(), midFirst.id(), midSecond.id(), low.id());
  }

  @Test
  void longWaitingLowPriorityJobOvertakesAFreshHighPriorityOne() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job old = insertOne(tenant, job(queue, 0, clock.instant()));
    clock.advance(JobOrdering.AGING_STEP.multipliedBy(10).plusMillis(1));
    Job fresh = insertOne(tenant, job(queue, 10, clock.instant()));
    Job freshLow = insertOne(tenant, job(queue, 0, clock.instant()));

    List<Job> claimed = claim(queue, 3);

    assertThat(claimed).extracting(Job::id).containsExactly(old.id(), fresh.id(), freshLow.id());
  }

  @Test
  void agingStopsShortOfOvertakingBeforeItsTime() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job old = insertOne(tenant, job(queue, 0, clock.instant()));
    clock.advance(JobOrdering.AGING_STEP.multipliedBy(10).minusMillis(1));
    Job fresh = insertOne(tenant, job(queue, 10, clock.instant()));

    assertThat(claim(queue, 2)).extracting(Job::id).containsExactly(fresh.id(), old.id());
  }

  @Test
  void claimRespectsTheLimitAndTakesFromSeveralQueuesInRankOrder() {
    TenantId tenant = newTenant();
    String q1 = newQueue();
    String q2 = newQueue();
    Instant now = clock.instant();
    Job a = insertOne(tenant, job(q1, 3, now));
    Job b = insertOne(tenant, job(q2, 8, now));
    insertOne(tenant, job(q1, 1, now));

    List<Job> claimed =
        store()
            .claim(new ClaimRequest(Set.of(q1, q2), null, 2, "worker-a", LEASE), clock.instant());

    assertThat(claimed).extracting(Job::id).containsExactly(b.id(), a.id());
  }

  @Test
  void delayedJobIsNotClaimableBeforeItsRunAt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job delayed = insertOne(tenant, job(queue, 10, clock.instant().plusSeconds(60)));

    assertThat(claim(queue, 5)).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(claim(queue, 5)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(claim(queue, 5)).extracting(Job::id).containsExactly(delayed.id());
  }

  @Test
  void claimedJobIsRunningUnderAFreshLease() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));

    Job claimed = claimOne(queue);

    assertThat(claimed.id()).isEqualTo(job.id());
    assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.startedAt()).isEqualTo(clock.instant());
    assertThat(claimed.lease().owner()).isEqualTo("worker-a");
    assertThat(claimed.lease().expiresAt()).isEqualTo(clock.instant().plus(LEASE));
    assertSameJob(read(tenant, job.id()), claimed);
    assertThat(claim(queue, 5)).isEmpty();
  }

  @Test
  void concurrentClaimersNeverReceiveTheSameJob() throws Exception {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(job(queue, i % 11 == 0 ? 10 : i % 11, clock.instant()));
    }
    store().insert(tenant, batch, clock.instant());

    List<List<UUID>> claimedByEach =
        runConcurrently(
            8,
            Duration.ofSeconds(60),
            t ->
                () -> {
                  List<UUID> mine = new ArrayList<>();
                  claimUntilEmpty(queue, 7, "worker-" + t, (job, now) -> mine.add(job.id()));
                  return mine;
                });

    assertThat(claimedByEach.stream().flatMap(List::stream).toList())
        .hasSize(200)
        .doesNotHaveDuplicates();
  }

  @Test
  void noJobIsLostWithRandomFailuresAndSeveralClaimers() throws Exception {
    TenantId tenant = newTenant();
    String queue = newQueue();
    int total = stressJobCount();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      jobs.add(withMaxAttempts(job(queue, i % 11, clock.instant()), 3));
    }
    for (int from = 0; from < total; from += 500) {
      store().insert(tenant, jobs.subList(from, Math.min(from + 500, total)), clock.instant());
    }
    Map<UUID, Integer> completions = new ConcurrentHashMap<>();
    AtomicInteger dead = new AtomicInteger();

    runConcurrently(
        4,
        Duration.ofSeconds(120),
        t ->
            () -> {
              claimUntilEmpty(
                  queue,
                  25,
                  "worker-" + t,
                  (job, now) -> {
                    Job after = finishOrReleaseAtRandom(job, now);
                    if (after.state() == JobState.COMPLETED) {
                      completions.merge(job.id(), 1, Integer::sum);
                    } else if (after.state() == JobState.DEAD) {
                      dead.incrementAndGet();
                    }
                  });
              return null;
            });

    assertThat(completions.values()).allMatch(n -> n == 1);
    assertThat(completions.size() + dead.get()).isEqualTo(total);
    JobStats stats = store().stats(new StatsQuery(tenant, queue, Instant.EPOCH), clock.instant());
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(completions.size());
    assertThat(stats.count(JobState.DEAD)).isEqualTo(dead.get());
    assertThat(stats.total()).isEqualTo(total);
    Set<JobState> left = new HashSet<>(stats.counts().keySet());
    left.removeIf(s -> stats.count(s) == 0);
    assertThat(left).isSubsetOf(Set.of(JobState.COMPLETED, JobState.DEAD));
  }

  /**
   * Claims {@code batch} jobs at a time as {@code owner}, handing each to {@code handle} with the
   * time of its claim, until the queue has nothing due.
   */
  private void claimUntilEmpty(
      String queue, int batch, String owner, BiConsumer<Job, Instant> handle) {
    while (true) {
      Instant now = clock.instant();
      List<Job> got = store().claim(ClaimRequest.of(queue, batch, owner, LEASE), now);
      if (got.isEmpty()) {
        return;
      }
      got.forEach(job -> handle.accept(job, now));
    }
  }

  /**
   * Fails three claims in ten (dead on the last attempt), releases one and completes the rest;
   * returns the job as it is afterwards.
   */
  private Job finishOrReleaseAtRandom(Job claimed, Instant now) {
    int roll = ThreadLocalRandom.current().nextInt(10);
    if (roll == 3) {
      assertThat(store().release(claimed.leaseRef(), now)).isTrue();
      return claimed;
    }
    JobOutcome outcome;
    if (roll < 3) {
      outcome =
          claimed.attempts() >= claimed.maxAttempts()
              ? new JobOutcome.Dead("unlucky")
              : new JobOutcome.Retry("unlucky", now, true);
    } else {
      outcome = new JobOutcome.Completed(null);
    }
    return store().finish(claimed.leaseRef(), outcome, now).orElseThrow();
  }

  @Test
  void aStoreWithSignalsAnnouncesADueJob() throws Exception {
    Optional<JobSignal> signals = store().signals();
    String queue = newQueue();
    CountDownLatch heard = new CountDownLatch(1);
    Set<String> queues = ConcurrentHashMap.newKeySet();
    if (signals.isPresent()) {
      JobSignal.Subscription subscription =
          signals
              .get()
              .subscribe(
                  q -> {
                    queues.add(q);
                    if (q.equals(queue)) {
                      heard.countDown();
                    }
                  });
      try {
        insertOne(newTenant(), job(queue));
        assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
      } finally {
        subscription.close();
      }
      assertThat(queues).contains(queue);
    } else {
      assertThat(store().signals()).isEmpty();
    }
  }
}
