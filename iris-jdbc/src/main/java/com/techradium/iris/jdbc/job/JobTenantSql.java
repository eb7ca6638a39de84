package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.TenantClaims;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The claim of a queue scheduled by tenant (fair share, per-tenant caps, rates), decided by {@link
 * TenantClaims} in one transaction of three statements: the state (function {@code
 * iris_job_tenant_claim_state} of migration V20, which first takes the queue's claim lock, waiting,
 * so such claims of one queue run one at a time on every node, and tries its floor lock), the pick
 * of each tenant's best due jobs ({@code FOR UPDATE SKIP LOCKED}) from the tenant's claim floor
 * ({@code iris_job_tenant_floors}), and the lease of the chosen jobs together with the saved state
 * and, when the floor lock was free, the raised floors. Jobs it leases are {@code counted}: when
 * one leaves {@code running}, a trigger appends a row to {@code iris_job_tenant_stops}, which the
 * next claim folds into the running counts.
 */
final class JobTenantSql {
  private JobTenantSql() {}

  private static final String STATE =
      "select * from iris_job_tenant_claim_state(cast(? as text), cast(? as bigint), cast(? as timestamptz))";

  /** The claim order's bottom, for a tenant without a floor: its scan starts at the front. */
  private static final String FLOOR =
      "(coalesce(f.floor_rank, -9223372036854775808),"
          + " coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid))";

  /**
   * The tenant's floor row ({@code f}) for each tenant {@code t.tid}, queue the first parameter.
   */
  private static final String TENANT_FLOOR =
      " left join iris_job_tenant_floors f on f.queue = ? and f.tenant_id = t.tid";

  private static final String PICK =
      "select c.tenant_id, c.id, c.rank_ms"
          + " from unnest(cast(? as text[]), cast(? as int[])) as t(tid, n)"
          + TENANT_FLOOR
          + " cross join lateral (select j.tenant_id, j.id, j.rank_ms from iris_jobs j"
          + "  where j.queue = ? and j.tenant_id = t.tid"
          + "   and j.state in ('scheduled', 'queued', 'failed')"
          + "   and (j.rank_ms, j.id) >= "
          + FLOOR
          + "   and j.rank_ms <= ? and j.run_at <= cast(? as timestamptz)"
          + "  order by j.rank_ms, j.id limit t.n for update skip locked) c";

  /**
   * Leases the chosen jobs, saves the scheduling state and, when the claim holds the queue's floor
   * lock (the last parameter), raises the floor of each tenant it took jobs of to the tenant's
   * first claimable job it did not take (as of this statement's snapshot, in which the jobs it
   * takes are still claimable), or else to the last job it took.
   */
  private static final String LEASE =
      "with ch as (select * from unnest(cast(? as text[]), cast(? as uuid[]), cast(? as bigint[]))"
          + "  as c(tid, id, rank_ms)),"
          + " upd as (update iris_jobs j set state = 'running', attempts = j.attempts + 1,"
          + "  started_at = cast(? as timestamptz), updated_at = cast(? as timestamptz),"
          + "  lease_owner = ?, lease_token = gen_random_uuid(),"
          + "  lease_expires_at = cast(? as timestamptz), counted = true"
          + "  where (j.tenant_id, j.id) in (select ch.tid, ch.id from ch)"
          + "  returning j.*),"
          + " sh as (insert into iris_job_tenant_shares"
          + "  (queue, tenant_id, virtual_time, running, rate_tat)"
          + "  select ?, s.tid, s.vt, s.started, s.tat from unnest(cast(? as text[]),"
          + "   cast(? as float8[]), cast(? as int[]), cast(? as bigint[])) as s(tid, vt, started, tat)"
          + "  on conflict (queue, tenant_id) do update set virtual_time = excluded.virtual_time,"
          + "   running = iris_job_tenant_shares.running + excluded.running,"
          + "   rate_tat = excluded.rate_tat),"
          + " adv as (insert into iris_job_tenant_floors (queue, tenant_id, floor_rank, floor_id)"
          + "  select ?, t.tid, n.rank_ms, n.id from (select distinct ch.tid from ch) t"
          + TENANT_FLOOR
          + "  cross join lateral ("
          + "   (select j.rank_ms, j.id from iris_jobs j"
          + "     where j.queue = ? and j.tenant_id = t.tid"
          + "      and j.state in ('scheduled', 'queued', 'failed')"
          + "      and (j.rank_ms, j.id) >= "
          + FLOOR
          + "      and not exists (select 1 from ch where ch.tid = j.tenant_id and ch.id = j.id)"
          + "     order by j.rank_ms, j.id limit 1)"
          + "   union all"
          + "   (select ch.rank_ms, ch.id from ch where ch.tid = t.tid"
          + "     order by ch.rank_ms desc, ch.id desc limit 1)"
          + "   limit 1) n"
          + "  where cast(? as boolean)"
          + "  on conflict (queue, tenant_id) do update"
          + "   set floor_rank = excluded.floor_rank, floor_id = excluded.floor_id)"
          + " select * from upd";

  /**
   * Claims up to {@code limit} jobs of the scheduled queue {@code config}, in the caller's
   * transaction.
   */
  static List<Job> claim(
      DSLContext dsl, QueueConfig config, ClaimRequest request, int limit, Instant now) {
    String queue = config.name();
    long rank = now.toEpochMilli();
    Map<TenantId, TenantClaims.Share> shares = new HashMap<>();
    TenantClaims.QueueShare queueShare = TenantClaims.QueueShare.NEW;
    boolean advance = false;
    for (Record r : dsl.fetch(STATE, queue, rank, DSL.val(now, IRIS_JOBS.RUN_AT))) {
      String tenant = r.get(0, String.class);
      double virtualTime = r.get(1, Double.class);
      int running = r.get(2, Integer.class);
      long tat = r.get(3, Long.class);
      advance = r.get(4, Boolean.class);
      if (tenant.isEmpty()) {
        queueShare = new TenantClaims.QueueShare(virtualTime, tat);
      } else {
        shares.put(TenantId.of(tenant), new TenantClaims.Share(virtualTime, running, tat));
      }
    }
    Map<TenantId, Integer> wanted =
        TenantClaims.fetchLimits(config, queueShare, shares, limit, now);
    if (wanted.isEmpty()) {
      return List.of();
    }
    String[] tenants = new String[wanted.size()];
    Integer[] counts = new Integer[wanted.size()];
    int i = 0;
    for (Map.Entry<TenantId, Integer> e : wanted.entrySet()) {
      tenants[i] = e.getKey().value();
      counts[i++] = e.getValue();
    }
    List<TenantClaims.Candidate> offered = new ArrayList<>();
    for (Record r :
        dsl.fetch(PICK, tenants, counts, queue, queue, rank, DSL.val(now, IRIS_JOBS.RUN_AT))) {
      offered.add(
          new TenantClaims.Candidate(
              TenantId.of(r.get(0, String.class)), r.get(1, UUID.class), r.get(2, Long.class)));
    }
    TenantClaims.Plan plan = TenantClaims.plan(config, queueShare, shares, offered, limit, now);
    if (plan.chosen().isEmpty()) {
      return List.of();
    }
    int n = plan.chosen().size();
    String[] jobTenants = new String[n];
    UUID[] ids = new UUID[n];
    Long[] ranks = new Long[n];
    Map<TenantId, Integer> started = new HashMap<>();
    for (int k = 0; k < n; k++) {
      TenantClaims.Candidate c = plan.chosen().get(k);
      jobTenants[k] = c.tenant().value();
      ids[k] = c.id();
      ranks[k] = c.rank();
      started.merge(c.tenant(), 1, Integer::sum);
    }
    int m = plan.tenants().size() + 1;
    String[] shareTenants = new String[m];
    Double[] virtualTimes = new Double[m];
    Integer[] startedCounts = new Integer[m];
    Long[] tats = new Long[m];
    int k = 0;
    for (Map.Entry<TenantId, TenantClaims.Share> e : plan.tenants().entrySet()) {
      shareTenants[k] = e.getKey().value();
      virtualTimes[k] = e.getValue().virtualTime();
      startedCounts[k] = started.getOrDefault(e.getKey(), 0);
      tats[k++] = e.getValue().rateTat();
    }
    shareTenants[k] = "";
    virtualTimes[k] = plan.queue().clock();
    startedCounts[k] = 0;
    tats[k] = plan.queue().rateTat();
    return dsl.resultQuery(
            LEASE,
            jobTenants,
            ids,
            ranks,
            DSL.val(now, IRIS_JOBS.RUN_AT),
            DSL.val(now, IRIS_JOBS.RUN_AT),
            request.owner(),
            DSL.val(now.plus(request.leaseDuration()), IRIS_JOBS.RUN_AT),
            queue,
            shareTenants,
            virtualTimes,
            startedCounts,
            tats,
            queue,
            queue,
            queue,
            advance)
        .coerce(IRIS_JOBS.fields())
        .fetch()
        .map(JobRows::job);
  }
}
