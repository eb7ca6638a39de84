package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_CLAIM_FLOORS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_QUEUES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_SCHEDULES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_TENANT_FLOORS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_TENANT_SHARES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_TENANT_STOPS;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.QueueConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The statements of queue configurations and cron schedules, for {@link JdbcJobStore}. */
final class JobConfigSql {
  private JobConfigSql() {}

  static boolean createQueue(DSLContext dsl, QueueConfig config) {
    return dsl.insertInto(IRIS_JOB_QUEUES)
            .set(JobRows.queue(config))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  static void saveQueue(DSLContext dsl, QueueConfig config) {
    dsl.insertInto(IRIS_JOB_QUEUES)
        .set(JobRows.queue(config))
        .onConflict(IRIS_JOB_QUEUES.NAME)
        .doUpdate()
        .set(JobRows.queue(config))
        .execute();
  }

  static Optional<QueueConfig> getQueue(DSLContext dsl, String name) {
    return dsl.selectFrom(IRIS_JOB_QUEUES)
        .where(IRIS_JOB_QUEUES.NAME.eq(name))
        .fetchOptional()
        .map(JobRows::queue);
  }

  static List<QueueConfig> listQueues(DSLContext dsl) {
    return dsl.selectFrom(IRIS_JOB_QUEUES).orderBy(IRIS_JOB_QUEUES.NAME).fetch(JobRows::queue);
  }

  /**
   * Deletes the queue's configuration, its claims' scheduling state (tenants' shares, stopped jobs
   * not yet folded in) and its claim floors, in the caller's transaction. It first waits for the
   * queue's claim lock, so no claim of the queue by tenant is half done. Its jobs stay: without a
   * floor row a claim starts at the index's front, which is always correct.
   */
  static boolean deleteQueue(DSLContext dsl, String name) {
    dsl.fetch("select pg_advisory_xact_lock(1769104950, hashtext(?))", name);
    dsl.deleteFrom(IRIS_JOB_TENANT_SHARES).where(IRIS_JOB_TENANT_SHARES.QUEUE.eq(name)).execute();
    dsl.deleteFrom(IRIS_JOB_TENANT_STOPS).where(IRIS_JOB_TENANT_STOPS.QUEUE.eq(name)).execute();
    dsl.deleteFrom(IRIS_JOB_TENANT_FLOORS).where(IRIS_JOB_TENANT_FLOORS.QUEUE.eq(name)).execute();
    dsl.deleteFrom(IRIS_JOB_CLAIM_FLOORS).where(IRIS_JOB_CLAIM_FLOORS.QUEUE.eq(name)).execute();
    return dsl.deleteFrom(IRIS_JOB_QUEUES).where(IRIS_JOB_QUEUES.NAME.eq(name)).execute() == 1;
  }

  static boolean createSchedule(DSLContext dsl, CronSchedule schedule) {
    return dsl.insertInto(IRIS_JOB_SCHEDULES)
            .set(JobRows.schedule(schedule))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  static void saveSchedule(DSLContext dsl, CronSchedule schedule) {
    dsl.insertInto(IRIS_JOB_SCHEDULES)
        .set(JobRows.schedule(schedule))
        .onConflict(IRIS_JOB_SCHEDULES.TENANT_ID, IRIS_JOB_SCHEDULES.NAME)
        .doUpdate()
        .set(JobRows.schedule(schedule))
        .execute();
  }

  static Optional<CronSchedule> getSchedule(DSLContext dsl, TenantId tenant, String name) {
    return dsl.selectFrom(IRIS_JOB_SCHEDULES)
        .where(IRIS_JOB_SCHEDULES.TENANT_ID.eq(tenant.value()), IRIS_JOB_SCHEDULES.NAME.eq(name))
        .fetchOptional()
        .map(JobRows::schedule);
  }

  static List<CronSchedule> listSchedules(DSLContext dsl, TenantId tenant) {
    return dsl.selectFrom(IRIS_JOB_SCHEDULES)
        .where(IRIS_JOB_SCHEDULES.TENANT_ID.eq(tenant.value()))
        .orderBy(IRIS_JOB_SCHEDULES.NAME)
        .fetch(JobRows::schedule);
  }

  static boolean deleteSchedule(DSLContext dsl, TenantId tenant, String name) {
    return dsl.deleteFrom(IRIS_JOB_SCHEDULES)
            .where(
                IRIS_JOB_SCHEDULES.TENANT_ID.eq(tenant.value()), IRIS_JOB_SCHEDULES.NAME.eq(name))
            .execute()
        == 1;
  }

  static List<CronSchedule> dueSchedules(DSLContext dsl, Instant now, int limit) {
    return dsl.selectFrom(IRIS_JOB_SCHEDULES)
        .where(IRIS_JOB_SCHEDULES.NEXT_FIRE_AT.le(now))
        .orderBy(
            IRIS_JOB_SCHEDULES.NEXT_FIRE_AT, IRIS_JOB_SCHEDULES.TENANT_ID, IRIS_JOB_SCHEDULES.NAME)
        .limit(limit)
        .fetch(JobRows::schedule);
  }
}
