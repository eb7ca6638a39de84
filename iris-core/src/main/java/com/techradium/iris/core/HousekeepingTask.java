package com.techradium.iris.core;

import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A facade's recurring chore (cleanup, retention), declared on its {@link IrisContext}'s {@link
 * Housekeeping} and run by the job queue of that context as a cron schedule owned by the system
 * tenant, in the {@code cleanup} queue.
 *
 * @param name the schedule's name, unique in the context, e.g. {@code "audit-retention"}
 * @param jobType the job type of each run, e.g. {@code "iris.audit.cleanup"}
 * @param cron a five-field cron expression, e.g. {@code "45 3 * * *"}
 * @param zone the time zone of {@code cron}
 * @param work does the chore and returns a small JSON object saying what it did, kept as the job's
 *     result (e.g. {@code {"eventsDeleted":120}})
 */
public record HousekeepingTask(
    String name, String jobType, String cron, ZoneId zone, Supplier<String> work) {
  /**
   * Creates a {@code HousekeepingTask}, checking its components.
   *
   * @param name the schedule's name, unique in the context, e.g. {@code "audit-retention"}
   * @param jobType the job type of each run, e.g. {@code "iris.audit.cleanup"}
   * @param cron a five-field cron expression, e.g. {@code "45 3 * * *"}
   * @param zone the time zone of {@code cron}
   * @param work does the chore and returns a small JSON object saying what it did, kept as the
   *     job's result (e.g. {@code {"eventsDeleted":120}})
   */
  public HousekeepingTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jobType, "jobType");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(work, "work");
  }
}
