package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.IrisJobs;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobsRecord;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.spi.JobCancel;
import com.techradium.iris.job.spi.JobLeaseExpiry;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobOutcomes;
import com.techradium.iris.job.spi.JobRetry;
import com.techradium.iris.job.spi.LeaseRef;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;

/**
 * The state changes of existing jobs (update, retry, cancel, finish, release, lease expiry), each
 * run by {@link JdbcJobStore} inside one transaction: lock the row, work out the new job exactly as
 * the core rules describe ({@link JobUpdate}, {@link JobRetry}, {@link JobCancel}, {@link
 * JobOutcomes}, {@link JobLeaseExpiry}), write it with its attempt record, and move children on.
 */
final class JobTransitions {
  private static final IrisJobs J = IRIS_JOBS;

  private JobTransitions() {}

  static Job update(DSLContext dsl, TenantId tenant, UUID id, JobUpdate update, Instant now) {
    return change(dsl, tenant, id, now, job -> update.applyTo(job, now));
  }

  static Job retryNow(DSLContext dsl, TenantId tenant, UUID id, Instant now) {
    return change(dsl, tenant, id, now, job -> JobRetry.apply(job, now));
  }

  static Job cancel(DSLContext dsl, TenantId tenant, UUID id, Instant now) {
    return change(dsl, tenant, id, now, job -> JobCancel.apply(job, now));
  }

  /**
   * Locks a tenant's job, applies a core rule to it, saves the result, moves its children on and
   * wakes workers if it is due.
   */
  private static Job change(
      DSLContext dsl, TenantId tenant, UUID id, Instant now, UnaryOperator<Job> rule) {
    IrisJobsRecord row = require(dsl, tenant, id);
    Job job = JobRows.job(row);
    Job after = rule.apply(job);
    if (after == job) {
      return job;
    }
    JobWrites.save(dsl, row, after);
    Set<String> wake = new LinkedHashSet<>();
    if (after.isDueAt(now)) {
      wake.add(after.queue());
    }
    JobWrites.afterStateChange(dsl, after, row.getHasChildren(), now, wake);
    JobWrites.notifyDue(dsl, wake);
    return after;
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
    Job after = JobLeaseExpiry.release(job, now);
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
      Job after = JobLeaseExpiry.expire(job, now);
      if (after.isDueAt(now)) {
        wake.add(after.queue());
      }
      JobWrites.saveWithAttempt(
          dsl, row, after, AttemptOutcome.LEASE_EXPIRED, JobLeaseExpiry.ERROR, now);
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
