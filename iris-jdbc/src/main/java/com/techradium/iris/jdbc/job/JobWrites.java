package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_ATTEMPTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_DEPENDENCIES;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.IrisJobs;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobsRecord;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.spi.JobDependencies;
import com.techradium.iris.job.spi.LeaseRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The row-level steps the JDBC job store composes inside its transactions: locking a job, writing a
 * changed job with its attempt record, moving dependent children on, and queuing wake-up
 * notifications. Every method runs on the {@link DSLContext} of the caller's transaction.
 */
final class JobWrites {
  /** The LISTEN/NOTIFY channel announcing that jobs of a queue (the payload) became due. */
  static final String CHANNEL = "iris_jobs";

  private static final IrisJobs J = IRIS_JOBS;

  private JobWrites() {}

  /** Locks and reads a tenant's job, or null. */
  static @Nullable IrisJobsRecord lock(DSLContext dsl, TenantId tenant, UUID id) {
    return dsl.selectFrom(J)
        .where(J.TENANT_ID.eq(tenant.value()), J.ID.eq(id))
        .forUpdate()
        .fetchOne();
  }

  /** Locks and reads a job still running under the lease's token, or null. */
  static @Nullable IrisJobsRecord lockLeased(DSLContext dsl, LeaseRef lease) {
    return dsl.selectFrom(J)
        .where(
            J.TENANT_ID.eq(lease.tenant().value()),
            J.ID.eq(lease.jobId()),
            J.STATE.eq(JobRows.state(JobState.RUNNING)),
            J.LEASE_TOKEN.eq(lease.token()))
        .forUpdate()
        .fetchOne();
  }

  /** The update writing {@code after} over the locked row {@code before}. */
  static Query update(DSLContext dsl, IrisJobsRecord before, Job after, int historyCount) {
    IrisJobsRecord changes = new IrisJobsRecord();
    JobRows.setMutable(changes, after);
    changes.setHistoryCount(historyCount);
    return dsl.update(J)
        .set(changes)
        .where(J.TENANT_ID.eq(before.getTenantId()), J.ID.eq(before.getId()));
  }

  /** Writes {@code after} over the locked row {@code before}. */
  static void save(DSLContext dsl, IrisJobsRecord before, Job after) {
    update(dsl, before, after, before.getHistoryCount()).execute();
  }

  /**
   * Writes {@code after} over the locked running job {@code before} and appends the attempt that
   * ended, in one round trip.
   */
  static void saveWithAttempt(
      DSLContext dsl,
      IrisJobsRecord before,
      Job after,
      AttemptOutcome outcome,
      @Nullable String error,
      Instant now) {
    int seq = before.getHistoryCount() + 1;
    Job running = JobRows.job(before);
    dsl.batch(
            update(dsl, before, after, seq),
            dsl.insertInto(IRIS_JOB_ATTEMPTS)
                .set(JobRows.attempt(running, seq, outcome, error, now)))
        .execute();
  }

  /**
   * After a job reached {@code after.state()}: releases its waiting children if it completed, or
   * fails or cancels them (transitively) if it is dead or cancelled. Queues to wake are added to
   * {@code wake}.
   */
  static void afterStateChange(
      DSLContext dsl, Job after, boolean hasChildren, Instant now, Set<String> wake) {
    if (!hasChildren) {
      return;
    }
    if (after.state() == JobState.COMPLETED) {
      releaseChildren(dsl, after, now, wake);
    } else if (after.state() == JobState.DEAD || after.state() == JobState.CANCELLED) {
      failChildren(dsl, after, now);
    }
  }

  /** Locks the blocked children of {@code parent}, in id order so lockers never deadlock. */
  private static List<IrisJobsRecord> lockBlockedChildren(DSLContext dsl, Job parent) {
    String tenant = parent.tenant().value();
    return dsl.selectFrom(J)
        .where(
            J.TENANT_ID.eq(tenant),
            J.STATE.eq(JobRows.state(JobState.BLOCKED)),
            J.ID.in(
                DSL.select(IRIS_JOB_DEPENDENCIES.CHILD_ID)
                    .from(IRIS_JOB_DEPENDENCIES)
                    .where(
                        IRIS_JOB_DEPENDENCIES.TENANT_ID.eq(tenant),
                        IRIS_JOB_DEPENDENCIES.PARENT_ID.eq(parent.id()))))
        .orderBy(J.ID)
        .forUpdate()
        .fetch();
  }

  private static void releaseChildren(DSLContext dsl, Job parent, Instant now, Set<String> wake) {
    List<IrisJobsRecord> children = lockBlockedChildren(dsl, parent);
    if (children.isEmpty()) {
      return;
    }
    // A new statement, hence (read committed) a fresh snapshot taken after the children's locks
    // were granted: a sibling parent that completed concurrently is seen as completed here, so the
    // last parent to complete always releases the child.
    IrisJobs p = J.as("p");
    Set<UUID> stillWaiting =
        dsl.selectDistinct(IRIS_JOB_DEPENDENCIES.CHILD_ID)
            .from(IRIS_JOB_DEPENDENCIES)
            .join(p)
            .on(
                p.TENANT_ID.eq(IRIS_JOB_DEPENDENCIES.TENANT_ID),
                p.ID.eq(IRIS_JOB_DEPENDENCIES.PARENT_ID))
            .where(
                IRIS_JOB_DEPENDENCIES.TENANT_ID.eq(parent.tenant().value()),
                IRIS_JOB_DEPENDENCIES.CHILD_ID.in(ids(children)),
                p.STATE.ne(JobRows.state(JobState.COMPLETED)))
            .fetchSet(IRIS_JOB_DEPENDENCIES.CHILD_ID);
    List<Query> updates = new ArrayList<>();
    for (IrisJobsRecord row : children) {
      if (stillWaiting.contains(row.getId())) {
        continue;
      }
      Job released = JobDependencies.released(JobRows.job(row), now);
      updates.add(update(dsl, row, released, row.getHistoryCount()));
      if (released.state() == JobState.QUEUED) {
        wake.add(released.queue());
      }
    }
    execute(dsl, updates);
  }

  private static void failChildren(DSLContext dsl, Job parent, Instant now) {
    for (IrisJobsRecord row : lockBlockedChildren(dsl, parent)) {
      Job failed = JobDependencies.failed(JobRows.job(row), parent, now);
      save(dsl, row, failed);
      if (row.getHasChildren()) {
        failChildren(dsl, failed, now);
      }
    }
  }

  /** Announces, at commit, that jobs of {@code queues} became due. */
  static void notifyDue(DSLContext dsl, Collection<String> queues) {
    if (queues.isEmpty()) {
      return;
    }
    dsl.execute(
        "select pg_notify(?, q) from unnest(?) as q", CHANNEL, queues.toArray(String[]::new));
  }

  static void execute(DSLContext dsl, List<Query> queries) {
    if (queries.size() == 1) {
      queries.get(0).execute();
    } else if (!queries.isEmpty()) {
      dsl.batch(queries).execute();
    }
  }

  private static List<UUID> ids(List<IrisJobsRecord> rows) {
    List<UUID> ids = new ArrayList<>(rows.size());
    rows.forEach(r -> ids.add(r.getId()));
    return ids;
  }
}
