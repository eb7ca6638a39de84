package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletionBatcherTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TimeOrderedIds ids = new TimeOrderedIds(clock);
  private final InMemoryJobStore memory = new InMemoryJobStore();
  private final WatchedJobStore watched = new WatchedJobStore(memory);
  private final TenantId tenant = TenantId.of("acme");
  private final AtomicInteger writes = new AtomicInteger();
  private final CompletionBatcher batcher =
      new CompletionBatcher(
          watched.store(), clock::instant, writes::incrementAndGet, Runnable::run);
  private final Map<UUID, Optional<Job>> answers = new ConcurrentHashMap<>();

  private List<Job> claimed(int count, String owner) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(
          new NewJob(
              ids.next(),
              "emails",
              "send",
              "{}",
              5,
              clock.instant(),
              3,
              Duration.ofMinutes(1),
              null,
              null,
              null,
              List.of(),
              ParentFailurePolicy.FAIL));
    }
    memory.insert(tenant, jobs, clock.instant());
    return claim(count, owner);
  }

  private List<Job> claim(int count, String owner) {
    return memory.claim(ClaimRequest.of("emails", count, owner, LEASE), clock.instant());
  }

  private void complete(Job job) {
    batcher.submit(
        new JobFinish(job.leaseRef(), new JobOutcome.Completed(null)),
        (after, failure) -> answers.put(job.id(), after));
  }

  private Thread completeInBackground(Job job) {
    Thread t = new Thread(() -> complete(job));
    t.start();
    return t;
  }

  @Test
  void anOutcomeHandedOverWhileNothingIsWrittenIsWrittenAtOnce() {
    Job job = claimed(1, "worker-a").get(0);

    complete(job);

    assertThat(answers.get(job.id()))
        .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.COMPLETED));
    assertThat(watched.finishAllSizes).containsExactly(1);
    assertThat(batcher.pending()).isZero();
    assertThat(writes.get()).isEqualTo(1);
  }

  @Test
  void outcomesHandedOverDuringAWriteShareTheNextStoreCall() throws Exception {
    List<Job> jobs = claimed(10, "worker-a");
    watched.hold();
    Thread writer = completeInBackground(jobs.get(0));
    Await.until("the first write started", () -> watched.finishAllSizes.size() == 1);

    for (Job job : jobs.subList(1, 10)) {
      complete(job);
    }
    assertThat(batcher.pending()).isEqualTo(10);
    assertThat(answers).isEmpty();
    watched.open();
    writer.join();

    assertThat(watched.finishAllSizes).containsExactly(1, 9);
    assertThat(watched.finishCalls.get()).isZero();
    assertThat(answers).hasSize(10);
    for (Job job : jobs) {
      assertThat(memory.get(tenant, job.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }
    assertThat(batcher.pending()).isZero();
  }

  @Test
  void aLostLeaseInABatchDoesNotCompleteTheJobTakenOver() throws Exception {
    Job stale = claimed(1, "worker-a").get(0);
    clock.advance(LEASE.plusSeconds(1));
    memory.requeueExpired(clock.instant(), 100);
    Job takenOver = claim(1, "worker-b").get(0);
    List<Job> fresh = claimed(2, "worker-a");
    watched.hold();
    Thread writer = completeInBackground(fresh.get(0));
    Await.until("the first write started", () -> watched.finishAllSizes.size() == 1);

    complete(stale);
    complete(fresh.get(1));
    watched.open();
    writer.join();

    assertThat(watched.finishAllSizes).containsExactly(1, 2);
    assertThat(answers.get(stale.id())).isEmpty();
    assertThat(answers.get(fresh.get(1).id())).isPresent();
    Job current = memory.get(tenant, stale.id()).orElseThrow();
    assertThat(current.state()).isEqualTo(JobState.RUNNING);
    assertThat(current.lease()).isEqualTo(takenOver.lease());
  }

  @Test
  void flushWaitsForTheWriteInProgress() throws Exception {
    Job job = claimed(1, "worker-a").get(0);
    watched.hold();
    Thread writer = completeInBackground(job);
    Await.until("the write started", () -> watched.finishAllSizes.size() == 1);
    assertThat(batcher.flush(Duration.ZERO)).isFalse();

    watched.open();

    assertThat(batcher.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(answers.get(job.id())).isPresent();
    writer.join();
  }
}
