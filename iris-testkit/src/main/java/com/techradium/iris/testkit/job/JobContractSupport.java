package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every group of the job store contract shares: the store and clock of {@link
 * ContractSupport}, jobs on queues no other test uses, and the short steps tests are written in
 * (insert, claim, finish, expire leases, run concurrently).
 *
 * <p>Each group ({@link JobEnqueueContract}, {@link JobClaimContract}, ...) extends this class and
 * follows the convention of {@link ContractSupport}: a subclass implements {@code newStore(Clock)}.
 * An adapter normally extends {@link JobStoreContract}, which runs every group.
 */
public abstract class JobContractSupport extends ContractSupport<JobStore> {
  private static final AtomicLong QUEUES = new AtomicLong();

  /** The lease every claim of the suite asks for. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  private TimeOrderedIds ids = new TimeOrderedIds(clock);

  /** Constructor for the contract groups, which extend this class. */
  public JobContractSupport() {}

  /**
   * How many jobs the no-job-lost test pushes through; a few thousand by default.
   *
   * @return 2,000 by default; an adapter may return fewer where each round trip is slow
   */
  protected int stressJobCount() {
    return 2000;
  }

  @BeforeEach
  void resetIds() {
    ids = new TimeOrderedIds(clock);
  }

  // ---- jobs to enqueue -----------------------------------------------------------------------

  /**
   * A queue name no other test uses.
   *
   * @return {@code q}, this run's id and a counter
   */
  protected static String newQueue() {
    return "q" + Long.toString(System.nanoTime() & 0xFFFFFF, 36) + "-" + QUEUES.incrementAndGet();
  }

  /**
   * A fresh id, ordered after every id made before it in this test.
   *
   * @return a UUIDv7 on the test clock
   */
  protected UUID newJobId() {
    return ids.next();
  }

  /**
   * A due job of priority 5 on {@code queue}, as {@link #job(String, int, Instant)} makes it.
   *
   * @param queue the job's queue
   * @return the job to insert, with a fresh id
   */
  protected NewJob job(String queue) {
    return job(queue, 5, clock.instant());
  }

  /**
   * A job with the given priority and run-at: type {@code test.job}, three attempts, one minute
   * timeout, no idempotency key, no parents.
   *
   * @param queue the job's queue
   * @param priority the job's priority
   * @param runAt when the job becomes due
   * @return the job to insert, with a fresh id
   */
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

  /**
   * {@code n} with an idempotency key and payload, the key matching for {@code window}.
   *
   * @param n the job to copy
   * @param key the idempotency key
   * @param payload the JSON payload
   * @param window how long from the test clock's now the key matches
   * @return a copy of {@code n}, same id
   */
  protected NewJob withKey(NewJob n, String key, String payload, Duration window) {
    Copy copy = new Copy(n);
    copy.payload = payload;
    copy.idempotencyKey = key;
    copy.idempotencyExpiresAt = clock.instant().plus(window);
    return copy.build();
  }

  /**
   * {@code n} waiting for {@code parents}, with {@code policy} if one of them fails.
   *
   * @param n the job to copy
   * @param policy what happens to the job if a parent fails
   * @param parents the ids of the parents
   * @return a copy of {@code n}, same id
   */
  protected static NewJob withParents(NewJob n, ParentFailurePolicy policy, UUID... parents) {
    Copy copy = new Copy(n);
    copy.parentIds = List.of(parents);
    copy.parentFailurePolicy = policy;
    return copy.build();
  }

  /**
   * {@code n} allowed {@code maxAttempts} attempts.
   *
   * @param n the job to copy
   * @param maxAttempts attempts in all, the first included
   * @return a copy of {@code n}, same id
   */
  protected static NewJob withMaxAttempts(NewJob n, int maxAttempts) {
    Copy copy = new Copy(n);
    copy.maxAttempts = maxAttempts;
    return copy.build();
  }

  /** The fields of a {@link NewJob} that fixtures change; the rest are copied as they are. */
  private static final class Copy {
    private final NewJob n;
    private String payload;
    private int maxAttempts;
    private @Nullable String idempotencyKey;
    private @Nullable Instant idempotencyExpiresAt;
    private List<UUID> parentIds;
    private ParentFailurePolicy parentFailurePolicy;

    Copy(NewJob n) {
      this.n = n;
      this.payload = n.payload();
      this.maxAttempts = n.maxAttempts();
      this.idempotencyKey = n.idempotencyKey();
      this.idempotencyExpiresAt = n.idempotencyExpiresAt();
      this.parentIds = n.parentIds();
      this.parentFailurePolicy = n.parentFailurePolicy();
    }

    NewJob build() {
      return new NewJob(
          n.id(),
          n.queue(),
          n.type(),
          payload,
          n.priority(),
          n.runAt(),
          maxAttempts,
          n.timeout(),
          n.backoff(),
          idempotencyKey,
          idempotencyExpiresAt,
          parentIds,
          parentFailurePolicy);
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  /**
   * Inserts {@code n} for {@code tenant} now and returns what the store reports.
   *
   * @param tenant the job's tenant
   * @param n the job to insert
   * @return the store's answer: the job, and whether an idempotency key matched an earlier one
   */
  protected EnqueueResult enqueue(TenantId tenant, NewJob n) {
    return store().insert(tenant, List.of(n), clock.instant()).get(0);
  }

  /**
   * Inserts {@code n} for {@code tenant} now and returns the stored job.
   *
   * @param tenant the job's tenant
   * @param n the job to insert
   * @return the job as stored (or the earlier job an idempotency key matched)
   */
  protected Job insertOne(TenantId tenant, NewJob n) {
    return enqueue(tenant, n).job();
  }

  /**
   * Inserts a due job on {@code queue} waiting for {@code parents}, with {@code policy}.
   *
   * @param tenant the job's tenant
   * @param queue the job's queue
   * @param policy what happens to the job if a parent fails
   * @param parents the stored parents
   * @return the stored child
   */
  protected Job insertChild(
      TenantId tenant, String queue, ParentFailurePolicy policy, Job... parents) {
    UUID[] parentIds = new UUID[parents.length];
    for (int i = 0; i < parents.length; i++) {
      parentIds[i] = parents[i].id();
    }
    return insertOne(tenant, withParents(job(queue), policy, parentIds));
  }

  /**
   * Claims up to {@code limit} jobs of {@code queue} as {@code worker-a}, under {@link #LEASE}.
   *
   * @param queue the queue to claim from
   * @param limit the most jobs to claim
   * @return the claimed jobs, possibly none
   */
  protected List<Job> claim(String queue, int limit) {
    return store().claim(ClaimRequest.of(queue, limit, "worker-a", LEASE), clock.instant());
  }

  /**
   * Claims the one job {@code worker-a} should get next from {@code queue}.
   *
   * @param queue the queue to claim from
   * @return the claimed job
   * @throws AssertionError if the store hands out no job
   */
  protected Job claimOne(String queue) {
    return claimOne(queue, "worker-a");
  }

  /**
   * Claims the one job {@code owner} should get next from {@code queue}, under {@link #LEASE}.
   *
   * @param queue the queue to claim from
   * @param owner the claiming worker's id
   * @return the claimed job
   * @throws AssertionError if the store hands out no job
   */
  protected Job claimOne(String queue, String owner) {
    List<Job> claimed = store().claim(ClaimRequest.of(queue, 1, owner, LEASE), clock.instant());
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  /**
   * Inserts a due job on {@code queue} and claims it: a job running under a fresh lease.
   *
   * @param tenant the job's tenant
   * @param queue a queue no other job of the test is due on
   * @return the claimed job
   */
  protected Job runningJob(TenantId tenant, String queue) {
    insertOne(tenant, job(queue));
    return claimOne(queue);
  }

  /** Moves the clock past every lease taken so far and requeues the expired ones. */
  protected void expireLeases() {
    clock.advance(LEASE.plusSeconds(1));
    store().requeueExpired(clock.instant(), 10_000);
  }

  /**
   * The job as the store has it now.
   *
   * @param tenant the job's tenant
   * @param id the job's id
   * @return the stored job
   * @throws java.util.NoSuchElementException if the store has no such job
   */
  protected Job read(TenantId tenant, UUID id) {
    return store().get(tenant, id).orElseThrow();
  }

  /**
   * The first page of the tenant's jobs, newest first.
   *
   * @param tenant the tenant whose jobs to list
   * @return the jobs of the first page, at the default page size
   */
  protected List<Job> listed(TenantId tenant) {
    return store().list(tenant, JobQuery.all(), PageRequest.first()).items();
  }

  /**
   * Finishes a claimed job with {@code outcome}; the lease must still be held.
   *
   * @param claimed the job as claimed
   * @param outcome how its attempt ended
   * @return the job after the outcome
   * @throws java.util.NoSuchElementException if the store refuses the finish (the lease was lost)
   */
  protected Job finish(Job claimed, JobOutcome outcome) {
    return store().finish(claimed.leaseRef(), outcome, clock.instant()).orElseThrow();
  }

  /**
   * Completes a claimed job without a result.
   *
   * @param claimed the job as claimed
   * @return the completed job
   * @throws java.util.NoSuchElementException if the lease was lost
   */
  protected Job complete(Job claimed) {
    return finish(claimed, new JobOutcome.Completed(null));
  }

  /**
   * Runs {@code threads} tasks at once, all starting together, and returns their results in task
   * order. Fails if a task fails or any takes longer than {@code timeout}.
   *
   * @param <T> what a task returns
   * @param threads how many tasks, each on a thread of its own
   * @param timeout how long to wait for each task's result, counted from when the waiting for it
   *     starts
   * @param task makes the task of thread {@code t} (0 to {@code threads - 1})
   * @return the results, in task order
   * @throws Exception an {@link java.util.concurrent.ExecutionException} wrapping a task's failure,
   *     a {@link java.util.concurrent.TimeoutException}, or an {@link InterruptedException}
   */
  protected static <T> List<T> runConcurrently(
      int threads, Duration timeout, IntFunction<Callable<T>> task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<T> body = task.apply(t);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return body.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- assertions ----------------------------------------------------------------------------

  /**
   * Asserts that jobs are equal field by field, payload and result compared as JSON.
   *
   * @param actual the job the store returned
   * @param expected the job the test expects
   * @throws AssertionError if they differ
   */
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

  /**
   * Asserts that two JSON documents are equal as values, whatever their spacing and key order.
   *
   * @param actual the document the store returned
   * @param expected the document the test expects
   * @throws AssertionError if they differ
   */
  protected static void assertSameJson(String actual, String expected) {
    assertThat(IrisJson.parse("actual", actual)).isEqualTo(IrisJson.parse("expected", expected));
  }
}
