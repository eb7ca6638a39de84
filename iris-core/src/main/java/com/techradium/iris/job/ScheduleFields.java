package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.internal.JobNames;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The checks a schedule's definition must pass, shared by {@link ScheduleSpec} and {@link
 * CronSchedule}.
 */
final class ScheduleFields {
  private ScheduleFields() {}

  static void check(
      Validation v,
      @Nullable String name,
      @Nullable String cron,
      @Nullable String queue,
      @Nullable String type,
      @Nullable String payload,
      @Nullable Integer priority,
      @Nullable Integer maxAttempts,
      @Nullable Duration timeout) {
    JobNames.name(v, "name", name);
    JobNames.name(v, "queue", queue);
    JobNames.type(v, "type", type);
    v.required("cron", cron);
    if (cron != null) {
      try {
        CronExpressions.validate("cron", cron);
      } catch (ValidationException e) {
        v.check(false, "cron", e.errors().get(0).message());
      }
    }
    v.json("payload", payload, JobSpec.MAX_PAYLOAD_LENGTH);
    if (priority != null) {
      v.range("priority", priority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    }
    if (maxAttempts != null) {
      v.range("maxAttempts", maxAttempts, 1, JobSpec.MAX_ATTEMPTS);
    }
    v.duration("timeout", timeout, JobSpec.MIN_TIMEOUT, JobSpec.MAX_TIMEOUT);
  }
}
