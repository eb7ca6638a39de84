package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobAttemptsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobQueuesRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobSchedulesRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobsRecord;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLease;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/** Converts between the job package's values and the rows of the job tables (V3, V14). */
final class JobRows {
  private JobRows() {}

  static String state(JobState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  static JobState state(String column) {
    return JobState.valueOf(column.toUpperCase(Locale.ROOT));
  }

  static String outcome(AttemptOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  /** Sets the fields a job's life changes (everything but identity and definition). */
  static void setMutable(IrisJobsRecord r, Job job) {
    r.setPayload(JSONB.valueOf(job.payload()));
    r.setPriority((short) job.priority());
    r.setState(state(job.state()));
    r.setRunAt(job.runAt());
    r.setRankMs(job.rank());
    r.setAttempts(job.attempts());
    r.setMaxAttempts(job.maxAttempts());
    r.setIdempotencyKey(job.idempotencyKey());
    r.setIdempotencyExpiresAt(job.idempotencyExpiresAt());
    r.setCancelRequested(job.cancelRequested());
    JobLease lease = job.lease();
    r.setLeaseOwner(lease == null ? null : lease.owner());
    r.setLeaseToken(lease == null ? null : lease.token());
    r.setLeaseExpiresAt(lease == null ? null : lease.expiresAt());
    r.setLastError(job.lastError());
    r.setResult(job.result() == null ? null : JSONB.valueOf(job.result()));
    r.setUpdatedAt(job.updatedAt());
    r.setStartedAt(job.startedAt());
    r.setFinishedAt(job.finishedAt());
  }

  static Job job(IrisJobsRecord r) {
    UUID token = r.getLeaseToken();
    JobLease lease =
        token == null ? null : new JobLease(r.getLeaseOwner(), token, r.getLeaseExpiresAt());
    Long initial = r.getBackoffInitialMs();
    RetryBackoff backoff =
        initial == null
            ? null
            : new RetryBackoff(Duration.ofMillis(initial), Duration.ofMillis(r.getBackoffMaxMs()));
    JSONB result = r.getResult();
    Short percent = r.getProgressPercent();
    JobProgress progress =
        percent == null
            ? null
            : new JobProgress(percent, r.getProgressMessage(), r.getProgressAt());
    return new Job(
        r.getId(),
        TenantId.of(r.getTenantId()),
        r.getQueue(),
        r.getType(),
        r.getPayload().data(),
        r.getPriority(),
        state(r.getState()),
        r.getRunAt(),
        r.getAttempts(),
        r.getMaxAttempts(),
        Duration.ofMillis(r.getTimeoutMs()),
        backoff,
        r.getIdempotencyKey(),
        r.getIdempotencyExpiresAt(),
        parentIds(r.getParentIds()),
        ParentFailurePolicy.valueOf(r.getParentFailurePolicy().toUpperCase(Locale.ROOT)),
        r.getCancelRequested(),
        lease,
        r.getLastError(),
        result == null ? null : result.data(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getStartedAt(),
        r.getFinishedAt(),
        progress);
  }

  /** Reads a record of {@code iris_jobs} from any record holding its columns. */
  static Job job(org.jooq.Record row) {
    return job(row.into(IRIS_JOBS));
  }

  static String parentIdsJson(List<UUID> ids) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < ids.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
    }
    return json.append(']').toString();
  }

  private static List<UUID> parentIds(JSONB json) {
    if (json.data().equals("[]")) {
      return List.of();
    }
    JsonNode array = IrisJson.parse("parent_ids", json.data());
    List<UUID> ids = new ArrayList<>(array.size());
    for (JsonNode id : array) {
      ids.add(UUID.fromString(id.asText()));
    }
    return ids;
  }

  static IrisJobAttemptsRecord attempt(
      Job job, int seq, AttemptOutcome outcome, @Nullable String error, Instant now) {
    JobLease lease = job.lease();
    Instant started = job.startedAt();
    if (lease == null || started == null) {
      throw new IllegalStateException("job " + job.id() + " has no running attempt");
    }
    IrisJobAttemptsRecord a = new IrisJobAttemptsRecord();
    a.setTenantId(job.tenant().value());
    a.setJobId(job.id());
    a.setSeq(seq);
    a.setQueue(job.queue());
    a.setAttemptNo(job.attempts());
    a.setOwner(lease.owner());
    a.setStartedAt(started);
    a.setFinishedAt(now);
    a.setRunMs(Duration.between(started, now).toMillis());
    a.setOutcome(outcome(outcome));
    a.setError(error);
    return a;
  }

  static JobAttempt attempt(IrisJobAttemptsRecord a) {
    return new JobAttempt(
        a.getJobId(),
        a.getAttemptNo(),
        a.getOwner(),
        a.getStartedAt(),
        a.getFinishedAt(),
        AttemptOutcome.valueOf(a.getOutcome().toUpperCase(Locale.ROOT)),
        a.getError());
  }

  static IrisJobQueuesRecord queue(QueueConfig q) {
    IrisJobQueuesRecord r = new IrisJobQueuesRecord();
    r.setName(q.name());
    r.setConcurrency(q.concurrency());
    r.setPaused(q.paused());
    r.setDefaultPriority((short) q.defaultPriority());
    r.setDefaultMaxAttempts(q.defaultMaxAttempts());
    r.setRetentionMs(q.retention().toMillis());
    r.setTenantScheduling(q.schedulesTenants() ? TenantScheduling.write(q) : null);
    return r;
  }

  static QueueConfig queue(IrisJobQueuesRecord r) {
    QueueConfig plain =
        new QueueConfig(
            r.getName(),
            r.getConcurrency(),
            r.getPaused(),
            r.getDefaultPriority(),
            r.getDefaultMaxAttempts(),
            Duration.ofMillis(r.getRetentionMs()));
    String scheduling = r.getTenantScheduling();
    return scheduling == null ? plain : TenantScheduling.read(plain, scheduling);
  }

  static IrisJobSchedulesRecord schedule(CronSchedule s) {
    IrisJobSchedulesRecord r = new IrisJobSchedulesRecord();
    r.setTenantId(s.tenant().value());
    r.setName(s.name());
    r.setCron(s.cron());
    r.setZone(s.zone().getId());
    r.setQueue(s.queue());
    r.setType(s.type());
    r.setPayload(JSONB.valueOf(s.payload()));
    r.setPriority(s.priority() == null ? null : s.priority().shortValue());
    r.setMaxAttempts(s.maxAttempts());
    r.setTimeoutMs(s.timeout() == null ? null : s.timeout().toMillis());
    r.setNextFireAt(s.nextFireAt());
    r.setLastFiredAt(s.lastFiredAt());
    r.setCreatedAt(s.createdAt());
    return r;
  }

  static CronSchedule schedule(IrisJobSchedulesRecord r) {
    Short priority = r.getPriority();
    Long timeout = r.getTimeoutMs();
    return new CronSchedule(
        TenantId.of(r.getTenantId()),
        r.getName(),
        r.getCron(),
        ZoneId.of(r.getZone()),
        r.getQueue(),
        r.getType(),
        r.getPayload().data(),
        priority == null ? null : priority.intValue(),
        r.getMaxAttempts(),
        timeout == null ? null : Duration.ofMillis(timeout),
        r.getNextFireAt(),
        r.getLastFiredAt(),
        r.getCreatedAt());
  }
}
