package com.techradium.iris.jdbc.job;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_JOBS;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcValues;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.TenantClaims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The claim of a queue scheduled by tenant (fair share, per-tenant caps, rates). A fair-share queue
 * without caps or rates is claimed in one call ({@link #claimFair}, migration V21). Any other is
 * decided by {@link TenantClaims} in one transaction of three calls of functions of migration V20,
 * each keeping a generic plan per connection: the state ({@code iris_job_tenant_claim_state}, which
 * first takes the queue's claim lock, waiting, so such claims of one queue run one at a time on
 * every node, and tries its floor lock), the pick of each tenant's best due jobs ({@code
 * iris_job_tenant_pick}, {@code FOR UPDATE SKIP LOCKED}) from the tenant's claim floor ({@code
 * iris_job_tenant_floors}), and the lease of the chosen jobs ({@code iris_job_tenant_lease})
 * together with the saved state and, when the floor lock was free, the raised floors. Jobs it
 * leases are {@code counted} when the queue has a per-tenant cap: when one leaves {@code running},
 * a trigger appends a row to {@code iris_job_tenant_stops}, which the next such claim folds into
 * the running counts.
 */
final class JobTenantSql {
  private JobTenantSql() {}

  private static final String STATE =
      "select * from iris_job_tenant_claim_state(cast(? as text), cast(? as bigint), cast(? as timestamptz))";

  private static final String PICK =
      "select * from iris_job_tenant_pick(cast(? as text), cast(? as text[]), cast(? as int[]),"
          + " cast(? as bigint), cast(? as timestamptz))";

  private static final String FAIR =
      "select "
          + JobColumns.list("")
          + " from iris_job_tenant_claim_fair(cast(? as text), cast(? as bigint),"
          + " cast(? as timestamptz), cast(? as int), cast(? as text[]), cast(? as int[]),"
          + " cast(? as text), cast(? as timestamptz))";

  private static final String LEASE =
      "select * from iris_job_tenant_lease(cast(? as text), cast(? as text[]), cast(? as uuid[]),"
          + " cast(? as bigint[]), cast(? as timestamptz), cast(? as text), cast(? as timestamptz),"
          + " cast(? as text[]), cast(? as float8[]), cast(? as int[]), cast(? as bigint[]),"
          + " cast(? as boolean), cast(? as boolean))";

  /**
   * Whether {@link #claimFair} can claim from {@code config}: fair share without a per-tenant cap
   * or a rate, where each tenant's start tags are fixed for the whole claim and the plan is an
   * order.
   */
  static boolean claimsInOneCall(QueueConfig config) {
    return config.claimOrder() == ClaimOrder.FAIR_SHARE
        && config.maxRunningPerTenant() == null
        && config.rate() == null
        && config.tenantRate() == null;
  }

  /**
   * Claims up to {@code limit} jobs of {@code config}, a queue {@link #claimsInOneCall} accepts, in
   * one call of {@code iris_job_tenant_claim_fair} (migration V21), which plans as {@link
   * TenantClaims#plan} does; atomic on its own, so the caller runs it without a transaction.
   */
  static List<Job> claimFair(
      Connection c, QueueConfig config, ClaimRequest request, int limit, Instant now)
      throws SQLException {
    String[] weightTenants = new String[config.tenantWeights().size()];
    Integer[] weights = new Integer[weightTenants.length];
    int i = 0;
    for (Map.Entry<TenantId, Integer> e : config.tenantWeights().entrySet()) {
      weightTenants[i] = e.getKey().value();
      weights[i++] = e.getValue();
    }
    try (PreparedStatement s = c.prepareStatement(FAIR)) {
      s.setString(1, config.name());
      s.setLong(2, now.toEpochMilli());
      JdbcValues.setInstant(s, 3, now);
      s.setInt(4, limit);
      s.setArray(5, c.createArrayOf("text", weightTenants));
      s.setArray(6, c.createArrayOf("int4", weights));
      s.setString(7, request.owner());
      JdbcValues.setInstant(s, 8, now.plus(request.leaseDuration()));
      try (ResultSet r = s.executeQuery()) {
        return JobColumns.jobs(r);
      }
    }
  }

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
    for (Record r : dsl.fetch(PICK, queue, tenants, counts, rank, DSL.val(now, IRIS_JOBS.RUN_AT))) {
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
    // Running counts serve the per-tenant cap only: without one, jobs start uncounted, and their
    // ends cost no stop row.
    boolean counting = config.maxRunningPerTenant() != null;
    int m = plan.tenants().size() + 1;
    String[] shareTenants = new String[m];
    Double[] virtualTimes = new Double[m];
    Integer[] startedCounts = new Integer[m];
    Long[] tats = new Long[m];
    int k = 0;
    for (Map.Entry<TenantId, TenantClaims.Share> e : plan.tenants().entrySet()) {
      shareTenants[k] = e.getKey().value();
      virtualTimes[k] = e.getValue().virtualTime();
      startedCounts[k] = counting ? started.getOrDefault(e.getKey(), 0) : 0;
      tats[k++] = e.getValue().rateTat();
    }
    shareTenants[k] = "";
    virtualTimes[k] = plan.queue().clock();
    startedCounts[k] = 0;
    tats[k] = plan.queue().rateTat();
    return dsl.resultQuery(
            LEASE,
            queue,
            jobTenants,
            ids,
            ranks,
            DSL.val(now, IRIS_JOBS.RUN_AT),
            request.owner(),
            DSL.val(now.plus(request.leaseDuration()), IRIS_JOBS.RUN_AT),
            shareTenants,
            virtualTimes,
            startedCounts,
            tats,
            advance,
            counting)
        .coerce(IRIS_JOBS.fields())
        .fetch()
        .map(JobRows::job);
  }
}
