package com.techradium.iris.job;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Validation;
import com.techradium.iris.job.spi.JobStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a job that is not running and not finished; null fields stay as they are. A new {@code
 * runAt} moves a scheduled or queued job between those two states.
 *
 * @param priority the new priority, 0 to 10, or null to keep it
 * @param runAt the new run-at time, or null to keep it
 * @param payload the new JSON payload, or null to keep it
 */
public record JobUpdate(
    @Nullable Integer priority, @Nullable Instant runAt, @Nullable String payload) {
  /**
   * Creates a {@code JobUpdate}, checking its components.
   *
   * @param priority the new priority, 0 to 10, or null to keep it
   * @param runAt the new run-at time, or null to keep it
   * @param payload the new JSON payload, or null to keep it
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public JobUpdate {
    Validation v = Validation.of();
    v.check(
        priority != null || runAt != null || payload != null,
        "update",
        "must change at least one of priority, runAt, payload");
    if (priority != null) {
      v.range("priority", priority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    }
    if (payload != null) {
      v.json("payload", payload, JobSpec.MAX_PAYLOAD_LENGTH);
    }
    v.instant("runAt", runAt, JobSpec.EARLIEST_RUN_AT, JobSpec.LATEST_RUN_AT);
    v.throwIfInvalid();
    if (runAt != null) {
      runAt = runAt.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /**
   * Only a new priority.
   *
   * @param priority the new priority
   * @return the update
   */
  public static JobUpdate priority(int priority) {
    return new JobUpdate(priority, null, null);
  }

  /**
   * Only a new run-at time.
   *
   * @param runAt the new run-at time
   * @return the update
   */
  public static JobUpdate runAt(Instant runAt) {
    return new JobUpdate(null, runAt, null);
  }

  /**
   * Only a new payload.
   *
   * @param payload the new JSON payload
   * @return the update
   */
  public static JobUpdate payload(String payload) {
    return new JobUpdate(null, null, payload);
  }

  /**
   * This update applied to {@code job}, as every {@link JobStore#update} applies it: the changed
   * fields, {@code updatedAt} set to {@code now} and, with a new {@code runAt}, a scheduled or
   * queued job made {@link JobState#SCHEDULED} or {@link JobState#QUEUED} by whether it is due.
   *
   * @param job the job as stored
   * @param now the time of the operation
   * @return the updated job, not yet stored
   * @throws ConflictException if the job is running or finished
   */
  public Job applyTo(Job job, Instant now) {
    if (!job.state().isUpdatable()) {
      throw new ConflictException("job " + job.id() + " is " + job.state() + " and cannot change");
    }
    Job.Builder b = job.toBuilder().updatedAt(now);
    if (priority != null) {
      b.priority(priority);
    }
    if (payload != null) {
      b.payload(payload);
    }
    if (runAt != null) {
      b.runAt(runAt);
      if (job.state() == JobState.SCHEDULED || job.state() == JobState.QUEUED) {
        b.state(runAt.isAfter(now) ? JobState.SCHEDULED : JobState.QUEUED);
      }
    }
    return b.build();
  }
}
