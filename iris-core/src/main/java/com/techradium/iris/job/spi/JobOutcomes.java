package com.techradium.iris.job.spi;

import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reference transition every {@link JobStore} applies when a running attempt ends: what a
 * {@link JobOutcome} makes of the leased job, which {@link AttemptOutcome} the attempt is recorded
 * with and the error text kept with it. Store implementations call {@link #apply} inside their own
 * atomic step and then write the job and its attempt record; stores that compute the transition
 * elsewhere (in a server-side script, say) must produce the same result.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobOutcomes {
  private JobOutcomes() {}

  /**
   * A finished attempt as a store writes it.
   *
   * @param after the job after the outcome: lease cleared, {@code updatedAt} set to the time given
   * @param recorded how the attempt is recorded in the job's history
   * @param error the error or cancellation reason recorded with the attempt, if any
   */
  public record Applied(Job after, AttemptOutcome recorded, @Nullable String error) {
    /**
     * Creates an {@code Applied}, checking its components.
     *
     * @param after the job after the outcome: lease cleared, {@code updatedAt} set to the time
     *     given
     * @param recorded how the attempt is recorded in the job's history
     * @param error the error or cancellation reason recorded with the attempt, if any
     */
    public Applied {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(recorded, "recorded");
    }
  }

  /**
   * Applies {@code outcome} to {@code job}, the job whose lease the caller holds, as {@link
   * JobOutcome} describes each case.
   *
   * @param job the leased job as stored
   * @param outcome how its attempt ended
   * @param now the time of the operation
   * @return the job after the outcome, with the attempt outcome and error to record
   */
  public static Applied apply(Job job, JobOutcome outcome, Instant now) {
    Job.Builder b = job.toBuilder().lease(null).updatedAt(now);
    AttemptOutcome recorded;
    String error = null;
    if (outcome instanceof JobOutcome.Completed c) {
      b.state(JobState.COMPLETED).result(c.result()).finishedAt(now);
      recorded = AttemptOutcome.SUCCEEDED;
    } else if (outcome instanceof JobOutcome.Retry r) {
      error = r.error();
      b.runAt(r.retryAt()).lastError(error);
      if (r.consumesAttempt()) {
        b.state(JobState.FAILED);
        recorded = AttemptOutcome.FAILED;
      } else {
        b.state(r.retryAt().isAfter(now) ? JobState.SCHEDULED : JobState.QUEUED)
            .attempts(job.attempts() - 1);
        recorded = AttemptOutcome.RESCHEDULED;
      }
    } else if (outcome instanceof JobOutcome.Dead d) {
      error = d.error();
      b.state(JobState.DEAD).lastError(error).finishedAt(now);
      recorded = AttemptOutcome.FAILED;
    } else {
      error = ((JobOutcome.Cancelled) outcome).reason();
      b.state(JobState.CANCELLED).finishedAt(now);
      if (error != null) {
        b.lastError(error);
      }
      recorded = AttemptOutcome.CANCELLED;
    }
    return new Applied(b.build(), recorded, error);
  }
}
