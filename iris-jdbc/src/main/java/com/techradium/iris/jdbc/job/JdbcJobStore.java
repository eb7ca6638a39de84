package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_ATTEMPTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_IDEMPOTENCY;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_SCHEDULES;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.IrisJobs;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobCursors;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobStore} on PostgreSQL (tables of migrations V3, V11, V13, V14, V18, V20 and V21; run
 * {@link JdbcIris#migrate} first): durable jobs shared by every node using the database.
 *
 * <p><b>Claiming.</b> One statement takes a batch: a materialized CTE picks up to {@code limit} due
 * jobs per requested queue from the partial index {@code iris_jobs_claim} (claimable states only,
 * ordered by the {@linkplain com.techradium.iris.job.spi.JobOrdering rank} {@code rank_ms}, then
 * id) with {@code FOR UPDATE SKIP LOCKED}, keeps the best {@code limit}, and an {@code UPDATE ...
 * WHERE (tenant_id, id) IN (pick) RETURNING} leases them. Concurrent claimers on any number of
 * nodes skip each other's rows instead of waiting, and no job is handed out twice. The scan starts
 * at the queue's <em>claim floor</em> (table {@code iris_job_claim_floors}, migration V11), a lower
 * bound on the claim order of every claimable job of the queue, rather than at the index's front,
 * where the entries of jobs already claimed stay, dead, until VACUUM. The claim moves the floor to
 * the first claimable job it did not take, under a per-queue advisory lock it takes without
 * waiting; every write that makes a job claimable holds that lock shared and lowers the floor
 * (triggers of V11), so a job that becomes claimable with a better rank than jobs already claimed
 * is still claimed first. The try-lock and the claim statement run in one call of the function
 * {@code iris_job_claim} (migration V13), in auto-commit: one round trip, each statement with its
 * own snapshot. docs/jobs.md gives the argument.
 *
 * <p><b>Queues scheduled by tenant</b> ({@link ClaimRequest#schedules()}: fair share, per-tenant
 * caps, rates) are claimed one at a time per queue on every node, under a per-queue advisory lock
 * taken waiting, in a transaction of three statements that reads the tenants' state, locks each
 * tenant's best due jobs and leases those {@link com.techradium.iris.job.spi.TenantClaims} chooses
 * (migrations V13 and V20). A fair-share queue without caps or rates is claimed in one call
 * instead, in auto-commit (migration V21): there each tenant's start tags are fixed for the whole
 * claim, so the plan is an order (by tag, rank and id) the function computes itself. The state
 * lives in {@code iris_job_tenant_shares}; a job it counts as running stops counting through a
 * trigger when it leaves {@code running}. Each tenant's scan starts at the tenant's claim floor
 * ({@code iris_job_tenant_floors}), kept like the queue's. {@link #deleteQueue} also deletes the
 * queue's scheduling state and floors.
 *
 * <p><b>Transactions.</b> Every method is one transaction; completing a job without children is a
 * single statement, and so is enqueueing jobs without idempotency keys or parents (the jobs and
 * their notification, sent in autocommit: one round trip). Finishing a job, its attempt record and
 * the release (or failure) of its children commit together. Children are locked before their other
 * parents are read, so when two parents complete at once the later one sees the earlier and
 * releases the child.
 *
 * <p><b>Wake-ups.</b> Writes that make a job due send {@code pg_notify('iris_jobs', queue)} in
 * their transaction; {@link #signals()} listens on a dedicated connection and tells subscribed
 * workers at commit time.
 *
 * <p><b>Enqueue in the caller's transaction.</b> Inside a {@link
 * com.techradium.iris.jdbc.JdbcTransaction} scope, this store's calls on that thread (made by the
 * {@code JobQueue} facade, validation included) read and write on the host's connection, so jobs
 * exist if and only if the host commits; workers are woken by the commit's notification. Queue and
 * schedule definitions are deployment configuration and always commit on their own.
 *
 * <p>Thread-safe. The data source stays owned by the caller and is never closed here; the listener
 * connection of {@link #signals()} is held only while someone is subscribed.
 */
public final class JdbcJobStore implements JobStore {
  private static final IrisJobs J = IRIS_JOBS;
  private static final List<String> CLAIMABLE =
      List.of(
          JobRows.state(JobState.SCHEDULED),
          JobRows.state(JobState.QUEUED),
          JobRows.state(JobState.FAILED));
  private static final List<String> TERMINAL =
      List.of(
          JobRows.state(JobState.COMPLETED),
          JobRows.state(JobState.DEAD),
          JobRows.state(JobState.CANCELLED));

  private final JdbcContext db;
  private final JdbcContext configuration;
  private final JdbcJobSignal signal;

  private JdbcJobStore(JdbcContext db, DataSource dataSource) {
    this.db = db;
    this.configuration = db.detached();
    this.signal = new JdbcJobSignal(dataSource);
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first. While a worker is subscribed to {@link #signals()}, one of the data source's
   * connections is held for {@code LISTEN}.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcJobStore of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcJobStore(JdbcContext.of(dataSource), dataSource);
  }

  private <T> T write(String operation, Function<DSLContext, T> work) {
    return db.inTransaction(operation, work);
  }

  private <T> T read(String operation, Function<DSLContext, T> work) {
    return db.call(operation, work);
  }

  // ---- jobs ----------------------------------------------------------------------------------

  @Override
  public List<EnqueueResult> insert(TenantId tenant, List<NewJob> jobs, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    List<NewJob> input = List.copyOf(jobs);
    if (input.isEmpty()) {
      return List.of();
    }
    if (JobInserts.isOneStatement(input)) {
      // One statement is atomic on its own: no BEGIN/COMMIT round trips around it.
      return db.inOneStatement("enqueue jobs", dsl -> JobInserts.insert(dsl, tenant, input, now));
    }
    return write("enqueue jobs", dsl -> JobInserts.insert(dsl, tenant, input, now));
  }

  @Override
  public Optional<Job> get(TenantId tenant, UUID id) {
    return read(
        "get job",
        dsl ->
            dsl.selectFrom(J)
                .where(J.TENANT_ID.eq(tenant.value()), J.ID.eq(id))
                .fetchOptional()
                .map(JobRows::job));
  }

  @Override
  public Page<Job> list(TenantId tenant, JobQuery query, PageRequest page) {
    Condition where = J.TENANT_ID.eq(tenant.value());
    UUID after = JobCursors.start(page);
    if (after != null) {
      where = where.and(J.ID.lt(after));
    }
    if (query.queue() != null) {
      where = where.and(J.QUEUE.eq(query.queue()));
    }
    if (!query.states().isEmpty()) {
      where = where.and(J.STATE.in(query.states().stream().map(JobRows::state).toList()));
    }
    if (query.type() != null) {
      where = where.and(J.TYPE.eq(query.type()));
    }
    Condition filter = where;
    List<Job> fetched =
        read(
            "list jobs",
            dsl ->
                dsl.selectFrom(J)
                    .where(filter)
                    .orderBy(J.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JobRows::job));
    return Page.fromOverfetch(fetched, page.limit(), JobCursors::after);
  }

  @Override
  public Job update(TenantId tenant, UUID id, JobUpdate update, Instant now) {
    return write("update job", dsl -> JobTransitions.update(dsl, tenant, id, update, now));
  }

  @Override
  public Job retryNow(TenantId tenant, UUID id, Instant now) {
    return write("retry job", dsl -> JobTransitions.retryNow(dsl, tenant, id, now));
  }

  @Override
  public Job cancel(TenantId tenant, UUID id, Instant now) {
    return write("cancel job", dsl -> JobTransitions.cancel(dsl, tenant, id, now));
  }

  @Override
  public List<JobAttempt> attempts(TenantId tenant, UUID jobId) {
    return read(
        "list job attempts",
        dsl ->
            dsl.selectFrom(IRIS_JOB_ATTEMPTS)
                .where(
                    IRIS_JOB_ATTEMPTS.TENANT_ID.eq(tenant.value()),
                    IRIS_JOB_ATTEMPTS.JOB_ID.eq(jobId))
                .orderBy(IRIS_JOB_ATTEMPTS.SEQ)
                .fetch(JobRows::attempt));
  }

  // ---- workers -------------------------------------------------------------------------------

  @Override
  public List<Job> claim(ClaimRequest request, Instant now) {
    if (request.schedules().isEmpty() || request.tenant() != null) {
      // One statement (the claim function of V13) is atomic on its own: no BEGIN/COMMIT round
      // trips.
      return db.inOneStatement(
          "claim jobs", dsl -> dsl.connectionResult(c -> JobBulkSql.claim(c, request, now)));
    }
    List<Job> claimed = new ArrayList<>();
    Set<String> plain = new HashSet<>();
    for (String queue : request.queues()) {
      QueueConfig config = request.schedules().get(queue);
      if (config == null) {
        plain.add(queue);
        continue;
      }
      int room = request.limit() - claimed.size();
      if (room > 0 && JobTenantSql.claimsInOneCall(config)) {
        claimed.addAll(
            db.inOneStatement(
                "claim jobs by tenant",
                dsl ->
                    dsl.connectionResult(
                        c -> JobTenantSql.claimFair(c, config, request, room, now))));
      } else if (room > 0) {
        claimed.addAll(
            write(
                "claim jobs by tenant",
                dsl -> JobTenantSql.claim(dsl, config, request, room, now)));
      }
    }
    int room = request.limit() - claimed.size();
    if (!plain.isEmpty() && room > 0) {
      ClaimRequest rest =
          new ClaimRequest(plain, null, room, request.owner(), request.leaseDuration(), Map.of());
      claimed.addAll(
          db.inOneStatement(
              "claim jobs", dsl -> dsl.connectionResult(c -> JobBulkSql.claim(c, rest, now))));
    }
    claimed.sort(Comparator.comparingLong(Job::rank).thenComparing(Job::id));
    return List.copyOf(claimed);
  }

  @Override
  public Optional<Job> renewLease(LeaseRef lease, Instant expiresAt, Instant now) {
    return read(
        "renew job lease",
        dsl ->
            dsl.update(J)
                .set(J.LEASE_EXPIRES_AT, expiresAt)
                .set(J.UPDATED_AT, now)
                .where(
                    J.TENANT_ID.eq(lease.tenant().value()),
                    J.ID.eq(lease.jobId()),
                    J.STATE.eq(JobRows.state(JobState.RUNNING)),
                    J.LEASE_TOKEN.eq(lease.token()))
                .returning()
                .fetchOptional()
                .map(JobRows::job));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one {@code UPDATE} of the job's row by primary key, conditional on state and lease
   * token, in autocommit (one round trip). It names no indexed column, so PostgreSQL can make it a
   * HOT update (no index entry written) when the row's page has room.
   */
  @Override
  public boolean reportProgress(LeaseRef lease, JobProgress progress) {
    Objects.requireNonNull(progress, "progress");
    return read(
            "report job progress",
            dsl ->
                dsl.update(J)
                    .set(J.PROGRESS_PERCENT, (short) progress.percent())
                    .set(J.PROGRESS_MESSAGE, progress.message())
                    .set(J.PROGRESS_AT, progress.updatedAt())
                    .where(
                        J.TENANT_ID.eq(lease.tenant().value()),
                        J.ID.eq(lease.jobId()),
                        J.STATE.eq(JobRows.state(JobState.RUNNING)),
                        J.LEASE_TOKEN.eq(lease.token()))
                    .execute())
        == 1;
  }

  @Override
  public Optional<Job> finish(LeaseRef lease, JobOutcome outcome, Instant now) {
    if (outcome instanceof JobOutcome.Completed c) {
      // The common case, a job without children completing, in one statement.
      Optional<Job> done =
          db.call(
              "complete job",
              dsl -> dsl.connectionResult(on -> JobBulkSql.complete(on, lease, c.result(), now)));
      if (done.isPresent()) {
        return done;
      }
    }
    return write("finish job", dsl -> JobTransitions.finish(dsl, lease, outcome, now));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the completions of jobs without children share one statement ({@code UPDATE ... FROM
   * unnest(...)} that also inserts their attempt records), which takes effect for all of them or
   * none; every other entry (another outcome, a job with children, a lease not held, a job named
   * twice) then takes the path of {@link #finish} in its own transaction.
   */
  @Override
  public List<Optional<Job>> finishAll(List<JobFinish> finishes, Instant now) {
    int n = finishes.size();
    List<LeaseRef> fast = new ArrayList<>(n);
    List<@Nullable String> results = new ArrayList<>(n);
    Set<UUID> named = new HashSet<>();
    for (JobFinish f : finishes) {
      if (f.outcome() instanceof JobOutcome.Completed c && named.add(f.lease().jobId())) {
        fast.add(f.lease());
        results.add(c.result());
      }
    }
    Map<UUID, Job> completed =
        fast.isEmpty()
            ? Map.of()
            : read(
                "complete jobs",
                dsl -> dsl.connectionResult(c -> JobBulkSql.completeAll(c, fast, results, now)));
    List<Optional<Job>> out = new ArrayList<>(n);
    Set<UUID> reported = new HashSet<>();
    for (JobFinish f : finishes) {
      UUID id = f.lease().jobId();
      Job done = completed.get(id);
      if (done != null && done.tenant().equals(f.lease().tenant()) && reported.add(id)) {
        out.add(Optional.of(done));
      } else {
        out.add(
            write("finish job", dsl -> JobTransitions.finish(dsl, f.lease(), f.outcome(), now)));
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean release(LeaseRef lease, Instant now) {
    return write("release job", dsl -> JobTransitions.release(dsl, lease, now));
  }

  @Override
  public int requeueExpired(Instant now, int limit) {
    return write("requeue expired jobs", dsl -> JobTransitions.requeueExpired(dsl, now, limit));
  }

  @Override
  public int deleteFinished(String queue, Instant cutoff, int limit) {
    return write(
        "delete finished jobs",
        dsl -> {
          var doomed =
              DSL.select(J.TENANT_ID, J.ID)
                  .from(J)
                  .where(J.QUEUE.eq(queue), J.STATE.in(TERMINAL), J.FINISHED_AT.lt(cutoff))
                  .orderBy(J.FINISHED_AT, J.ID)
                  .limit(limit)
                  .forUpdate()
                  .skipLocked();
          var deleted =
              dsl.deleteFrom(J)
                  .where(DSL.row(J.TENANT_ID, J.ID).in(doomed))
                  .returningResult(J.TENANT_ID, J.ID, J.IDEMPOTENCY_KEY)
                  .fetch();
          List<Query> keys = new ArrayList<>();
          for (var r : deleted) {
            if (r.value3() != null) {
              keys.add(
                  dsl.deleteFrom(IRIS_JOB_IDEMPOTENCY)
                      .where(
                          IRIS_JOB_IDEMPOTENCY.TENANT_ID.eq(r.value1()),
                          IRIS_JOB_IDEMPOTENCY.IDEM_KEY.eq(r.value3()),
                          IRIS_JOB_IDEMPOTENCY.JOB_ID.eq(r.value2())));
            }
          }
          JobWrites.execute(dsl, keys);
          return deleted.size();
        });
  }

  @Override
  public JobStats stats(StatsQuery query, Instant now) {
    return read("job stats", dsl -> JobStatsQuery.stats(dsl, query, now, CLAIMABLE));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one grouped query ({@link JobLoadQuery}) over the rows the two partial indexes of live
   * jobs point to: the claim index ({@code iris_jobs_claim}, claimable jobs by queue and rank, read
   * up to rank {@code now}) and the lease index ({@code iris_jobs_leases}, running jobs). Its cost
   * grows with the waiting and running jobs (and the dead entries those indexes hold until VACUUM),
   * never with finished jobs.
   */
  @Override
  public List<JobLoad> load(@Nullable TenantId tenant, @Nullable String queue, Instant now) {
    return read("job load", dsl -> JobLoadQuery.load(dsl, tenant, queue, now));
  }

  @Override
  public Optional<JobSignal> signals() {
    return Optional.of(signal);
  }

  // ---- queues and cron schedules (statements in JobConfigSql) ----------------------------
  // Definitions are deployment configuration: written on their own connection and committed at
  // once, also when the calling thread has joined a host transaction.

  @Override
  public boolean createQueue(QueueConfig config) {
    return configuration.call("create job queue", dsl -> JobConfigSql.createQueue(dsl, config));
  }

  @Override
  public void saveQueue(QueueConfig config) {
    configuration.call(
        "save job queue",
        dsl -> {
          JobConfigSql.saveQueue(dsl, config);
          return null;
        });
  }

  @Override
  public Optional<QueueConfig> getQueue(String name) {
    return read("get job queue", dsl -> JobConfigSql.getQueue(dsl, name));
  }

  @Override
  public List<QueueConfig> listQueues() {
    return read("list job queues", dsl -> JobConfigSql.listQueues(dsl));
  }

  @Override
  public boolean deleteQueue(String name) {
    return configuration.inTransaction(
        "delete job queue", dsl -> JobConfigSql.deleteQueue(dsl, name));
  }

  @Override
  public boolean createSchedule(CronSchedule schedule) {
    return configuration.call(
        "create job schedule", dsl -> JobConfigSql.createSchedule(dsl, schedule));
  }

  @Override
  public void saveSchedule(CronSchedule schedule) {
    configuration.call(
        "save job schedule",
        dsl -> {
          JobConfigSql.saveSchedule(dsl, schedule);
          return null;
        });
  }

  @Override
  public Optional<CronSchedule> getSchedule(TenantId tenant, String name) {
    return read("get job schedule", dsl -> JobConfigSql.getSchedule(dsl, tenant, name));
  }

  @Override
  public List<CronSchedule> listSchedules(TenantId tenant) {
    return read("list job schedules", dsl -> JobConfigSql.listSchedules(dsl, tenant));
  }

  @Override
  public boolean deleteSchedule(TenantId tenant, String name) {
    return configuration.call(
        "delete job schedule", dsl -> JobConfigSql.deleteSchedule(dsl, tenant, name));
  }

  @Override
  public List<CronSchedule> dueSchedules(Instant now, int limit) {
    return read("list due job schedules", dsl -> JobConfigSql.dueSchedules(dsl, now, limit));
  }

  @Override
  public Optional<Job> claimOccurrence(
      TenantId tenant, String name, Instant fireAt, Instant nextFireAt, NewJob job, Instant now) {
    return write(
        "enqueue schedule occurrence",
        dsl -> {
          // The row lock makes racing callers queue up; each re-checks next_fire_at once the
          // winner committed, finds it moved on, and updates nothing.
          int moved =
              dsl.update(IRIS_JOB_SCHEDULES)
                  .set(IRIS_JOB_SCHEDULES.NEXT_FIRE_AT, nextFireAt)
                  .set(IRIS_JOB_SCHEDULES.LAST_FIRED_AT, fireAt)
                  .where(
                      IRIS_JOB_SCHEDULES.TENANT_ID.eq(tenant.value()),
                      IRIS_JOB_SCHEDULES.NAME.eq(name),
                      IRIS_JOB_SCHEDULES.NEXT_FIRE_AT.eq(fireAt))
                  .execute();
          if (moved == 0) {
            return Optional.<Job>empty();
          }
          return Optional.of(JobInserts.insertPlain(dsl, tenant, job, now));
        });
  }
}
