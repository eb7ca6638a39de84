package com.techradium.iris.job.spi;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import java.time.Instant;

/**
 * The transition of {@link JobStore#retryNow}, for store authors: which jobs may be retried now and
 * what a retry makes of them. A blocked, running or completed job cannot be retried; any other job
 * becomes {@link JobState#QUEUED} and due at once, a cancellation request and finish time are
 * cleared, and a job whose attempts are used up gets one more.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobRetry {
  private JobRetry() {}

  /**
   * Whether a job in {@code state} may be retried now.
   *
   * @param state the job's state
   * @return true if {@link com.techradium.iris.job.JobQueue#retryNow} accepts it
   */
  public static boolean allows(JobState state) {
    return state != JobState.BLOCKED && state != JobState.RUNNING && state != JobState.COMPLETED;
  }

  /**
   * {@code job} retried at {@code now}.
   *
   * @param job the job as stored
   * @param now the time of the operation
   * @return the retried job, not yet stored
   * @throws ConflictException if the job's state does not allow a retry
   */
  public static Job apply(Job job, Instant now) {
    if (!allows(job.state())) {
      throw new ConflictException(
          "job " + job.id() + " is " + job.state() + " and cannot be retried");
    }
    return job.toBuilder()
        .state(JobState.QUEUED)
        .runAt(now)
        .cancelRequested(false)
        .finishedAt(null)
        .maxAttempts(Math.max(job.maxAttempts(), job.attempts() + 1))
        .updatedAt(now)
        .build();
  }
}
