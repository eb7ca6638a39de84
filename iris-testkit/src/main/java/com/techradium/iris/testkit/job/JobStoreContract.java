package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisJson;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.ClaimRequest;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobFinish;
import com.techradium.iris.job.JobOrdering;
import com.techradium.iris.job.JobOutcome;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobSignal;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobStore;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.LeaseRef;
import com.techradium.iris.job.NewJob;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.StatsQuery;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must show. An adapter's test extends this class and
 * implements {@link #createStore()}; every test then runs against that adapter.
 *
 * <p>Tests use fresh tenants and fresh queue names, so one database or Redis can serve the whole
 * suite. Cross-tenant operations (claim, lease expiry, cleanup) are therefore checked on the test's
 * own queues and jobs only.
 */
public abstract class JobStoreContract extends ContractSupport {
  private static final AtomicLong QUEUES = new AtomicLong();
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** The store under test, made fresh (or reset) by {@link #createStore()} before each test. */
  protected JobStore store;

  private TimeOrderedIds ids;

  /** Makes the store under test. Called before every test. */
  protected abstract JobStore createStore();

  /** How many jobs the no-job-lost test pushes through; a few thousand by default. */
  protected int stressJobCount() {
    return 2000;
  }

  @BeforeEach
  void setUpStore() {
    store = createStore();
    ids = new TimeOrderedIds(clock);
  }

  // ---- fixtures ------------------------------------------------------------------------------

  /** A queue name no other test uses. */
  protected static String newQueue() {
    return "q" + Long.toString(System.nanoTime() & 0xFFFFFF, 36) + "-" + QUEUES.incrementAndGet();
  }

  /** A due job of priority 5 on {@code queue}. */
  protected NewJob job(String queue) {
    return job(queue, 5, clock.instant());
  }

  /** A job with the given priority and run-at. */
  protected NewJob job(String queue, int priority, Instant runAt) {
    return new NewJob(
        ids.next(),
        queue,
        "test.job",
        "{\"n\":1}",
        priority,
        runAt,
        3,
        Duration.ofMinutes(1),
        null,
        null,
        null,
        List.of(),
        ParentFailurePolicy.FAIL);
  }

  private NewJob withKey(NewJob n, String key, String payload, Duration window) {
    return new NewJob(
        n.id(),
        n.queue(),
        n.type(),
        payload,
        n.priority(),
        n.runAt(),
        n.maxAttempts(),
        n.timeout(),
        n.backoff(),
        key,
        clock.instant().plus(window),
        n.parentIds(),
        n.parentFailurePolicy());
  }

  private NewJob withParents(NewJob n, ParentFailurePolicy policy, UUID... parents) {
    return new NewJob(
        n.id(),
        n.queue(),
        n.type(),
        n.payload(),
        n.priority(),
        n.runAt(),
        n.maxAttempts(),
        n.timeout(),
        n.backoff(),
        n.idempotencyKey(),
        n.idempotencyExpiresAt(),
        List.of(parents),
        policy);
  }

  private NewJob withMaxAttempts(NewJob n, int maxAttempts) {
    return new NewJob(
        n.id(),
        n.queue(),
        n.type(),
        n.payload(),
        n.priority(),
        n.runAt(),
        maxAttempts,
        n.timeout(),
        n.backoff(),
        n.idempotencyKey(),
        n.idempotencyExpiresAt(),
        n.parentIds(),
        n.parentFailurePolicy());
  }

  private Job insertOne(TenantId tenant, NewJob n) {
    return store.insert(tenant, List.of(n), clock.instant()).get(0).job();
  }

  private List<Job> claim(String queue, int limit) {
    return store.claim(ClaimRequest.of(queue, limit, "worker-a", LEASE), clock.instant());
  }

  private Job claimOne(String queue) {
    List<Job> claimed = claim(queue, 1);
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  private Job state(TenantId tenant, UUID id) {
    return store.get(tenant, id).orElseThrow();
  }

  private Job finish(Job claimed, JobOutcome outcome) {
    return store.finish(claimed.leaseRef(), outcome, clock.instant()).orElseThrow();
  }

  /** Jobs are equal field by field, payload and result compared as JSON. */
  protected static void assertSameJob(Job actual, Job expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .ignoringFields("payload", "result")
        .isEqualTo(expected);
    assertSameJson(actual.payload(), expected.payload());
    if (actual.result() == null || expected.result() == null) {
      assertThat(actual.result()).isEqualTo(expected.result());
    } else {
      assertSameJson(actual.result(), expected.result());
    }
  }

  private static void assertSameJson(String actual, String expected) {
    assertThat(IrisJson.parse("actual", actual)).isEqualTo(IrisJson.parse("expected", expected));
  }

  // ---- enqueue and read ----------------------------------------------------------------------

  @Test
  void insertedJobReadsBackWithEveryField() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant now = clock.instant();
    UUID parent = insertOne(tenant, job(queue)).id();
    NewJob n =
        new NewJob(
            ids.next(),
            queue,
            "mail.send:v2",
            "{\"to\":\"a@example.com\",\"tags\":[1,2,{\"x\":null}]}",
            7,
            now.plusSeconds(90),
            4,
            Duration.ofSeconds(45),
            new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10)),
            "order-17",
            now.plus(Duration.ofHours(24)),
            List.of(parent),
            ParentFailurePolicy.CANCEL);

    EnqueueResult result = store.insert(tenant, List.of(n), now).get(0);
    Job job = state(tenant, n.id());

    assertThat(result.created()).isTrue();
    assertSameJob(result.job(), job);
    assertThat(job.id()).isEqualTo(n.id());
    assertThat(job.tenant()).isEqualTo(tenant);
    assertThat(job.queue()).isEqualTo(queue);
    assertThat(job.type()).isEqualTo("mail.send:v2");
    assertSameJson(job.payload(), n.payload());
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.state()).isEqualTo(JobState.BLOCKED);
    assertThat(job.runAt()).isEqualTo(now.plusSeconds(90));
    assertThat(job.attempts()).isZero();
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(job.backoff())
        .isEqualTo(new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10)));
    assertThat(job.idempotencyKey()).isEqualTo("order-17");
    assertThat(job.idempotencyExpiresAt()).isEqualTo(now.plus(Duration.ofHours(24)));
    assertThat(job.parentIds()).containsExactly(parent);
    assertThat(job.parentFailurePolicy()).isEqualTo(ParentFailurePolicy.CANCEL);
    assertThat(job.cancelRequested()).isFalse();
    assertThat(job.lease()).isNull();
    assertThat(job.lastError()).isNull();
    assertThat(job.result()).isNull();
    assertThat(job.createdAt()).isEqualTo(now);
    assertThat(job.updatedAt()).isEqualTo(now);
    assertThat(job.startedAt()).isNull();
    assertThat(job.finishedAt()).isNull();
  }

  @Test
  void dueJobIsQueuedAndFutureJobIsScheduled() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job due = insertOne(tenant, job(queue));
    Job later = insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(5)));

    assertThat(due.state()).isEqualTo(JobState.QUEUED);
    assertThat(later.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(later.backoff()).isNull();
  }

  @Test
  void anotherTenantCannotSeeOrTouchAJob() {
    TenantId owner = newTenant();
    TenantId other = newTenant();
    String queue = newQueue();
    Job job = insertOne(owner, job(queue));

    assertThat(store.get(other, job.id())).isEmpty();
    assertThat(store.list(other, JobQuery.all(), PageRequest.first()).items()).isEmpty();
    assertThat(store.attempts(other, job.id())).isEmpty();
    assertThatThrownBy(() -> store.cancel(other, job.id(), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.update(other, job.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.retryNow(other, job.id(), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            store.claim(
                new ClaimRequest(Set.of(queue), other, 10, "worker-a", LEASE), clock.instant()))
        .isEmpty();
    assertThat(state(owner, job.id()).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void aParentOfAnotherTenantIsUnknown() {
    TenantId owner = newTenant();
    String queue = newQueue();
    Job parent = insertOne(owner, job(queue));
    NewJob child = withParents(job(queue), ParentFailurePolicy.FAIL, parent.id());

    assertThatThrownBy(() -> store.insert(newTenant(), List.of(child), clock.instant()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("parentIds")).isTrue());
  }

  @Test
  void claimCanSpanTenantsAndKeepsEachJobsTenant() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    Job ja = insertOne(a, job(queue));
    Job jb = insertOne(b, job(queue));

    List<Job> claimed = claim(queue, 10);

    assertThat(claimed)
        .extracting(Job::id, Job::tenant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ja.id(), a),
            org.assertj.core.groups.Tuple.tuple(jb.id(), b));
  }

  @Test
  void claimForOneTenantTakesOnlyItsJobs() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    insertOne(a, job(queue));
    Job jb = insertOne(b, job(queue));

    List<Job> claimed =
        store.claim(new ClaimRequest(Set.of(queue), b, 10, "worker-a", LEASE), clock.instant());

    assertThat(claimed).extracting(Job::id).containsExactly(jb.id());
  }

  @Test
  void batchInsertIsAllOrNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob good = job(queue);
    NewJob orphan = withParents(job(queue), ParentFailurePolicy.FAIL, ids.next());

    assertThatThrownBy(() -> store.insert(tenant, List.of(good, orphan), clock.instant()))
        .isInstanceOf(ValidationException.class);
    assertThat(store.get(tenant, good.id())).isEmpty();
  }

  @Test
  void reusedIdIsAConflict() {
    TenantId tenant = newTenant();
    NewJob n = job(newQueue());
    insertOne(tenant, n);

    assertThatThrownBy(() -> store.insert(tenant, List.of(n), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }

  // ---- idempotency ---------------------------------------------------------------------------

  @Test
  void sameIdempotencyKeyAndPayloadReturnsTheExistingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first =
        insertOne(tenant, withKey(job(queue), "k1", "{\"a\":1,\"b\":2}", Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(5));

    EnqueueResult again =
        store
            .insert(
                tenant,
                List.of(withKey(job(queue), "k1", "{\"b\":2, \"a\":1}", Duration.ofHours(1))),
                clock.instant())
            .get(0);

    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.id());
    assertThat(store.list(tenant, JobQuery.all(), PageRequest.first()).items()).hasSize(1);
  }

  @Test
  void sameIdempotencyKeyWithOtherPayloadIsAConflictAndInsertsNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    insertOne(tenant, withKey(job(queue), "k1", "{\"a\":1}", Duration.ofHours(1)));
    NewJob bystander = job(queue);

    assertThatThrownBy(
            () ->
                store.insert(
                    tenant,
                    List.of(bystander, withKey(job(queue), "k1", "{\"a\":2}", Duration.ofHours(1))),
                    clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(store.get(tenant, bystander.id())).isEmpty();
  }

  @Test
  void idempotencyKeyRepeatedWithinOneBatchCreatesOneJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob first = withKey(job(queue), "k1", "{}", Duration.ofHours(1));
    NewJob second = withKey(job(queue), "k1", "{}", Duration.ofHours(1));

    List<EnqueueResult> results = store.insert(tenant, List.of(first, second), clock.instant());

    assertThat(results.get(0).created()).isTrue();
    assertThat(results.get(1).created()).isFalse();
    assertThat(results.get(1).job().id()).isEqualTo(first.id());
    assertThat(store.get(tenant, second.id())).isEmpty();
  }

  @Test
  void idempotencyKeyStopsMatchingAfterItsWindow() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first = insertOne(tenant, withKey(job(queue), "k1", "{}", Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10));

    EnqueueResult again =
        store
            .insert(
                tenant,
                List.of(withKey(job(queue), "k1", "{\"x\":1}", Duration.ofMinutes(10))),
                clock.instant())
            .get(0);

    assertThat(again.created()).isTrue();
    assertThat(again.job().id()).isNotEqualTo(first.id());
  }

  @Test
  void idempotencyKeysAreScopedToTheTenant() {
    String queue = newQueue();
    insertOne(newTenant(), withKey(job(queue), "k1", "{\"a\":1}", Duration.ofHours(1)));

    EnqueueResult other =
        store
            .insert(
                newTenant(),
                List.of(withKey(job(queue), "k1", "{\"a\":2}", Duration.ofHours(1))),
                clock.instant())
            .get(0);

    assertThat(other.created()).isTrue();
  }

  // ---- ordering ------------------------------------------------------------------------------

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
        store.claim(new ClaimRequest(Set.of(q1, q2), null, 2, "worker-a", LEASE), clock.instant());

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

  // ---- leases --------------------------------------------------------------------------------

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
    assertSameJob(state(tenant, job.id()), claimed);
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
    store.insert(tenant, batch, clock.instant());
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String owner = "worker-" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<UUID> mine = new ArrayList<>();
                  while (true) {
                    List<Job> got =
                        store.claim(ClaimRequest.of(queue, 7, owner, LEASE), clock.instant());
                    if (got.isEmpty()) {
                      return mine;
                    }
                    got.forEach(j -> mine.add(j.id()));
                  }
                }));
      }
      List<UUID> all = new ArrayList<>();
      for (Future<List<UUID>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(200).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void renewalExtendsTheLeaseAndShowsACancelRequest() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    store.cancel(tenant, claimed.id(), clock.instant());
    Instant later = clock.instant().plusSeconds(90);

    Job renewed = store.renewLease(claimed.leaseRef(), later, clock.instant()).orElseThrow();

    assertThat(renewed.lease().expiresAt()).isEqualTo(later);
    assertThat(renewed.lease().token()).isEqualTo(claimed.lease().token());
    assertThat(renewed.cancelRequested()).isTrue();
    assertThat(renewed.state()).isEqualTo(JobState.RUNNING);
  }

  private String queue(TenantId tenant, String queue) {
    insertOne(tenant, job(queue));
    return queue;
  }

  @Test
  void expiredLeaseIsRequeuedWithTheAttemptCounted() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    clock.advance(LEASE);
    store.requeueExpired(clock.instant(), 10_000);
    assertThat(state(tenant, claimed.id()).state())
        .as("a lease is not expired at its expiry instant")
        .isEqualTo(JobState.RUNNING);
    clock.advance(Duration.ofMillis(1));

    assertThat(store.requeueExpired(clock.instant(), 10_000)).isPositive();

    Job job = state(tenant, claimed.id());
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.lease()).isNull();
    assertThat(job.runAt()).isEqualTo(clock.instant());
    assertThat(job.lastError()).isEqualTo("lease expired");
    assertThat(store.attempts(tenant, claimed.id()))
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
    Job stale = claimOne(queue(tenant, queue));
    clock.advance(LEASE.plusSeconds(1));
    store.requeueExpired(clock.instant(), 10_000);
    Job current = store.claim(ClaimRequest.of(queue, 1, "worker-b", LEASE), clock.instant()).get(0);

    assertThat(store.finish(stale.leaseRef(), new JobOutcome.Completed(null), clock.instant()))
        .isEmpty();
    assertThat(store.finish(stale.leaseRef(), new JobOutcome.Dead("late"), clock.instant()))
        .isEmpty();
    assertThat(store.renewLease(stale.leaseRef(), clock.instant().plusSeconds(60), clock.instant()))
        .isEmpty();
    assertThat(store.release(stale.leaseRef(), clock.instant())).isFalse();
    assertSameJob(state(tenant, stale.id()), current);

    Job done = finish(current, new JobOutcome.Completed("{\"ok\":true}"));
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.attempts()).isEqualTo(2);
  }

  @Test
  void aMadeUpLeaseTokenChangesNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    LeaseRef forged = new LeaseRef(tenant, claimed.id(), UUID.randomUUID());
    LeaseRef otherTenant = new LeaseRef(newTenant(), claimed.id(), claimed.lease().token());

    assertThat(store.finish(forged, new JobOutcome.Completed(null), clock.instant())).isEmpty();
    assertThat(store.finish(otherTenant, new JobOutcome.Completed(null), clock.instant()))
        .isEmpty();
    assertSameJob(state(tenant, claimed.id()), claimed);
  }

  @Test
  void expiredLeaseOnTheLastAttemptMakesTheJobDead() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, withMaxAttempts(job(queue), 1));
    claimOne(queue);
    clock.advance(LEASE.plusSeconds(1));

    store.requeueExpired(clock.instant(), 10_000);

    Job dead = state(tenant, job.id());
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void expiredLeaseOfACancelledJobCancelsIt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    store.cancel(tenant, claimed.id(), clock.instant());
    clock.advance(LEASE.plusSeconds(1));

    store.requeueExpired(clock.instant(), 10_000);

    assertThat(state(tenant, claimed.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void releaseReturnsTheJobWithoutUsingAnAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));
    Job claimed = claimOne(queue);

    assertThat(store.release(claimed.leaseRef(), clock.instant())).isTrue();

    Job released = state(tenant, job.id());
    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.attempts()).isZero();
    assertThat(released.runAt()).isEqualTo(job.runAt());
    assertThat(released.lease()).isNull();
    assertThat(store.attempts(tenant, job.id())).isEmpty();
    assertThat(claimOne(queue).id()).isEqualTo(job.id());
  }

  // ---- outcomes ------------------------------------------------------------------------------

  @Test
  void completeStoresTheResultAndAnAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    clock.advance(Duration.ofMillis(250));

    Job done = finish(claimed, new JobOutcome.Completed("{\"sent\":3}"));

    assertSameJob(done, state(tenant, claimed.id()));
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertSameJson(done.result(), "{\"sent\":3}");
    assertThat(done.finishedAt()).isEqualTo(clock.instant());
    assertThat(done.lease()).isNull();
    assertThat(store.attempts(tenant, claimed.id()))
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
    Job first = claimOne(queue(tenant, queue));
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

    List<JobAttempt> history = store.attempts(tenant, first.id());
    assertThat(history).extracting(JobAttempt::number).containsExactly(1, 2);
    assertThat(history)
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED);
    assertThat(history).extracting(JobAttempt::error).containsExactly("boom", "boom again");
    Job dead = state(tenant, first.id());
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.lastError()).isEqualTo("boom again");
    assertThat(dead.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void rescheduleWithoutConsumingGivesTheAttemptBack() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));

    Job later =
        finish(
            claimed,
            new JobOutcome.Retry("retry-after 30s", clock.instant().plusSeconds(30), false));

    assertThat(later.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(later.attempts()).isZero();
    assertThat(later.runAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(store.attempts(tenant, claimed.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.RESCHEDULED);
  }

  @Test
  void cancelledOutcomeEndsTheJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));
    store.cancel(tenant, claimed.id(), clock.instant());

    Job cancelled = finish(claimed, new JobOutcome.Cancelled("stopped on request"));

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(clock.instant());
    assertThat(store.attempts(tenant, claimed.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.CANCELLED);
  }

  // ---- batched finish ------------------------------------------------------------------------

  private static JobFinish completed(Job claimed, @Nullable String result) {
    return new JobFinish(claimed.leaseRef(), new JobOutcome.Completed(result));
  }

  @Test
  void finishAllCompletesEveryJobWithItsResultAndAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    store.insert(tenant, List.of(job(queue), job(queue), job(queue)), clock.instant());
    List<Job> claimed = claim(queue, 3);
    clock.advance(Duration.ofMillis(40));

    List<Optional<Job>> done =
        store.finishAll(
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
      assertSameJob(after, state(tenant, after.id()));
      assertThat(store.attempts(tenant, after.id()))
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
    Job stale = claimOne(queue(tenant, queue));
    clock.advance(LEASE.plusSeconds(1));
    store.requeueExpired(clock.instant(), 10_000);
    Job current = store.claim(ClaimRequest.of(queue, 1, "worker-b", LEASE), clock.instant()).get(0);
    Job other = claimOne(queue(tenant, queue));

    List<Optional<Job>> done =
        store.finishAll(List.of(completed(stale, null), completed(other, null)), clock.instant());

    assertThat(done.get(0)).isEmpty();
    assertThat(done.get(1))
        .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.COMPLETED));
    assertSameJob(state(tenant, stale.id()), current);
    assertThat(store.attempts(tenant, stale.id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.LEASE_EXPIRED);
  }

  @Test
  void finishAllFinishesAJobNamedTwiceOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));

    List<Optional<Job>> done =
        store.finishAll(
            List.of(completed(claimed, null), completed(claimed, null)), clock.instant());

    assertThat(done.get(0)).isPresent();
    assertThat(done.get(1)).isEmpty();
    assertThat(store.attempts(tenant, claimed.id())).hasSize(1);
  }

  @Test
  void finishAllAppliesMixedOutcomesEachAsFinishWould() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    store.insert(
        tenant,
        List.of(job(queue), job(queue), job(queue), job(queue), job(queue)),
        clock.instant());
    List<Job> c = claim(queue, 5);
    store.cancel(tenant, c.get(4).id(), clock.instant());
    Instant retryAt = clock.instant().plusSeconds(30);

    List<Optional<Job>> done =
        store.finishAll(
            List.of(
                completed(c.get(0), null),
                new JobFinish(c.get(1).leaseRef(), new JobOutcome.Retry("boom", retryAt, true)),
                new JobFinish(c.get(2).leaseRef(), new JobOutcome.Retry("later", retryAt, false)),
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
    assertThat(state(tenant, c.get(1).id()).runAt()).isEqualTo(retryAt);
    assertThat(state(tenant, c.get(2).id()).attempts()).isZero();
    assertThat(state(tenant, c.get(3).id()).lastError()).isEqualTo("broken");
    List<AttemptOutcome> recorded = new ArrayList<>();
    for (Job j : c) {
      recorded.addAll(store.attempts(tenant, j.id()).stream().map(JobAttempt::outcome).toList());
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
        store.finishAll(
            List.of(
                completed(parents.get(0), null),
                new JobFinish(parents.get(1).leaseRef(), new JobOutcome.Dead("broken")),
                completed(parents.get(2), null)),
            clock.instant());

    assertThat(done).allSatisfy(d -> assertThat(d).isPresent());
    assertThat(state(tenant, released.id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(state(tenant, failed.id()).state()).isEqualTo(JobState.DEAD);
    assertThat(state(tenant, failed.id()).lastError()).isEqualTo("parent " + p2.id() + " is dead");
    assertThat(claimOne(queue).id()).isEqualTo(released.id());
  }

  @Test
  void finishAllOfNothingIsNothing() {
    assertThat(store.finishAll(List.of(), clock.instant())).isEmpty();
  }

  // ---- dependencies --------------------------------------------------------------------------

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
    finish(parents.get(0), new JobOutcome.Completed(null));
    assertThat(state(tenant, child.id()).state()).isEqualTo(JobState.BLOCKED);
    clock.advance(Duration.ofSeconds(1));
    finish(parents.get(1), new JobOutcome.Completed(null));

    Job released = state(tenant, child.id());
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

    finish(claimOne(queue), new JobOutcome.Completed(null));

    Job released = state(tenant, child.id());
    assertThat(released.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(released.runAt()).isEqualTo(runAt);
  }

  @Test
  void deadParentFailsOrCancelsItsChildrenPerPolicyTransitively() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    Job failing = insertOne(tenant, withParents(job(queue), ParentFailurePolicy.FAIL, parent.id()));
    Job cancelling =
        insertOne(tenant, withParents(job(queue), ParentFailurePolicy.CANCEL, parent.id()));
    Job grandchild =
        insertOne(tenant, withParents(job(queue), ParentFailurePolicy.CANCEL, failing.id()));

    finish(claimOne(queue), new JobOutcome.Dead("broken"));

    Job failed = state(tenant, failing.id());
    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is dead");
    assertThat(failed.finishedAt()).isEqualTo(clock.instant());
    assertThat(state(tenant, cancelling.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(state(tenant, grandchild.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(state(tenant, grandchild.id()).lastError())
        .isEqualTo("parent " + failing.id() + " is dead");
  }

  @Test
  void cancelledParentCancelsOrFailsItsChildren() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(60)));
    Job child = insertOne(tenant, withParents(job(queue), ParentFailurePolicy.FAIL, parent.id()));

    store.cancel(tenant, parent.id(), clock.instant());

    Job failed = state(tenant, child.id());
    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is cancelled");
  }

  @Test
  void childOfAnAlreadyDeadParentFailsAtOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    finish(claimOne(queue), new JobOutcome.Dead("broken"));

    Job child = insertOne(tenant, withParents(job(queue), ParentFailurePolicy.CANCEL, parent.id()));

    assertThat(child.state()).isEqualTo(JobState.CANCELLED);
    assertThat(child.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void childOfACompletedParentIsDueAtOnce() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    finish(claimOne(queue), new JobOutcome.Completed(null));

    Job child = insertOne(tenant, withParents(job(queue), ParentFailurePolicy.FAIL, parent.id()));

    assertThat(child.state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void parentsMayBeOtherJobsOfTheSameBatchInAnyOrder() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob parent = job(queue);
    NewJob child = withParents(job(queue), ParentFailurePolicy.FAIL, parent.id());

    List<EnqueueResult> results = store.insert(tenant, List.of(child, parent), clock.instant());

    assertThat(results)
        .extracting(r -> r.job().state())
        .containsExactly(JobState.BLOCKED, JobState.QUEUED);
    finish(claimOne(queue), new JobOutcome.Completed(null));
    assertThat(claimOne(queue).id()).isEqualTo(child.id());
  }

  // ---- cancel, update, retry now -------------------------------------------------------------

  @Test
  void cancelEndsAWaitingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, job(queue));

    Job cancelled = store.cancel(tenant, job.id(), clock.instant());

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(clock.instant());
    assertThat(cancelled.cancelRequested()).isFalse();
    assertSameJob(state(tenant, job.id()), cancelled);
    assertThat(claim(queue, 1)).isEmpty();
    assertSameJob(store.cancel(tenant, job.id(), clock.instant()), cancelled);
  }

  @Test
  void cancelOfARunningJobOnlyFlagsIt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job claimed = claimOne(queue(tenant, queue));

    Job flagged = store.cancel(tenant, claimed.id(), clock.instant());

    assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
    assertThat(flagged.cancelRequested()).isTrue();
    assertThat(flagged.lease()).isEqualTo(claimed.lease());
  }

  @Test
  void cancelOfACompletedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job done = finish(claimOne(queue(tenant, queue)), new JobOutcome.Completed(null));

    assertThatThrownBy(() -> store.cancel(tenant, done.id(), clock.instant()))
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
        store.update(tenant, job.id(), new JobUpdate(9, later, "{\"n\":2}"), clock.instant());

    assertThat(updated.priority()).isEqualTo(9);
    assertThat(updated.runAt()).isEqualTo(later);
    assertThat(updated.state()).isEqualTo(JobState.SCHEDULED);
    assertSameJson(updated.payload(), "{\"n\":2}");
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertSameJob(state(tenant, job.id()), updated);
    assertThat(claim(queue, 1)).isEmpty();

    Job due = store.update(tenant, job.id(), JobUpdate.runAt(clock.instant()), clock.instant());
    assertThat(due.state()).isEqualTo(JobState.QUEUED);
    assertThat(claimOne(queue).priority()).isEqualTo(9);
  }

  @Test
  void updateOfARunningOrFinishedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job running = claimOne(queue(tenant, queue));

    assertThatThrownBy(
            () -> store.update(tenant, running.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(ConflictException.class);
    finish(running, new JobOutcome.Completed(null));
    assertThatThrownBy(
            () -> store.update(tenant, running.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(state(tenant, running.id()).priority()).isEqualTo(5);
  }

  @Test
  void retryNowRevivesADeadJobWithOneMoreAttempt() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = insertOne(tenant, withMaxAttempts(job(queue), 1));
    finish(claimOne(queue), new JobOutcome.Dead("broken"));
    clock.advance(Duration.ofMinutes(1));

    Job revived = store.retryNow(tenant, job.id(), clock.instant());

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
    Job claimed = claimOne(queue(tenant, queue));
    finish(claimed, new JobOutcome.Retry("boom", clock.instant().plusSeconds(3600), true));

    store.retryNow(tenant, claimed.id(), clock.instant());

    assertThat(claimOne(queue).id()).isEqualTo(claimed.id());
  }

  @Test
  void retryNowOfABlockedOrCompletedJobIsAConflict() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job parent = insertOne(tenant, job(queue));
    Job child = insertOne(tenant, withParents(job(queue), ParentFailurePolicy.FAIL, parent.id()));
    finish(claimOne(queue), new JobOutcome.Completed(null));
    finish(claimOne(queue), new JobOutcome.Completed(null));
    Job blocked =
        insertOne(
            tenant,
            withParents(
                job(newQueue()),
                ParentFailurePolicy.FAIL,
                insertOne(tenant, job(newQueue())).id()));

    assertThatThrownBy(() -> store.retryNow(tenant, child.id(), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.retryNow(tenant, blocked.id(), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }

  // ---- listing -------------------------------------------------------------------------------

  @Test
  void listPagesNewestFirstWithoutGapsOrRepeats() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<UUID> inserted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      inserted.add(insertOne(tenant, job(queue)).id());
      clock.advance(Duration.ofMillis(1));
    }
    List<UUID> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      Page<Job> page = store.list(tenant, JobQuery.all(), request);
      sizes.add(page.items().size());
      page.items().forEach(j -> seen.add(j.id()));
      if (!page.hasNext()) {
        break;
      }
      request = request.after(page.nextCursor());
    }

    assertThat(sizes).containsExactly(3, 3, 1);
    java.util.Collections.reverse(inserted);
    assertThat(seen).containsExactlyElementsOf(inserted);
  }

  @Test
  void listFiltersByQueueStateAndType() {
    TenantId tenant = newTenant();
    String q1 = newQueue();
    String q2 = newQueue();
    Job a = insertOne(tenant, job(q1));
    Job b = insertOne(tenant, job(q1, 5, clock.instant().plusSeconds(60)));
    Job c = insertOne(tenant, job(q2));

    assertThat(store.list(tenant, JobQuery.queue(q1), PageRequest.first()).items())
        .extracting(Job::id)
        .containsExactly(b.id(), a.id());
    assertThat(
            store
                .list(tenant, JobQuery.all().withStates(JobState.QUEUED), PageRequest.first())
                .items())
        .extracting(Job::id)
        .containsExactly(c.id(), a.id());
    assertThat(store.list(tenant, JobQuery.all().withType("other"), PageRequest.first()).items())
        .isEmpty();
  }

  @Test
  void aForeignCursorIsRejected() {
    assertThatThrownBy(
            () ->
                store.list(newTenant(), JobQuery.all(), PageRequest.first().after("not-a-cursor!")))
        .isInstanceOf(ValidationException.class);
  }

  // ---- cleanup and stats ---------------------------------------------------------------------

  @Test
  void cleanupDeletesOldFinishedJobsInBoundedBatches() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<UUID> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Job j = insertOne(tenant, job(queue));
      old.add(j.id());
    }
    for (Job claimed : claim(queue, 4)) {
      finish(claimed, new JobOutcome.Completed(null));
    }
    store.cancel(tenant, old.get(4), clock.instant());
    Job waiting = insertOne(tenant, job(queue, 5, clock.instant().plus(Duration.ofDays(90))));
    clock.advance(Duration.ofDays(31));
    Job recent = finish(claimOne(queue(tenant, queue)), new JobOutcome.Completed(null));
    Instant cutoff = clock.instant().minus(Duration.ofDays(30));

    assertThat(store.deleteFinished(queue, cutoff, 2)).isEqualTo(2);
    assertThat(store.deleteFinished(queue, cutoff, 2)).isEqualTo(2);
    assertThat(store.deleteFinished(queue, cutoff, 2)).isEqualTo(1);
    assertThat(store.deleteFinished(queue, cutoff, 2)).isZero();

    for (UUID id : old) {
      assertThat(store.get(tenant, id)).isEmpty();
      assertThat(store.attempts(tenant, id)).isEmpty();
    }
    assertThat(store.get(tenant, waiting.id())).isPresent();
    assertThat(store.get(tenant, recent.id())).isPresent();
  }

  @Test
  void statsCountStatesAndMeasureAttempts() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant start = clock.instant();
    for (int i = 0; i < 4; i++) {
      insertOne(tenant, job(queue));
    }
    insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(600)));
    List<Job> claimed = claim(queue, 3);
    clock.advance(Duration.ofMillis(100));
    finish(claimed.get(0), new JobOutcome.Completed(null));
    clock.advance(Duration.ofMillis(100));
    finish(claimed.get(1), new JobOutcome.Retry("boom", clock.instant().plusSeconds(60), true));
    clock.advance(Duration.ofSeconds(5));
    insertOne(newTenant(), job(queue));

    JobStats stats = store.stats(new StatsQuery(tenant, queue, start), clock.instant());

    assertThat(stats.count(JobState.QUEUED)).isEqualTo(1);
    assertThat(stats.count(JobState.SCHEDULED)).isEqualTo(1);
    assertThat(stats.count(JobState.RUNNING)).isEqualTo(1);
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(1);
    assertThat(stats.count(JobState.FAILED)).isEqualTo(1);
    assertThat(stats.total()).isEqualTo(5);
    assertThat(stats.oldestDueAt()).isEqualTo(start);
    assertThat(stats.oldestQueuedAge()).contains(Duration.ofMillis(5200));
    assertThat(stats.succeeded()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.failureRate()).isEqualTo(0.5);
    assertThat(stats.averageRunTime()).isEqualTo(Duration.ofMillis(150));
    assertThat(stats.p95RunTime()).isEqualTo(Duration.ofMillis(200));

    JobStats allTenants = store.stats(new StatsQuery(null, queue, start), clock.instant());
    assertThat(allTenants.count(JobState.QUEUED)).isEqualTo(2);
  }

  @Test
  void statsWithoutAttemptsHaveNoRunTimes() {
    JobStats stats =
        store.stats(new StatsQuery(newTenant(), null, clock.instant()), clock.instant());

    assertThat(stats.total()).isZero();
    assertThat(stats.averageRunTime()).isNull();
    assertThat(stats.p95RunTime()).isNull();
    assertThat(stats.oldestDueAt()).isNull();
  }

  // ---- queues --------------------------------------------------------------------------------

  @Test
  void queueConfigurationsAreCreatedOnceSavedAndDeleted() {
    String name = newQueue();
    QueueConfig config = QueueConfig.defaults(name);

    assertThat(store.createQueue(config)).isTrue();
    assertThat(store.createQueue(config.withConcurrency(9))).isFalse();
    assertThat(store.getQueue(name)).contains(config);
    QueueConfig paused = config.withPaused(true).withRetention(Duration.ofDays(7));
    store.saveQueue(paused);
    assertThat(store.getQueue(name)).contains(paused);
    assertThat(store.listQueues()).contains(paused);
    assertThat(store.deleteQueue(name)).isTrue();
    assertThat(store.deleteQueue(name)).isFalse();
    assertThat(store.getQueue(name)).isEmpty();
  }

  // ---- cron schedules ------------------------------------------------------------------------

  private CronSchedule schedule(TenantId tenant, String name, Instant next) {
    return new CronSchedule(
        tenant,
        name,
        "*/5 * * * *",
        ZoneId.of("Europe/Paris"),
        newQueue(),
        "report.build",
        "{\"kind\":\"daily\"}",
        7,
        3,
        Duration.ofMinutes(2),
        next,
        null,
        clock.instant());
  }

  @Test
  void schedulesAreCreatedOnceReplacedListedAndDeleted() {
    TenantId tenant = newTenant();
    CronSchedule s = schedule(tenant, "nightly", clock.instant().plusSeconds(300));

    assertThat(store.createSchedule(s)).isTrue();
    assertThat(store.createSchedule(schedule(tenant, "nightly", clock.instant()))).isFalse();
    Optional<CronSchedule> read = store.getSchedule(tenant, "nightly");
    assertThat(read).isPresent();
    assertThat(read.get()).usingRecursiveComparison().ignoringFields("payload").isEqualTo(s);
    assertSameJson(read.get().payload(), s.payload());
    assertThat(store.getSchedule(newTenant(), "nightly")).isEmpty();

    CronSchedule replaced = schedule(tenant, "nightly", clock.instant().plusSeconds(600));
    store.saveSchedule(replaced);
    store.createSchedule(schedule(tenant, "a-first", clock.instant()));
    assertThat(store.listSchedules(tenant))
        .extracting(CronSchedule::name, CronSchedule::nextFireAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a-first", clock.instant()),
            org.assertj.core.groups.Tuple.tuple("nightly", clock.instant().plusSeconds(600)));
    assertThat(store.deleteSchedule(tenant, "nightly")).isTrue();
    assertThat(store.deleteSchedule(tenant, "nightly")).isFalse();
    assertThat(store.listSchedules(tenant))
        .extracting(CronSchedule::name)
        .containsExactly("a-first");
  }

  @Test
  void dueSchedulesAreThoseWhoseTimeHasCome() {
    TenantId tenant = newTenant();
    store.createSchedule(schedule(tenant, "due", clock.instant().minusSeconds(1)));
    store.createSchedule(schedule(tenant, "later", clock.instant().plusSeconds(1)));

    List<CronSchedule> due = store.dueSchedules(clock.instant(), 10_000);

    assertThat(due.stream().filter(s -> s.tenant().equals(tenant)))
        .extracting(CronSchedule::name)
        .containsExactly("due");
  }

  @Test
  void anOccurrenceIsEnqueuedExactlyOnceWhenManyRace() throws Exception {
    TenantId tenant = newTenant();
    Instant fireAt = clock.instant();
    CronSchedule s = schedule(tenant, "race", fireAt);
    store.createSchedule(s);
    Instant next = fireAt.plus(Duration.ofMinutes(5));
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<Job>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        NewJob occurrence = job(s.queue());
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.claimOccurrence(
                      tenant, "race", fireAt, next, occurrence, clock.instant());
                }));
      }
      List<Job> winners = new ArrayList<>();
      for (Future<Optional<Job>> f : results) {
        f.get(30, TimeUnit.SECONDS).ifPresent(winners::add);
      }

      assertThat(winners).hasSize(1);
      assertThat(store.list(tenant, JobQuery.all(), PageRequest.first()).items())
          .extracting(Job::id)
          .containsExactly(winners.get(0).id());
      CronSchedule after = store.getSchedule(tenant, "race").orElseThrow();
      assertThat(after.nextFireAt()).isEqualTo(next);
      assertThat(after.lastFiredAt()).isEqualTo(fireAt);
      assertThat(
              store.claimOccurrence(tenant, "race", fireAt, next, job(s.queue()), clock.instant()))
          .isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOccurrenceOfAMissingScheduleEnqueuesNothing() {
    TenantId tenant = newTenant();
    NewJob occurrence = job(newQueue());

    assertThat(
            store.claimOccurrence(
                tenant, "missing", clock.instant(), clock.instant(), occurrence, clock.instant()))
        .isEmpty();
    assertThat(store.get(tenant, occurrence.id())).isEmpty();
  }

  // ---- signals -------------------------------------------------------------------------------

  @Test
  void aStoreWithSignalsAnnouncesADueJob() throws Exception {
    Optional<JobSignal> signals = store.signals();
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
      assertThat(store.signals()).isEmpty();
    }
  }

  // ---- no job lost ---------------------------------------------------------------------------

  @Test
  void noJobIsLostWithRandomFailuresAndSeveralClaimers() throws Exception {
    TenantId tenant = newTenant();
    String queue = newQueue();
    int total = stressJobCount();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      batch.add(withMaxAttempts(job(queue, i % 11, clock.instant()), 3));
      if (batch.size() == 500) {
        store.insert(tenant, batch, clock.instant());
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.insert(tenant, batch, clock.instant());
    }
    Map<UUID, Integer> completions = new ConcurrentHashMap<>();
    AtomicInteger dead = new AtomicInteger();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String owner = "worker-" + t;
        workers.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (true) {
                    Instant now = clock.instant();
                    List<Job> got = store.claim(ClaimRequest.of(queue, 25, owner, LEASE), now);
                    if (got.isEmpty()) {
                      return null;
                    }
                    for (Job j : got) {
                      int roll = random.nextInt(10);
                      JobOutcome outcome;
                      if (roll < 3) {
                        outcome =
                            j.attempts() >= j.maxAttempts()
                                ? new JobOutcome.Dead("unlucky")
                                : new JobOutcome.Retry("unlucky", now, true);
                      } else if (roll == 3) {
                        outcome = null;
                      } else {
                        outcome = new JobOutcome.Completed(null);
                      }
                      if (outcome == null) {
                        assertThat(store.release(j.leaseRef(), now)).isTrue();
                        continue;
                      }
                      Job after = store.finish(j.leaseRef(), outcome, now).orElseThrow();
                      if (after.state() == JobState.COMPLETED) {
                        completions.merge(j.id(), 1, Integer::sum);
                      } else if (after.state() == JobState.DEAD) {
                        dead.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(completions.values()).allMatch(n -> n == 1);
    assertThat(completions.size() + dead.get()).isEqualTo(total);
    JobStats stats = store.stats(new StatsQuery(tenant, queue, Instant.EPOCH), clock.instant());
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(completions.size());
    assertThat(stats.count(JobState.DEAD)).isEqualTo(dead.get());
    assertThat(stats.total()).isEqualTo(total);
    Set<JobState> left = new HashSet<>(stats.counts().keySet());
    left.removeIf(s -> stats.count(s) == 0);
    assertThat(left).isSubsetOf(Set.of(JobState.COMPLETED, JobState.DEAD));
  }
}
