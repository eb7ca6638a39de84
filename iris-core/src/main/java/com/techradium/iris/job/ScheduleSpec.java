package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import com.techradium.iris.core.internal.IrisJson;
import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What to create as a recurring job: at every fire time of {@code cron} (five-field UNIX syntax,
 * see {@link CronExpressions}) in {@code zone}, enqueue one job of {@code type} on {@code queue}.
 *
 * @param name identifies the schedule within its tenant
 * @param priority priority of each job, or null for the queue's default
 * @param maxAttempts attempts of each job, or null for the queue's default
 * @param timeout timeout of each job, or null for the facade's default
 * @param cron a five-field UNIX cron expression
 * @param zone the time zone the expression is read in
 * @param queue the queue each job is enqueued on
 * @param type the handler type of each job
 * @param payload the JSON payload of each job
 */
public record ScheduleSpec(
    String name,
    String cron,
    ZoneId zone,
    String queue,
    String type,
    String payload,
    @Nullable Integer priority,
    @Nullable Integer maxAttempts,
    @Nullable Duration timeout) {

  /**
   * Creates a {@code ScheduleSpec}, checking its components.
   *
   * @param name identifies the schedule within its tenant
   * @param cron a five-field UNIX cron expression
   * @param zone the time zone the expression is read in
   * @param queue the queue each job is enqueued on
   * @param type the handler type of each job
   * @param payload the JSON payload of each job
   * @param priority priority of each job, or null for the queue's default
   * @param maxAttempts attempts of each job, or null for the queue's default
   * @param timeout timeout of each job, or null for the facade's default
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public ScheduleSpec {
    Validation v = Validation.of();
    v.required("zone", zone);
    ScheduleFields.check(v, name, cron, queue, type, payload, priority, maxAttempts, timeout);
    v.throwIfInvalid();
  }

  /**
   * A schedule with payload {@code {}} and the queue's defaults.
   *
   * @param name the schedule's name
   * @param cron the cron expression
   * @param zone the time zone
   * @param queue the queue
   * @param type the handler type
   * @return the schedule
   */
  public static ScheduleSpec of(String name, String cron, ZoneId zone, String queue, String type) {
    return new ScheduleSpec(name, cron, zone, queue, type, "{}", null, null, null);
  }

  /**
   * The same schedule with another payload.
   *
   * @param payload the JSON payload
   * @return a copy with that payload
   */
  public ScheduleSpec withPayload(String payload) {
    return new ScheduleSpec(name, cron, zone, queue, type, payload, priority, maxAttempts, timeout);
  }

  /**
   * The same schedule with a fixed priority for its jobs.
   *
   * @param priority the priority, 0 to 10
   * @return a copy with that priority
   */
  public ScheduleSpec withPriority(int priority) {
    return new ScheduleSpec(name, cron, zone, queue, type, payload, priority, maxAttempts, timeout);
  }

  /** Whether {@code schedule} has this definition (ignoring its fire times). */
  boolean sameDefinitionAs(CronSchedule schedule) {
    return schedule.name().equals(name)
        && schedule.cron().equals(cron)
        && schedule.zone().equals(zone)
        && schedule.queue().equals(queue)
        && schedule.type().equals(type)
        && IrisJson.parse("payload", schedule.payload()).equals(IrisJson.parse("payload", payload))
        && java.util.Objects.equals(schedule.priority(), priority)
        && java.util.Objects.equals(schedule.maxAttempts(), maxAttempts)
        && java.util.Objects.equals(schedule.timeout(), timeout);
  }
}
