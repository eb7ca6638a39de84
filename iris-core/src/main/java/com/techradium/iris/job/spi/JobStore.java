package com.techradium.iris.job.spi;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLease;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.QueueConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where jobs, queues and cron schedules live: the port every job store (in-memory, PostgreSQL,
 * Redis) implements and {@code JobStoreContract} in iris-testkit verifies.
 *
 * <p><b>Threads and nodes.</b> Implementations are thread-safe, and stores shared between nodes
 * keep every guarantee below across nodes. Every method documented as atomic takes full effect or
 * none (a {@link com.techradium.iris.core.StorageException} means no effect).
 *
 * <p><b>Time.</b> Stores never read a clock: the caller passes {@code now}. Instants are kept to
 * the millisecond (callers pass millisecond-precision values).
 *
 * <p><b>Tenancy.</b> Jobs, attempts and schedules are tenant-owned: a method taking a {@link
 * TenantId} never sees another tenant's data. Claiming, lease expiry, cleanup and due schedules
 * span tenants because workers serve all of them, and so does {@link #load} without a tenant (the
 * operator's view); the job keeps its tenant. Queue configurations belong to the deployment, not to
 * a tenant.
 *
 * <p><b>Leases.</b> A claimed job is {@link JobState#RUNNING} with a {@link JobLease} whose token
 * is fresh per claim. The calls taking a {@link LeaseRef} act only while the job is still running
 * under that token, and otherwise change nothing and report it ({@code Optional.empty()} or {@code
 * false}); a lapsed lease stays usable until {@link #requeueExpired} takes the job away. So a
 * worker that stalled past its lease can never overwrite the outcome of the worker that took the
 * job over.
 *
 * <p><b>Dependencies.</b> A job with parents is {@link JobState#BLOCKED} until every parent is
 * {@link JobState#COMPLETED}; it is then released, in the same atomic step as the completing call,
 * to {@link JobState#QUEUED} with {@code runAt = max(runAt, now)} (or {@link JobState#SCHEDULED} if
 * {@code runAt} is later). When a parent becomes {@link JobState#DEAD} or {@link
 * JobState#CANCELLED}, its blocked children become dead (last error {@code "parent <id> is
 * dead|cancelled"}) or cancelled per their {@link ParentFailurePolicy}, transitively, in the same
 * atomic step.
 *
 * <p><b>Ordering.</b> {@link #claim} takes due jobs by {@link JobOrdering#rank} ascending, then id
 * ascending.
 */
public interface JobStore {

  // ---- jobs ----------------------------------------------------------------------------------

  /**
   * Inserts a batch of jobs for {@code tenant}, atomically: all of them or none.
   *
   * <p>Each job's initial state: {@link JobState#BLOCKED} if a parent is not completed; dead or
   * cancelled at once (per its policy, {@code finishedAt = now}) if a parent already is dead or
   * cancelled; else {@link NewJob#readyState(Instant) SCHEDULED or QUEUED}. Parents may be jobs
   * already stored for the tenant or other jobs of the batch, in any order.
   *
   * <p>Idempotency: a job whose key matches a stored job of the tenant whose {@code
   * idempotencyExpiresAt} is after {@code now} is not inserted; if that stored job has the same
   * queue, type and payload (compared as JSON) it is returned with {@code created = false}, else
   * the whole batch fails with {@link ConflictException}. Keys also deduplicate within the batch
   * the same way. A lapsed key no longer matches and may be taken by the new job.
   *
   * @param tenant the tenant of every job of the batch
   * @param jobs the jobs, with every default resolved
   * @param now the facade's current time
   * @return one result per input job, in input order
   * @throws ConflictException for an idempotency conflict or an id already used; nothing inserted
   * @throws ValidationException on field {@code parentIds} if a parent exists neither in the store
   *     (for this tenant) nor in the batch; nothing inserted
   */
  List<EnqueueResult> insert(TenantId tenant, List<NewJob> jobs, Instant now);

  /**
   * The tenant's job with this id.
   *
   * @param tenant the owning tenant
   * @param id the job's id
   * @return the job, or empty if the tenant has no job with this id
   */
  Optional<Job> get(TenantId tenant, UUID id);

  /**
   * The tenant's jobs matching {@code query}, newest first (id descending), by keyset paging.
   *
   * @param tenant the owning tenant
   * @param query the filters
   * @param page the page size and cursor
   * @return one page of jobs
   * @throws ValidationException on field {@code cursor} for a cursor this listing did not make
   */
  Page<Job> list(TenantId tenant, JobQuery query, PageRequest page);

  /**
   * Applies {@code update} to a job that is neither running nor terminal, atomically. A new {@code
   * runAt} makes a {@link JobState#SCHEDULED} or {@link JobState#QUEUED} job scheduled if it is
   * after {@code now}, queued otherwise; blocked and failed jobs keep their state.
   *
   * @param tenant the owning tenant
   * @param id the job's id
   * @param update the fields to change; null fields stay
   * @param now the facade's current time
   * @return the job as updated
   * @throws NotFoundException if the tenant has no such job
   * @throws ConflictException if the job is running or terminal
   */
  Job update(TenantId tenant, UUID id, JobUpdate update, Instant now);

  /**
   * Makes a job due now: a scheduled, queued, failed, dead or cancelled job becomes {@link
   * JobState#QUEUED} with {@code runAt = now}, its cancel request and finish time cleared. A dead
   * job gets one more attempt ({@code maxAttempts} raised to {@code attempts + 1} if needed).
   * Children already failed or cancelled because of it stay so.
   *
   * @param tenant the owning tenant
   * @param id the job's id
   * @param now the facade's current time, the job's new run-at
   * @return the job as it is now
   * @throws NotFoundException if the tenant has no such job
   * @throws ConflictException if the job is blocked, running or completed
   */
  Job retryNow(TenantId tenant, UUID id, Instant now);

  /**
   * Cancels a job, atomically. A blocked, scheduled, queued or failed job becomes {@link
   * JobState#CANCELLED} (and its blocked children follow their policy). A running job gets {@code
   * cancelRequested = true} and keeps running: its worker sees the flag on its next lease renewal
   * and reports the outcome; if its lease lapses instead, {@link #requeueExpired} cancels it. A
   * cancelled job is returned unchanged.
   *
   * @param tenant the owning tenant
   * @param id the job's id
   * @param now the facade's current time
   * @return the job as it is now
   * @throws NotFoundException if the tenant has no such job
   * @throws ConflictException if the job is completed or dead
   */
  Job cancel(TenantId tenant, UUID id, Instant now);

  /**
   * The attempt history of a job, oldest first; empty for an unknown job.
   *
   * @param tenant the owning tenant
   * @param jobId the job's id
   * @return the attempts, oldest first
   */
  List<JobAttempt> attempts(TenantId tenant, UUID jobId);

  // ---- workers -------------------------------------------------------------------------------

  /**
   * Atomically takes up to {@code request.limit()} due jobs (claimable state, {@code runAt <= now})
   * of the requested queues, of one tenant or all, in {@link JobOrdering rank} order. Each becomes
   * {@link JobState#RUNNING} with {@code attempts + 1}, {@code startedAt = now} and a lease {@code
   * (owner, fresh random token, now + leaseDuration)}. No job is ever handed to two concurrent
   * callers.
   *
   * <p>A queue named in {@link ClaimRequest#schedules()} (claimed for every tenant) is scheduled by
   * tenant: the store chooses its jobs with {@link TenantClaims} (fair share or strict priority
   * across tenants, per-tenant caps, rates), reading and saving the scheduling state atomically
   * with respect to every other claim of the queue on any node, so a cap or a rate is never
   * exceeded; a job the store counts as running under a cap stops counting when it leaves {@code
   * RUNNING}. A store that cannot do this throws {@link
   * com.techradium.iris.core.ValidationException} naming {@code schedules}, and also refuses such a
   * queue in {@link #createQueue} and {@link #saveQueue}.
   *
   * @param request which queues and tenant, how many jobs, and the lease to take
   * @param now the facade's current time
   * @return the claimed jobs in rank order
   * @throws com.techradium.iris.core.ValidationException if the store cannot schedule a requested
   *     queue by tenant
   */
  List<Job> claim(ClaimRequest request, Instant now);

  /**
   * Extends a held lease to {@code expiresAt}.
   *
   * @param lease the job and the lease token the caller holds
   * @param expiresAt the lease's new expiry
   * @param now the facade's current time
   * @return the job as it is now (a worker reads {@link Job#cancelRequested()} from it), or empty
   *     if the lease is no longer held
   */
  Optional<Job> renewLease(LeaseRef lease, Instant expiresAt, Instant now);

  /**
   * Stores the progress a running attempt reports: sets {@link Job#progress()} to {@code progress},
   * changing nothing else (not even {@link Job#updatedAt()}: the progress carries its own time). A
   * later report replaces it, and no other call clears it: it stays on the job across later claims
   * and after the job finished. Stores make it one conditional write (a handler may call it every
   * few seconds).
   *
   * @param lease the job and the lease token the caller holds
   * @param progress what to store, its {@code updatedAt} the facade's current time
   * @return whether the lease was held (and the progress stored); false changes nothing
   */
  boolean reportProgress(LeaseRef lease, JobProgress progress);

  /**
   * Ends the running attempt with {@code outcome}, atomically with: clearing the lease, appending
   * the {@link JobAttempt} ({@code number = attempts}, {@code owner}, {@code startedAt} from the
   * job, {@code finishedAt = now}), setting {@code lastError} (or {@code result}), setting {@code
   * finishedAt} for terminal states, and releasing or failing the job's children. See {@link
   * JobOutcome} for each outcome's state.
   *
   * @param lease the job and the lease token the caller holds
   * @param outcome how the attempt ended
   * @param now the facade's current time
   * @return the job after the change, or empty (and no change) if the lease is no longer held
   */
  Optional<Job> finish(LeaseRef lease, JobOutcome outcome, Instant now);

  /**
   * Ends many running attempts, each exactly as {@link #finish} would: under the same lease-token
   * condition, with its attempt record, and with its children released or failed. Each job changes
   * atomically; the batch as a whole is not one transaction, so after a {@link
   * com.techradium.iris.core.StorageException} some entries may have taken effect (calling again
   * with the same leases is safe: those report empty). Stores override it to share round trips
   * between the jobs; the default calls {@link #finish} for each entry in turn.
   *
   * <p>An entry whose lease is no longer held changes nothing and is reported empty, without
   * affecting the other entries. A job named twice is finished at most once: the later entry
   * reports empty.
   *
   * @param finishes the attempts to end, each with its lease and outcome
   * @param now the facade's current time
   * @return one result per entry, in input order: the job after the change, or empty if its lease
   *     was no longer held
   */
  default List<Optional<Job>> finishAll(List<JobFinish> finishes, Instant now) {
    List<Optional<Job>> results = new ArrayList<>(finishes.size());
    for (JobFinish f : finishes) {
      results.add(finish(f.lease(), f.outcome(), now));
    }
    return Collections.unmodifiableList(results);
  }

  /**
   * Gives a claimed job back without running (or finishing) it, as on graceful shutdown: the job
   * returns to {@link JobState#QUEUED} with its {@code runAt} unchanged and its attempt given back
   * ({@code attempts - 1}); no attempt is recorded.
   *
   * @param lease the job and the lease token the caller holds
   * @param now the facade's current time
   * @return whether the lease was held (and the job released)
   */
  boolean release(LeaseRef lease, Instant now);

  /**
   * Takes back up to {@code limit} running jobs of any tenant whose lease expired before {@code
   * now}: each one's attempt counts and is recorded as {@link AttemptOutcome#LEASE_EXPIRED} (error
   * {@code "lease expired"}); the job becomes {@link JobState#CANCELLED} if cancellation was
   * requested, {@link JobState#DEAD} if its attempts are used up (children follow their policy),
   * else {@link JobState#QUEUED} with {@code runAt = now}. Each job is taken back atomically.
   *
   * @param now the facade's current time
   * @param limit the most jobs taken back in one call
   * @return how many jobs were taken back
   */
  int requeueExpired(Instant now, int limit);

  /**
   * Deletes up to {@code limit} jobs of {@code queue}, any tenant, that are completed, dead or
   * cancelled with {@code finishedAt} before {@code cutoff}, with their attempt histories. Callers
   * repeat until fewer than {@code limit} are deleted.
   *
   * @param queue the queue
   * @param cutoff jobs finished before this time are deleted
   * @param limit the most jobs deleted in one call
   * @return how many jobs were deleted
   */
  int deleteFinished(String queue, Instant cutoff, int limit);

  /**
   * Counts and attempt figures, as defined by {@link JobStats}.
   *
   * @param query the tenant (or all), the queue (or all) and the window
   * @param now the facade's current time, the end of the window
   * @return the figures
   */
  JobStats stats(StatsQuery query, Instant now);

  /**
   * What each tenant has waiting and running per queue, as defined by {@link JobLoad}: one row per
   * (queue, tenant) with at least one waiting or running job, ordered by queue, then tenant. A
   * consistent snapshot is not required: each row's figures may be read at slightly different
   * moments under concurrent changes.
   *
   * @param tenant one tenant's rows only, or null for every tenant
   * @param queue one queue's rows only, or null for every queue
   * @param now the facade's current time: a claimable job is waiting if its run-at is not after it
   * @return the rows, ordered by queue, then tenant
   */
  List<JobLoad> load(@Nullable TenantId tenant, @Nullable String queue, Instant now);

  /**
   * Push notification that jobs became due, if this store offers it; workers then poll less
   * eagerly. Stores without it return empty and workers rely on polling.
   *
   * @return the store's signal, or empty when workers must poll
   */
  default Optional<JobSignal> signals() {
    return Optional.empty();
  }

  // ---- queues --------------------------------------------------------------------------------

  /**
   * Stores {@code config} unless a queue of that name exists.
   *
   * @param config the queue's configuration
   * @return whether it was stored
   */
  boolean createQueue(QueueConfig config);

  /**
   * Stores {@code config}, replacing a queue of the same name.
   *
   * @param config the queue's configuration
   */
  void saveQueue(QueueConfig config);

  /**
   * The queue named {@code name}.
   *
   * @param name the queue's name
   * @return the configuration, or empty for an unknown queue
   */
  Optional<QueueConfig> getQueue(String name);

  /**
   * Every queue, by name.
   *
   * @return the configurations, ordered by name
   */
  List<QueueConfig> listQueues();

  /**
   * Deletes a queue's configuration (not its jobs).
   *
   * @param name the queue's name
   * @return whether it existed
   */
  boolean deleteQueue(String name);

  // ---- cron schedules ------------------------------------------------------------------------

  /**
   * Stores {@code schedule} unless the tenant has one of that name.
   *
   * @param schedule the schedule
   * @return whether stored
   */
  boolean createSchedule(CronSchedule schedule);

  /**
   * Stores {@code schedule}, replacing the tenant's schedule of the same name.
   *
   * @param schedule the schedule
   */
  void saveSchedule(CronSchedule schedule);

  /**
   * The tenant's schedule named {@code name}.
   *
   * @param tenant the owning tenant
   * @param name the schedule's name
   * @return the schedule, or empty if the tenant has none of that name
   */
  Optional<CronSchedule> getSchedule(TenantId tenant, String name);

  /**
   * The tenant's schedules, by name.
   *
   * @param tenant the owning tenant
   * @return the schedules, ordered by name
   */
  List<CronSchedule> listSchedules(TenantId tenant);

  /**
   * Deletes the tenant's schedule.
   *
   * @param tenant the owning tenant
   * @param name the schedule's name
   * @return whether it existed
   */
  boolean deleteSchedule(TenantId tenant, String name);

  /**
   * Up to {@code limit} schedules of any tenant with {@code nextFireAt <= now}, earliest first.
   *
   * @param now the facade's current time
   * @param limit the most schedules returned
   * @return the due schedules, earliest first
   */
  List<CronSchedule> dueSchedules(Instant now, int limit);

  /**
   * Enqueues the occurrence {@code fireAt} of a schedule, exactly once however many callers race:
   * atomically, if the schedule exists and its {@code nextFireAt} equals {@code fireAt}, sets
   * {@code nextFireAt = nextFireAt}, {@code lastFiredAt = fireAt} and inserts {@code job} (as
   * {@link #insert} would, without idempotency or parents); otherwise changes nothing.
   *
   * @param tenant the schedule's tenant
   * @param scheduleName the schedule's name
   * @param fireAt the occurrence to enqueue, which must equal the stored {@code nextFireAt}
   * @param nextFireAt the occurrence after it
   * @param job the job of this occurrence
   * @param now the facade's current time
   * @return the inserted job for the one winning caller, empty for every other
   */
  Optional<Job> claimOccurrence(
      TenantId tenant,
      String scheduleName,
      Instant fireAt,
      Instant nextFireAt,
      NewJob job,
      Instant now);
}
