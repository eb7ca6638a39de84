package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.JdbcValues.attached;
import static com.techradium.iris.jdbc.internal.JdbcValues.instant;
import static com.techradium.iris.jdbc.internal.JdbcValues.uuid;

import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobsRecord;
import com.techradium.iris.job.Job;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.JSONB;

/**
 * The columns of {@code iris_jobs} as the plain JDBC statements of the hot path (claim, completion)
 * select or return them (JSON columns as text), and a row of them read back into the generated
 * record, so it maps to a {@link Job} through {@link JobRows} as every other read does.
 */
final class JobColumns {
  private static final String[] COLUMNS = {
    "tenant_id",
    "id",
    "queue",
    "type",
    "payload::text",
    "priority",
    "state",
    "run_at",
    "rank_ms",
    "attempts",
    "max_attempts",
    "timeout_ms",
    "backoff_initial_ms",
    "backoff_max_ms",
    "idempotency_key",
    "idempotency_expires_at",
    "parent_ids::text",
    "parent_failure_policy",
    "has_children",
    "cancel_requested",
    "lease_owner",
    "lease_token",
    "lease_expires_at",
    "last_error",
    "result::text",
    "history_count",
    "created_at",
    "updated_at",
    "started_at",
    "finished_at",
    "counted",
    "progress_percent",
    "progress_message",
    "progress_at"
  };

  private JobColumns() {}

  /** The columns, in {@link #read}'s order, each after {@code prefix} (a table alias). */
  static String list(String prefix) {
    StringBuilder sql = new StringBuilder();
    for (String column : COLUMNS) {
      sql.append(sql.length() == 0 ? "" : ", ").append(prefix).append(column);
    }
    return sql.toString();
  }

  /** Every row of {@code r}, the columns of {@link #list} first, as jobs. */
  static List<Job> jobs(ResultSet r) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    while (r.next()) {
      jobs.add(JobRows.job(read(r)));
    }
    return jobs;
  }

  /** The job in the columns of {@link #list} of the current row. */
  static IrisJobsRecord read(ResultSet r) throws SQLException {
    IrisJobsRecord job = attached(new IrisJobsRecord());
    job.setTenantId(r.getString(1));
    job.setId(uuid(r, 2));
    job.setQueue(r.getString(3));
    job.setType(r.getString(4));
    job.setPayload(JSONB.valueOf(r.getString(5)));
    job.setPriority(r.getShort(6));
    job.setState(r.getString(7));
    job.setRunAt(instant(r, 8));
    job.setRankMs(r.getLong(9));
    job.setAttempts(r.getInt(10));
    job.setMaxAttempts(r.getInt(11));
    job.setTimeoutMs(r.getLong(12));
    job.setBackoffInitialMs(r.getObject(13, Long.class));
    job.setBackoffMaxMs(r.getObject(14, Long.class));
    job.setIdempotencyKey(r.getString(15));
    job.setIdempotencyExpiresAt(instant(r, 16));
    job.setParentIds(JSONB.valueOf(r.getString(17)));
    job.setParentFailurePolicy(r.getString(18));
    job.setHasChildren(r.getBoolean(19));
    job.setCancelRequested(r.getBoolean(20));
    job.setLeaseOwner(r.getString(21));
    job.setLeaseToken(uuid(r, 22));
    job.setLeaseExpiresAt(instant(r, 23));
    job.setLastError(r.getString(24));
    String result = r.getString(25);
    job.setResult(result == null ? null : JSONB.valueOf(result));
    job.setHistoryCount(r.getInt(26));
    job.setCreatedAt(instant(r, 27));
    job.setUpdatedAt(instant(r, 28));
    job.setStartedAt(instant(r, 29));
    job.setFinishedAt(instant(r, 30));
    job.setCounted(r.getBoolean(31));
    short percent = r.getShort(32);
    job.setProgressPercent(r.wasNull() ? null : percent);
    job.setProgressMessage(r.getString(33));
    job.setProgressAt(instant(r, 34));
    return job;
  }
}
