package com.techradium.iris.job;

import com.techradium.iris.core.IrisJson;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A recurring job: at every fire time of {@code cron} in {@code zone}, one job of {@code type} is
 * enqueued on {@code queue} for {@code tenant}. Identified by tenant and name.
 *
 * @param cron a five-field UNIX cron expression (see {@link CronExpressions})
 * @param zone the time zone the expression is read in
 * @param priority priority of each job, or null for the queue's default
 * @param maxAttempts attempts of each job, or null for the queue's default
 * @param timeout timeout of each job, or null for the facade's default
 * @param nextFireAt the next occurrence not yet enqueued
 * @param lastFiredAt the latest occurrence enqueued, or null
 */
public record CronSchedule(
    TenantId tenant,
    String name,
    String cron,
    ZoneId zone,
    String queue,
    String type,
    String payload,
    @Nullable Integer priority,
    @Nullable Integer maxAttempts,
    @Nullable Duration timeout,
    Instant nextFireAt,
    @Nullable Instant lastFiredAt,
    Instant createdAt) {

  public CronSchedule {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(nextFireAt, "nextFireAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Validation v = Validation.of();
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
    v.required("payload", payload);
    if (payload != null) {
      try {
        IrisJson.parse("payload", payload);
      } catch (ValidationException e) {
        v.check(false, "payload", "must be a JSON document");
      }
    }
    if (priority != null) {
      v.range("priority", priority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    }
    if (maxAttempts != null) {
      v.range("maxAttempts", maxAttempts, 1, JobSpec.MAX_ATTEMPTS);
    }
    v.check(
        timeout == null || timeout.toMillis() >= 1, "timeout", "must be at least 1 millisecond");
    v.throwIfInvalid();
  }

  /** The same schedule with its next occurrence moved on after firing at {@code firedAt}. */
  public CronSchedule advanced(Instant firedAt, Instant next) {
    return new CronSchedule(
        tenant,
        name,
        cron,
        zone,
        queue,
        type,
        payload,
        priority,
        maxAttempts,
        timeout,
        next,
        firedAt,
        createdAt);
  }
}
