package com.techradium.iris.job;

import com.techradium.iris.core.IrisJson;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a job that is not running and not finished; null fields stay as they are. A new {@code
 * runAt} moves a scheduled or queued job between those two states.
 */
public record JobUpdate(
    @Nullable Integer priority, @Nullable Instant runAt, @Nullable String payload) {
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
      try {
        IrisJson.parse("payload", payload);
      } catch (ValidationException e) {
        v.check(false, "payload", "must be a JSON document");
      }
    }
    v.throwIfInvalid();
    if (runAt != null) {
      runAt = runAt.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /** Only a new priority. */
  public static JobUpdate priority(int priority) {
    return new JobUpdate(priority, null, null);
  }

  /** Only a new run-at time. */
  public static JobUpdate runAt(Instant runAt) {
    return new JobUpdate(null, runAt, null);
  }

  /** Only a new payload. */
  public static JobUpdate payload(String payload) {
    return new JobUpdate(null, null, payload);
  }
}
