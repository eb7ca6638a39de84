package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.schema.tables.IrisJobs;
import com.techradium.iris.jdbc.schema.tables.records.IrisJobsRecord;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobOutcome;
import com.techradium.iris.job.JobOutcomes;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.LeaseRef;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The state changes of existing jobs (update, retry, cancel, finish, release, lease expiry), each
 * run by {@link JdbcJobStore} inside one transaction: lock the row, work out the new job exactly as
 * the port describes, write it with its attempt record, and move children on.
 */
final class JobTransitions {
  private static final IrisJobs J = IRIS_JOBS;

  private JobTransitions() {}

  static Job update(DSLContext dsl, TenantId tenant, UUID id, JobUpdate update, Instant now) {
    IrisJobsRecord row = require(dsl, tenant, id);
    Job job = JobRows.job(row);
    Job after = update.applyTo(job, now);
    JobWrites.save(dsl, row, after);
    if (after.isDueAt(now)) {
      JobWrites.notifyDue(dsl, List.of(after.queue()));
    }
    return after;
  }

  static Job retryNow(DSLContext dsl, TenantId tenant, UUID id, Instant now) {
    IrisJobsRecord row = require(dsl, tenant, id);
    Job job = JobRows.job(row);
    JobState s = job.state();
    if (s == JobState.BLOCKED || s == JobState.RUNNING || s == JobState.COMPLETED) {
      throw new ConflictException("job " + id + " is " + s + " and cannot be retried");
    }
    Job after =
        job.toBuilder()
            .state(JobState.QUEUED)
            .runAt(now)
            .cancelRequested(false)
            .finishedAt(null)
            .maxAttempts(Math.max(job.maxAttempts(), job.attempts() + 1))
            .updatedAt(now)
            .build();
    JobWrites.save(dsl, row, after);
    JobWrites.notifyDue(dsl, List.of(after.queue()));
    return after;
  }

  static Job cancel(DSLContext dsl, TenantId tenant, UUID id, Instant now) {
    IrisJobsRecord row = require(dsl, tenant, id);
    Job job = JobRows.job(row);
    switch (job.state()) {
      case CANCELLED:
        return job;
      case COMPLETED:
      case DEAD:
        throw new ConflictException("job " + id + " is " + job.state() + " already");
      case RUNNING:
        Job flagged = job.toBuilder().cancelRequested(true).updatedAt(now).build();
        JobWrites.save(dsl, row, flagged);
        return flagged;
      default:
        Job cancelled =
            job.toBuilder().state(JobState.CANCELLED).finishedAt(now).updatedAt(now).build();
        JobWrites.save(dsl, row, cancelled);
        JobWrites.afterStateChange(dsl, cancelled, row.getHasChildren(), now, Set.of());
        return cancelled;
    }
  }

  static Optional<Job> finish(DSLContext dsl, LeaseRef lease, JobOutcome outcome, Instant now) {
    IrisJobsRecord row = JobWrites.lockLeased(dsl, lease);
    if (row == null) {
      return Optional.empty();
    }
    Job job = JobRows.job(row);
    JobOutcomes.Applied applied = JobOutcomes.apply(job, outcome, now);
    Job after = applied.after();
    JobWrites.saveWithAttempt(dsl, row, after, applied.recorded(), applied.error(), now);
    Set<String> wake = new LinkedHashSet<>();
    if (after.isDueAt(now)) {
      wake.add(after.queue());
    }
    JobWrites.afterStateChange(dsl, after, row.getHasChildren(), now, wake);
    JobWrites.notifyDue(dsl, wake);
    return Optional.of(after);
  }

  static boolean release(DSLContext dsl, LeaseRef lease, Instant now) {
    IrisJobsRecord row = JobWrites.lockLeased(dsl, lease);
    if (row == null) {
      return false;
    }
    Job job = JobRows.job(row);
    Job after =
        job.toBuilder()
            .state(JobState.QUEUED)
            .lease(null)
            .attempts(job.attempts() - 1)
            .updatedAt(now)
            .build();
    JobWrites.save(dsl, row, after);
    if (after.isDueAt(now)) {
      JobWrites.notifyDue(dsl, List.of(after.queue()));
    }
    return true;
  }

  static int requeueExpired(DSLContext dsl, Instant now, int limit) {
    List<IrisJobsRecord> expired =
        dsl.selectFrom(J)
            .where(J.STATE.eq(JobRows.state(JobState.RUNNING)), J.LEASE_EXPIRES_AT.lt(now))
            .orderBy(J.LEASE_EXPIRES_AT, J.ID)
            .limit(limit)
            .forUpdate()
            .skipLocked()
            .fetch();
    Set<String> wake = new LinkedHashSet<>();
    for (IrisJobsRecord row : expired) {
      Job job = JobRows.job(row);
      Job.Builder b = job.toBuilder().lease(null).lastError("lease expired").updatedAt(now);
      if (job.cancelRequested()) {
        b.state(JobState.CANCELLED).finishedAt(now);
      } else if (job.attempts() >= job.maxAttempts()) {
        b.state(JobState.DEAD).finishedAt(now);
      } else {
        b.state(JobState.QUEUED).runAt(now);
        wake.add(job.queue());
      }
      Job after = b.build();
      JobWrites.saveWithAttempt(
          dsl, row, after, AttemptOutcome.LEASE_EXPIRED, "lease expired", now);
      JobWrites.afterStateChange(dsl, after, row.getHasChildren(), now, wake);
    }
    JobWrites.notifyDue(dsl, wake);
    return expired.size();
  }

  private static IrisJobsRecord require(DSLContext dsl, TenantId tenant, UUID id) {
    IrisJobsRecord row = JobWrites.lock(dsl, tenant, id);
    if (row == null) {
      throw NotFoundException.of("job", id);
    }
    return row;
  }
}
