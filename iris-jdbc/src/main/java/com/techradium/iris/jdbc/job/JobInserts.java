package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_DEPENDENCIES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOB_IDEMPOTENCY;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.IrisJobs;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisJobDependenciesRecord;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.spi.EnqueueDedupe;
import com.techradium.iris.job.spi.JobInitialStates;
import com.techradium.iris.job.spi.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The enqueue of a batch, run inside one transaction (the store's own or the caller's): reads live
 * idempotency keys and the stored parents first, works out each job's initial state (the rules of
 * {@link EnqueueDedupe} and {@link JobInitialStates}), then writes keys, jobs and dependency edges
 * with multi-row inserts; the insert of the jobs also queues a notification per queue with a due
 * job. A batch without keys and parents is that one statement alone ({@link #isOneStatement}).
 */
final class JobInserts {
  /** Rows per multi-row insert: far below PostgreSQL's 65,535 bind values per statement. */
  private static final int ROWS_PER_STATEMENT = 1000;

  private static final IrisJobs J = IRIS_JOBS;

  private JobInserts() {}

  static List<EnqueueResult> insert(
      DSLContext dsl, TenantId tenant, List<NewJob> input, Instant now) {
    // 1. Idempotency against live keys and within the batch (reads only); a reused id shows as a
    // unique violation when the jobs are written.
    Map<String, Job> holders = liveHolders(dsl, tenant, keysOf(input), now);
    EnqueueDedupe.Deduped deduped = EnqueueDedupe.dedupe(input, holders::get, id -> false);

    // 2. Parents: lock the stored ones (a parent cannot finish while its child is being written,
    // and is marked as having children).
    Map<UUID, JobState> storedParents =
        lockParents(dsl, tenant, JobInitialStates.storedParents(deduped.fresh()));

    // 3. Initial states (unknown parents and cycles are rejected here).
    Map<UUID, Job> created = JobInitialStates.resolve(tenant, deduped.fresh(), storedParents, now);

    // 4. Writes.
    claimKeys(dsl, tenant, created.values(), now);
    Set<UUID> parentsInBatch = new HashSet<>();
    for (Job job : created.values()) {
      parentsInBatch.addAll(job.parentIds());
    }
    List<IrisJobDependenciesRecord> edges = new ArrayList<>();
    Set<String> wake = new LinkedHashSet<>();
    for (Job job : created.values()) {
      for (UUID parent : job.parentIds()) {
        edges.add(new IrisJobDependenciesRecord(tenant.value(), parent, job.id()));
      }
      if (job.state() == JobState.QUEUED) {
        wake.add(job.queue());
      }
    }
    List<Job> jobs = List.copyOf(created.values());
    dsl.connection(c -> JobBulkSql.insert(c, tenant, jobs, parentsInBatch, wake, now));
    for (int from = 0; from < edges.size(); from += ROWS_PER_STATEMENT) {
      List<IrisJobDependenciesRecord> chunk =
          edges.subList(from, Math.min(edges.size(), from + ROWS_PER_STATEMENT));
      dsl.insertInto(IRIS_JOB_DEPENDENCIES)
          .columns(IRIS_JOB_DEPENDENCIES.fields())
          .valuesOfRecords(chunk)
          .execute();
    }
    return deduped.results(input, created);
  }

  /** Inserts one job with no key and no parents, as a cron occurrence. */
  static Job insertPlain(DSLContext dsl, TenantId tenant, NewJob n, Instant now) {
    Job job = Job.create(tenant, n, n.readyState(now), now);
    List<String> wake = job.state() == JobState.QUEUED ? List.of(job.queue()) : List.of();
    dsl.connection(c -> JobBulkSql.insert(c, tenant, List.of(job), Set.of(), wake, now));
    return job;
  }

  /**
   * Whether {@link #insert} writes {@code input} with a single statement (no idempotency key to
   * read or take, no parent to lock or link): the jobs and their notifications then need no
   * transaction of their own.
   */
  static boolean isOneStatement(List<NewJob> input) {
    for (NewJob n : input) {
      if (n.idempotencyKey() != null || !n.parentIds().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> keysOf(List<NewJob> input) {
    Set<String> keys = new LinkedHashSet<>();
    for (NewJob n : input) {
      if (n.idempotencyKey() != null) {
        keys.add(n.idempotencyKey());
      }
    }
    return keys;
  }

  /** The jobs holding each of {@code keys} whose window is still open. */
  private static Map<String, Job> liveHolders(
      DSLContext dsl, TenantId tenant, Set<String> keys, Instant now) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, Job> holders = new HashMap<>();
    dsl.select(IRIS_JOB_IDEMPOTENCY.IDEM_KEY)
        .select(J.fields())
        .from(IRIS_JOB_IDEMPOTENCY)
        .join(J)
        .on(J.TENANT_ID.eq(IRIS_JOB_IDEMPOTENCY.TENANT_ID), J.ID.eq(IRIS_JOB_IDEMPOTENCY.JOB_ID))
        .where(
            IRIS_JOB_IDEMPOTENCY.TENANT_ID.eq(tenant.value()),
            IRIS_JOB_IDEMPOTENCY.IDEM_KEY.in(keys),
            IRIS_JOB_IDEMPOTENCY.EXPIRES_AT.gt(now))
        .fetch()
        .forEach(r -> holders.put(r.get(IRIS_JOB_IDEMPOTENCY.IDEM_KEY), JobRows.job(r)));
    return holders;
  }

  /**
   * Takes each new job's key: inserts it, or takes over a lapsed one. A key taken meanwhile by a
   * concurrent enqueue (committed after step 1 read it free) makes the batch a conflict, unless its
   * holder has the same content, in which case the caller may simply enqueue again.
   */
  private static void claimKeys(DSLContext dsl, TenantId tenant, Iterable<Job> jobs, Instant now) {
    for (Job job : jobs) {
      String key = job.idempotencyKey();
      if (key == null) {
        continue;
      }
      int taken =
          dsl.insertInto(IRIS_JOB_IDEMPOTENCY)
              .set(IRIS_JOB_IDEMPOTENCY.TENANT_ID, tenant.value())
              .set(IRIS_JOB_IDEMPOTENCY.IDEM_KEY, key)
              .set(IRIS_JOB_IDEMPOTENCY.JOB_ID, job.id())
              .set(IRIS_JOB_IDEMPOTENCY.EXPIRES_AT, job.idempotencyExpiresAt())
              .onConflict(IRIS_JOB_IDEMPOTENCY.TENANT_ID, IRIS_JOB_IDEMPOTENCY.IDEM_KEY)
              .doUpdate()
              .set(IRIS_JOB_IDEMPOTENCY.JOB_ID, job.id())
              .set(IRIS_JOB_IDEMPOTENCY.EXPIRES_AT, job.idempotencyExpiresAt())
              .where(IRIS_JOB_IDEMPOTENCY.EXPIRES_AT.le(now))
              .execute();
      if (taken == 0) {
        throw new ConflictException(
            "idempotency key " + key + " was taken by a concurrent enqueue; enqueue again");
      }
    }
  }

  private static Map<UUID, JobState> lockParents(
      DSLContext dsl, TenantId tenant, Set<UUID> wanted) {
    if (wanted.isEmpty()) {
      return Map.of();
    }
    Map<UUID, JobState> states = new HashMap<>();
    for (Record2<UUID, String> r :
        dsl.update(J)
            .set(J.HAS_CHILDREN, true)
            .where(J.TENANT_ID.eq(tenant.value()), J.ID.in(wanted))
            .returningResult(J.ID, J.STATE)
            .fetch()) {
      states.put(r.value1(), JobRows.state(r.value2()));
    }
    return states;
  }
}
