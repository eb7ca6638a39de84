package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_ATTEMPTS;

import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.spi.JobStatsTally;
import com.techradium.iris.job.spi.StatsQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The three queries behind {@link JdbcJobStore#stats}: state counts, oldest due job, attempts. */
final class JobStatsQuery {
  private JobStatsQuery() {}

  static JobStats stats(DSLContext dsl, StatsQuery query, Instant now, List<String> claimable) {
    Condition jobs = DSL.noCondition();
    Condition attempts =
        IRIS_JOB_ATTEMPTS.FINISHED_AT.ge(query.since()).and(IRIS_JOB_ATTEMPTS.FINISHED_AT.le(now));
    if (query.tenant() != null) {
      jobs = jobs.and(IRIS_JOBS.TENANT_ID.eq(query.tenant().value()));
      attempts = attempts.and(IRIS_JOB_ATTEMPTS.TENANT_ID.eq(query.tenant().value()));
    }
    if (query.queue() != null) {
      jobs = jobs.and(IRIS_JOBS.QUEUE.eq(query.queue()));
      attempts = attempts.and(IRIS_JOB_ATTEMPTS.QUEUE.eq(query.queue()));
    }
    JobStatsTally tally = new JobStatsTally(query, now);
    dsl.select(IRIS_JOBS.STATE, DSL.count())
        .from(IRIS_JOBS)
        .where(jobs)
        .groupBy(IRIS_JOBS.STATE)
        .fetch()
        .forEach(r -> tally.jobs(JobRows.state(r.value1()), r.value2().longValue()));
    tally.due(
        dsl.select(DSL.min(IRIS_JOBS.RUN_AT))
            .from(IRIS_JOBS)
            .where(jobs, IRIS_JOBS.STATE.in(claimable), IRIS_JOBS.RUN_AT.le(now))
            .fetchOne(0, Instant.class));

    // The attempt figures are aggregated here by the rules of JobStatsTally.
    Condition ran = IRIS_JOB_ATTEMPTS.OUTCOME.in(outcomes(JobStatsTally.SAMPLED));
    Field<Integer> succeeded =
        DSL.count()
            .filterWhere(IRIS_JOB_ATTEMPTS.OUTCOME.eq(JobRows.outcome(AttemptOutcome.SUCCEEDED)));
    Field<Integer> failed =
        DSL.count()
            .filterWhere(IRIS_JOB_ATTEMPTS.OUTCOME.in(outcomes(JobStatsTally.COUNTED_AS_FAILED)));
    Field<BigDecimal> average = DSL.avg(IRIS_JOB_ATTEMPTS.RUN_MS).filterWhere(ran);
    Field<Long> p95 =
        DSL.field(
            "percentile_disc(0.95) within group (order by {0}) filter (where {1})",
            SQLDataType.BIGINT, IRIS_JOB_ATTEMPTS.RUN_MS, ran);
    Record4<Integer, Integer, BigDecimal, Long> figures =
        dsl.select(succeeded, failed, average, p95)
            .from(IRIS_JOB_ATTEMPTS)
            .where(attempts)
            .fetchSingle();
    BigDecimal mean = figures.value3();
    Long p95Ms = figures.value4();
    return tally.result(
        figures.value1(),
        figures.value2(),
        mean == null ? null : Duration.ofMillis(mean.longValue()),
        p95Ms == null ? null : Duration.ofMillis(p95Ms));
  }

  private static List<String> outcomes(Set<AttemptOutcome> outcomes) {
    return outcomes.stream().map(JobRows::outcome).sorted().toList();
  }
}
