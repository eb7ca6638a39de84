package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcErrors;
import com.techradium.iris.jdbc.internal.JdbcValues;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.LeaseRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The statements on the hot path, written as SQL for one round trip each: the claim (see {@link
 * JdbcJobStore}), a batch insert that sends one array per column and lets PostgreSQL {@code unnest}
 * them (a few dozen bind values however large the batch, instead of one per cell), and the
 * completion of jobs without children in a single statement that locks them, completes them and
 * appends their attempts.
 */
final class JobBulkSql {
  /**
   * Epoch milliseconds to timestamptz, exactly across the whole range {@code JobSpec} allows (to
   * the year 9999). PostgreSQL multiplies intervals in double precision, so one product of the
   * whole millisecond count loses microseconds far from the epoch (9999-12-31T23:59:59.999 came
   * back as .999008); whole seconds and the millisecond remainder are each exact. A bind ({@code
   * ?}) stands for the store's clock, near enough to the epoch for one product to be exact (below
   * 2^53 microseconds, the year 2255), and is used once.
   */
  private static String ts(String millis) {
    if (millis.equals("?")) {
      return "(timestamptz 'epoch' + ? * interval '1 millisecond')";
    }
    return "(timestamptz 'epoch' + ("
        + millis
        + " / 1000) * interval '1 second' + ("
        + millis
        + " % 1000) * interval '1 millisecond')";
  }

  private static final String INSERT =
      "insert into iris_jobs (tenant_id, id, queue, type, payload, priority, state, run_at,"
          + " rank_ms, attempts, max_attempts, timeout_ms, backoff_initial_ms, backoff_max_ms,"
          + " idempotency_key, idempotency_expires_at, parent_ids, parent_failure_policy,"
          + " has_children, cancel_requested, lease_owner, lease_token, lease_expires_at,"
          + " last_error, result, history_count, created_at, updated_at, started_at, finished_at)"
          + " select ?, u.id, u.queue, u.type, cast(u.payload as jsonb), u.priority, u.state, "
          + ts("u.run_at")
          + ", u.rank_ms, 0, u.max_attempts, u.timeout_ms, u.bi, u.bm, u.ik, "
          + ts("u.ie")
          + ", cast(u.parents as jsonb), u.policy, u.has_children, false, null, null, null,"
          + " u.last_error, null, 0, "
          + ts("?")
          + ", "
          + ts("?")
          + ", null, "
          + ts("u.finished_at")
          + " from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as u(id, queue,"
          + " type, payload, priority, state, run_at, rank_ms, max_attempts, timeout_ms, bi, bm,"
          + " ik, ie, parents, policy, has_children, last_error, finished_at)";

  private static final String COMPLETE =
      "with old as (select tenant_id, id, queue, attempts, lease_owner, started_at, history_count"
          + "  from iris_jobs where tenant_id = ? and id = ? and state = 'running'"
          + "  and lease_token = ? and not has_children for update),"
          + " upd as (update iris_jobs j set state = 'completed', lease_owner = null,"
          + "  lease_token = null, lease_expires_at = null, result = cast(? as jsonb),"
          + "  finished_at = "
          + ts("?")
          + ", updated_at = "
          + ts("?")
          + ", history_count = j.history_count + 1"
          + "  from old where j.tenant_id = old.tenant_id and j.id = old.id returning j.*),"
          + " att as (insert into iris_job_attempts (tenant_id, job_id, seq, queue, attempt_no,"
          + "  owner, started_at, finished_at, run_ms, outcome, error)"
          + "  select tenant_id, id, history_count + 1, queue, attempts, lease_owner, started_at, "
          + ts("?")
          + ", ? - cast(extract(epoch from started_at) * 1000 as bigint), 'succeeded', null"
          + "  from old) select "
          + JobColumns.list("")
          + " from upd";

  private static final String COMPLETE_ALL =
      "with req as (select * from unnest(cast(? as text[]), cast(? as uuid[]), cast(? as uuid[]),"
          + "  cast(? as text[])) as r(tenant_id, id, token, result)),"
          // No "state = 'running'" here: it would let the planner answer the join by reading the
          // partial index of running jobs whole (iris_jobs_leases), dead entries of every job
          // finished since the last vacuum included, instead of probing the primary key. The
          // lease token matches only a running job's current lease; the state is checked below.
          + " old as (select j.tenant_id, j.id, j.queue, j.state, j.attempts, j.lease_owner,"
          + "  j.started_at, j.history_count, req.result from iris_jobs j join req"
          + "  on j.tenant_id = req.tenant_id and j.id = req.id"
          + "  where j.lease_token = req.token and not j.has_children"
          + "  order by j.tenant_id, j.id for update of j),"
          + " upd as (update iris_jobs j set state = 'completed', lease_owner = null,"
          + "  lease_token = null, lease_expires_at = null, result = cast(old.result as jsonb),"
          + "  finished_at = "
          + ts("?")
          + ", updated_at = "
          + ts("?")
          + ", history_count = j.history_count + 1"
          + "  from old where j.tenant_id = old.tenant_id and j.id = old.id"
          + "  and old.state = 'running' returning j.*),"
          + " att as (insert into iris_job_attempts (tenant_id, job_id, seq, queue, attempt_no,"
          + "  owner, started_at, finished_at, run_ms, outcome, error)"
          + "  select tenant_id, id, history_count + 1, queue, attempts, lease_owner, started_at, "
          + ts("?")
          + ", ? - cast(extract(epoch from started_at) * 1000 as bigint), 'succeeded', null"
          + "  from old where old.state = 'running') select "
          + JobColumns.list("")
          + " from upd";

  /**
   * The first key of the advisory locks guarding each queue's claim floor (the second is {@code
   * hashtext(queue)}); the triggers of migration V11 take the same locks shared, the claim function
   * of V13 tries them exclusively.
   */
  static final int FLOOR_LOCK = 1769104949;

  /**
   * The claim: function {@code iris_job_claim} of migration V13, which tries the floor locks of the
   * queues (a claim of one tenant's jobs tries none and leaves the floor alone) and then, in a new
   * statement whose snapshot is therefore taken once those locks are held, picks, leases and raises
   * the floors of the queues it locked. One round trip, run in auto-commit.
   */
  private static final String CLAIM_SQL =
      "select "
          + JobColumns.list("")
          + " from iris_job_claim(cast(? as text[]), cast(? as text), cast(? as bigint),"
          + " cast(? as timestamptz), cast(? as int), cast(? as text), cast(? as timestamptz))";

  /** The same call selecting every column, as {@link #claimQuery} sends it. */
  private static final String CLAIM_QUERY_SQL =
      "select * from iris_job_claim(cast(? as text[]), cast(? as text), cast(? as bigint),"
          + " cast(? as timestamptz), cast(? as int), cast(? as text), cast(? as timestamptz))";

  private JobBulkSql() {}

  /**
   * The insert that also announces due jobs: {@code pg_notify} on {@link JobWrites#CHANNEL} for
   * each queue of {@code wake}, in the same statement (the notifications go out when its
   * transaction commits), so an enqueue costs one round trip, not two.
   */
  private static final String INSERT_AND_NOTIFY =
      "with ins as (" + INSERT + ") select pg_notify(?, q) from unnest(?) as q";

  /**
   * Inserts new jobs of one tenant, all created at {@code now}, in one statement that also queues a
   * notification for each queue of {@code wake} (queues with a due job; may be empty).
   */
  static void insert(
      Connection c,
      TenantId tenant,
      List<Job> jobs,
      Set<UUID> hasChildren,
      Collection<String> wake,
      Instant now)
      throws SQLException {
    int n = jobs.size();
    UUID[] id = new UUID[n];
    String[] queue = new String[n];
    String[] type = new String[n];
    String[] payload = new String[n];
    Short[] priority = new Short[n];
    String[] state = new String[n];
    Long[] runAt = new Long[n];
    Long[] rank = new Long[n];
    Integer[] maxAttempts = new Integer[n];
    Long[] timeout = new Long[n];
    Long[] backoffInitial = new Long[n];
    Long[] backoffMax = new Long[n];
    String[] key = new String[n];
    Long[] keyExpires = new Long[n];
    String[] parents = new String[n];
    String[] policy = new String[n];
    Boolean[] children = new Boolean[n];
    String[] lastError = new String[n];
    Long[] finishedAt = new Long[n];
    for (int i = 0; i < n; i++) {
      Job j = jobs.get(i);
      id[i] = j.id();
      queue[i] = j.queue();
      type[i] = j.type();
      payload[i] = j.payload();
      priority[i] = (short) j.priority();
      state[i] = JobRows.state(j.state());
      runAt[i] = j.runAt().toEpochMilli();
      rank[i] = j.rank();
      maxAttempts[i] = j.maxAttempts();
      timeout[i] = j.timeout().toMillis();
      RetryBackoff backoff = j.backoff();
      backoffInitial[i] = backoff == null ? null : backoff.initial().toMillis();
      backoffMax[i] = backoff == null ? null : backoff.max().toMillis();
      key[i] = j.idempotencyKey();
      keyExpires[i] = millis(j.idempotencyExpiresAt());
      parents[i] = JobRows.parentIdsJson(j.parentIds());
      policy[i] = j.parentFailurePolicy().name().toLowerCase(Locale.ROOT);
      children[i] = hasChildren.contains(j.id());
      lastError[i] = j.lastError();
      finishedAt[i] = millis(j.finishedAt());
    }
    String sql = wake.isEmpty() ? INSERT : INSERT_AND_NOTIFY;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant.value());
      s.setLong(2, now.toEpochMilli());
      s.setLong(3, now.toEpochMilli());
      Object[][] columns = {
        id,
        queue,
        type,
        payload,
        priority,
        state,
        runAt,
        rank,
        maxAttempts,
        timeout,
        backoffInitial,
        backoffMax,
        key,
        keyExpires,
        parents,
        policy,
        children,
        lastError,
        finishedAt
      };
      int at = 4;
      for (Object[] column : columns) {
        s.setArray(at++, c.createArrayOf(arrayType(column), column));
      }
      if (!wake.isEmpty()) {
        s.setString(at++, JobWrites.CHANNEL);
        s.setArray(at, c.createArrayOf("text", wake.toArray(String[]::new)));
      }
      s.execute();
    } catch (SQLException e) {
      if (JdbcErrors.isUniqueViolation(e)) {
        throw new ConflictException("a job id of the batch is already used");
      }
      throw e;
    }
  }

  /** The PostgreSQL element type of an array bound by {@link #insert}. */
  private static String arrayType(Object[] column) {
    Class<?> element = column.getClass().getComponentType();
    if (element == UUID.class) {
      return "uuid";
    } else if (element == Short.class) {
      return "int2";
    } else if (element == Integer.class) {
      return "int4";
    } else if (element == Long.class) {
      return "int8";
    } else if (element == Boolean.class) {
      return "bool";
    }
    return "text";
  }

  private static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /**
   * Completes a running job that has no children, in one statement: empty if the lease is not held
   * or the job has children (the caller then takes the general path).
   */
  static Optional<Job> complete(Connection c, LeaseRef lease, @Nullable String result, Instant now)
      throws SQLException {
    long at = now.toEpochMilli();
    try (PreparedStatement s = c.prepareStatement(COMPLETE)) {
      s.setString(1, lease.tenant().value());
      s.setObject(2, lease.jobId());
      s.setObject(3, lease.token());
      s.setString(4, result);
      for (int i = 5; i <= 8; i++) {
        s.setLong(i, at);
      }
      try (ResultSet r = s.executeQuery()) {
        return JobColumns.jobs(r).stream().findFirst();
      }
    }
  }

  /**
   * Completes running jobs that have no children, all in one statement: locks them (in key order),
   * completes them and appends their attempts. Leases must name distinct jobs. Returns the jobs
   * completed, keyed by id; a lease not held, or a job with children, is left out (the caller takes
   * the general path for it).
   */
  static Map<UUID, Job> completeAll(
      Connection c, List<LeaseRef> leases, List<@Nullable String> results, Instant now)
      throws SQLException {
    int n = leases.size();
    String[] tenant = new String[n];
    UUID[] id = new UUID[n];
    UUID[] token = new UUID[n];
    String[] result = new String[n];
    for (int i = 0; i < n; i++) {
      LeaseRef lease = leases.get(i);
      tenant[i] = lease.tenant().value();
      id[i] = lease.jobId();
      token[i] = lease.token();
      result[i] = results.get(i);
    }
    long at = now.toEpochMilli();
    Map<UUID, Job> done = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(COMPLETE_ALL)) {
      s.setArray(1, c.createArrayOf("text", tenant));
      s.setArray(2, c.createArrayOf("uuid", id));
      s.setArray(3, c.createArrayOf("uuid", token));
      s.setArray(4, c.createArrayOf("text", result));
      for (int i = 5; i <= 8; i++) {
        s.setLong(i, at);
      }
      try (ResultSet r = s.executeQuery()) {
        for (Job job : JobColumns.jobs(r)) {
          done.put(job.id(), job);
        }
      }
    }
    return done;
  }

  /**
   * Claims due jobs; see {@link JdbcJobStore} for how. One statement (the call of the claim
   * function), atomic on its own.
   */
  static List<Job> claim(Connection c, ClaimRequest request, Instant now) throws SQLException {
    TenantId tenant = request.tenant();
    List<Job> claimed;
    try (PreparedStatement s = c.prepareStatement(CLAIM_SQL)) {
      s.setArray(1, c.createArrayOf("text", request.queues().toArray(String[]::new)));
      s.setString(2, tenant == null ? null : tenant.value());
      s.setLong(3, now.toEpochMilli());
      JdbcValues.setInstant(s, 4, now);
      s.setInt(5, request.limit());
      s.setString(6, request.owner());
      JdbcValues.setInstant(s, 7, now.plus(request.leaseDuration()));
      try (ResultSet r = s.executeQuery()) {
        claimed = JobColumns.jobs(r);
      }
    }
    claimed.sort(Comparator.comparingLong(Job::rank).thenComparing(Job::id));
    return List.copyOf(claimed);
  }

  /**
   * The call of the claim function for {@code request} at {@code now} as a jOOQ query, not yet run:
   * for the query plans the tests examine ({@link #claim} runs the same call through plain JDBC).
   */
  static ResultQuery<org.jooq.Record> claimQuery(
      DSLContext dsl, ClaimRequest request, Instant now) {
    TenantId tenant = request.tenant();
    return dsl.resultQuery(
            CLAIM_QUERY_SQL,
            request.queues().toArray(String[]::new),
            DSL.val(tenant == null ? null : tenant.value(), SQLDataType.VARCHAR),
            now.toEpochMilli(),
            instant(now),
            request.limit(),
            request.owner(),
            instant(now.plus(request.leaseDuration())))
        .coerce(IRIS_JOBS.fields());
  }

  private static Field<Instant> instant(Instant value) {
    return DSL.val(value, IRIS_JOBS.RUN_AT);
  }
}
