package com.techradium.iris.job.spi;

import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a running attempt ended, as reported to {@link JobStore#finish}. Each outcome also appends a
 * {@link JobAttempt} to the job's history in the same atomic step.
 */
public sealed interface JobOutcome
    permits JobOutcome.Completed, JobOutcome.Retry, JobOutcome.Dead, JobOutcome.Cancelled {

  /**
   * The job succeeded: it becomes {@link JobState#COMPLETED} and waiting children are released.
   *
   * @param result the JSON result, or null
   */
  record Completed(@Nullable String result) implements JobOutcome {}

  /**
   * Run again at {@code retryAt}. With {@code consumesAttempt} the attempt failed: the job becomes
   * {@link JobState#FAILED} and the attempt is recorded as {@link AttemptOutcome#FAILED}. Without,
   * the handler asked for a later run (e.g. a Retry-After): the attempt is given back, the job
   * becomes {@link JobState#SCHEDULED} (or {@link JobState#QUEUED} if {@code retryAt} is not in the
   * future) and the attempt is recorded as {@link AttemptOutcome#RESCHEDULED}.
   *
   * @param error what went wrong, or why the handler asked for a later run
   * @param retryAt when to run again
   * @param consumesAttempt true if the attempt failed and counts
   */
  record Retry(String error, Instant retryAt, boolean consumesAttempt) implements JobOutcome {
    /**
     * Creates a {@code Retry}, checking its components.
     *
     * @param error what went wrong, or why the handler asked for a later run
     * @param retryAt when to run again
     * @param consumesAttempt true if the attempt failed and counts
     */
    public Retry {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(retryAt, "retryAt");
    }
  }

  /**
   * The job failed for good: it becomes {@link JobState#DEAD} and its waiting children follow their
   * {@link ParentFailurePolicy}.
   *
   * @param error what went wrong
   */
  record Dead(String error) implements JobOutcome {
    /**
     * Creates a {@code Dead}, checking its components.
     *
     * @param error what went wrong
     */
    public Dead {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The job stopped because cancellation was requested: it becomes {@link JobState#CANCELLED} and
   * its waiting children follow their {@link ParentFailurePolicy}.
   *
   * @param reason why the job was cancelled, or null
   */
  record Cancelled(@Nullable String reason) implements JobOutcome {}
}
