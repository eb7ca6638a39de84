package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
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
 * @param tenant the tenant that owns the schedule and its jobs
 * @param name identifies the schedule within its tenant
 * @param queue the queue each job is enqueued on
 * @param type the handler type of each job
 * @param payload the JSON payload of each job
 * @param createdAt when the schedule was created
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

  /**
   * Creates a {@code CronSchedule}, checking its components.
   *
   * @param tenant the tenant that owns the schedule and its jobs
   * @param name identifies the schedule within its tenant
   * @param cron a five-field UNIX cron expression (see {@link CronExpressions})
   * @param zone the time zone the expression is read in
   * @param queue the queue each job is enqueued on
   * @param type the handler type of each job
   * @param payload the JSON payload of each job
   * @param priority priority of each job, or null for the queue's default
   * @param maxAttempts attempts of each job, or null for the queue's default
   * @param timeout timeout of each job, or null for the facade's default
   * @param nextFireAt the next occurrence not yet enqueued
   * @param lastFiredAt the latest occurrence enqueued, or null
   * @param createdAt when the schedule was created
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public CronSchedule {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(nextFireAt, "nextFireAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Validation v = Validation.of();
    ScheduleFields.check(v, name, cron, queue, type, payload, priority, maxAttempts, timeout);
    v.throwIfInvalid();
  }

  /**
   * The same schedule with its next occurrence moved on after firing at {@code firedAt}.
   *
   * @param firedAt the occurrence just enqueued
   * @param next the occurrence after it
   * @return a copy with {@code lastFiredAt} and {@code nextFireAt} moved on
   */
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
