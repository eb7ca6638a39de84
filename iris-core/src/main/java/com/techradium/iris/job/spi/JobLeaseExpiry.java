package com.techradium.iris.job.spi;

import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import java.time.Instant;

/**
 * The transitions of a running job whose worker stopped holding it, for store authors: what {@link
 * JobStore#requeueExpired} makes of a job whose lease lapsed (recorded as {@link
 * AttemptOutcome#LEASE_EXPIRED} with the error {@link #ERROR}), and what {@link JobStore#release}
 * makes of a job given back unrun.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobLeaseExpiry {
  /** The error recorded with an expired attempt and kept as the job's last error. */
  public static final String ERROR = "lease expired";

  private JobLeaseExpiry() {}

  /**
   * The job after its lease lapsed: cancelled if cancellation was requested, dead if its attempts
   * are used up, else queued and due at {@code now}; the lease cleared either way.
   *
   * @param job the running job whose lease lapsed
   * @param now the facade's current time
   * @return the job after expiry
   */
  public static Job expire(Job job, Instant now) {
    Job.Builder b = job.toBuilder().lease(null).lastError(ERROR).updatedAt(now);
    if (job.cancelRequested()) {
      b.state(JobState.CANCELLED).finishedAt(now);
    } else if (job.attempts() >= job.maxAttempts()) {
      b.state(JobState.DEAD).finishedAt(now);
    } else {
      b.state(JobState.QUEUED).runAt(now);
    }
    return b.build();
  }

  /**
   * The job given back unrun: queued again, the lease cleared and its attempt not counted.
   *
   * @param job the claimed job
   * @param now the facade's current time
   * @return the job, queued again
   */
  public static Job release(Job job, Instant now) {
    return job.toBuilder()
        .state(JobState.QUEUED)
        .lease(null)
        .attempts(job.attempts() - 1)
        .updatedAt(now)
        .build();
  }
}
