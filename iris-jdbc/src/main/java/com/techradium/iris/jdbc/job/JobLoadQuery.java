package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.IrisJobs;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobState;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The query behind {@link JdbcJobStore#load}: waiting and running jobs per queue and tenant, in one
 * grouped statement.
 *
 * <p>The row filter is written so that each arm implies the predicate of one partial index, with
 * the states as literals (not bind values) so that the proof holds in a generic plan too: claimable
 * rows with {@code rank_ms <= now} are those {@code iris_jobs_claim} holds up to rank {@code now}
 * (a job's rank is never after its run-at, so every due job is there), and running rows are those
 * of {@code iris_jobs_leases}. PostgreSQL answers it with a {@code BitmapOr} of the two index scans
 * and reads only the rows they point to: never a finished job.
 */
final class JobLoadQuery {
  private static final IrisJobs J = IRIS_JOBS;
  private static final Field<String> RUNNING = DSL.inline(JobRows.state(JobState.RUNNING));

  private JobLoadQuery() {}

  static List<JobLoad> load(
      DSLContext dsl, @Nullable TenantId tenant, @Nullable String queue, Instant now) {
    return query(dsl, tenant, queue, now)
        .fetch(
            r ->
                new JobLoad(
                    r.value1(), TenantId.of(r.value2()), r.value3(), r.value4(), r.value5(), now));
  }

  /** The statement, for {@link #load} and for tests that EXPLAIN it. */
  static ResultQuery<Record5<String, String, Integer, Integer, Instant>> query(
      DSLContext dsl, @Nullable TenantId tenant, @Nullable String queue, Instant now) {
    Condition waiting =
        J.STATE
            .in(
                DSL.inline(JobRows.state(JobState.SCHEDULED)),
                DSL.inline(JobRows.state(JobState.QUEUED)),
                DSL.inline(JobRows.state(JobState.FAILED)))
            .and(J.RANK_MS.le(now.toEpochMilli()))
            .and(J.RUN_AT.le(now));
    Condition where = waiting.or(J.STATE.eq(RUNNING));
    if (queue != null) {
      where = where.and(J.QUEUE.eq(queue));
    }
    if (tenant != null) {
      where = where.and(J.TENANT_ID.eq(tenant.value()));
    }
    Condition isWaiting = J.STATE.ne(RUNNING);
    return dsl.select(
            J.QUEUE,
            J.TENANT_ID,
            DSL.count().filterWhere(isWaiting),
            DSL.count().filterWhere(J.STATE.eq(RUNNING)),
            DSL.min(J.RUN_AT).filterWhere(isWaiting))
        .from(J)
        .where(where)
        .groupBy(J.QUEUE, J.TENANT_ID)
        .orderBy(J.QUEUE, J.TENANT_ID);
  }
}
