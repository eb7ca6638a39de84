-- JobQueue: the claim of a fair-share queue without caps or rates in one call.
--
-- The claim of a queue scheduled by tenant (V13, V20) is a transaction of three calls under the
-- queue's claim lock: the state, the pick of each tenant's best due jobs, and the lease of the jobs
-- TenantClaims chose, then COMMIT. Against the plain claim's single call, those round trips were
-- most of what the fair claim cost a drain (docs/BENCHMARKS.md, "JobQueue — fair claims by
-- tenant"). For the commonest scheduled queue, fair share with no per-tenant cap and no rate, the
-- plan needs no loop: TenantClaims' start-time fair queueing gives tenant i, whose start tag is
-- S_i = max(virtual_time_i, clock) when the claim begins, the tags S_i, S_i + 1/w_i, S_i + 2/w_i,
-- ... for its jobs in rank order (the clock only ever moves to the smallest tag waiting, so it
-- never passes a tenant's next tag, and max(virtual_time, clock) is the virtual time from the
-- second job on); the plan starts the p_limit jobs with the smallest (tag, rank, id). So does
-- iris_job_tenant_claim_fair, in one statement of its caller's (autocommit) transaction.
--
-- It takes the claim lock and tries the floor lock as iris_job_tenant_claim_state does (without
-- folding stopped jobs: no cap reads the counts) and finds the tenants with due jobs the same way.
-- Of those, only the p_limit with the smallest start tags, and those tied with the last of them,
-- can start a job (each has one ahead of any other's first). A lone due tenant starts its first
-- p_limit jobs, picked and leased in one statement as the plain claim does: no order to compute.
-- With more, it asks each for its share of the p_limit smallest
-- tags as if every tenant had jobs without end, plus one, and picks them (iris_job_tenant_pick,
-- FOR UPDATE SKIP LOCKED from the tenant's floor). The plan over the picked jobs is the plan over
-- all due jobs unless a tenant gave all it was asked for, all of them chosen, while its next tag
-- could still have been chosen (the claim is short of p_limit, or that tag is not above the last
-- chosen): then those tenants are asked for p_limit and picked again, once, after which no tenant
-- can have more to give. The chosen jobs are leased by iris_job_tenant_lease (V20), with the
-- tenants' virtual times S_i + n_i / w_i and the clock at the last chosen tag, uncounted.
--
-- The search for tenants with due jobs becomes a function of its own, which
-- iris_job_tenant_claim_state (recreated) and iris_job_tenant_claim_fair share, and so does the
-- state function's fold of stopped jobs, which now moves the queue's stops_from only when it folded
-- a stop.

-- [jooq ignore start]
-- The stops written since stops_from, folded into the running counts (V20). Called only from a
-- function that sets plan_cache_mode itself: a SET clause of its own would cost a configuration
-- save and restore per call, more than the statement.
CREATE FUNCTION iris_job_tenant_fold_stops(p_queue text) RETURNS void
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  WITH done AS (DELETE FROM iris_job_tenant_stops s
                 WHERE s.queue = p_queue
                   AND s.stopped_xid >= coalesce(
                         (SELECT q.stops_from FROM iris_job_tenant_shares q
                           WHERE q.queue = p_queue AND q.tenant_id = ''), 0)
                RETURNING s.tenant_id),
       n AS (SELECT d.tenant_id, count(*) AS c FROM done d GROUP BY d.tenant_id),
       bound AS (UPDATE iris_job_tenant_shares q
                    SET stops_from = txid_snapshot_xmin(txid_current_snapshot())
                  WHERE q.queue = p_queue AND q.tenant_id = '' AND EXISTS (SELECT 1 FROM n))
  UPDATE iris_job_tenant_shares sh SET running = greatest(0, sh.running - n.c)
    FROM n WHERE sh.queue = p_queue AND sh.tenant_id = n.tenant_id;
END
$$;

-- The tenants with a job due by (p_rank, p_now), found as V20 finds them: a skip from tenant to
-- tenant backwards through the claimable entries, then one ordered probe per tenant from its floor.
-- A STABLE SQL function, so PostgreSQL inlines it into the calling statement: it runs in that
-- statement's plan and snapshot (taken once the caller holds its locks), with no call of its own.
CREATE FUNCTION iris_job_tenant_due(p_queue text, p_rank bigint, p_now timestamptz)
  RETURNS TABLE (tenant_id varchar)
  LANGUAGE sql STABLE AS $$
  WITH RECURSIVE t(tid) AS (
    (SELECT j.tenant_id FROM iris_jobs j
      WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
      ORDER BY j.tenant_id DESC, j.rank_ms DESC, j.id DESC LIMIT 1)
    UNION ALL
    SELECT (SELECT j.tenant_id FROM iris_jobs j
             WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
               AND j.tenant_id < t.tid
             ORDER BY j.tenant_id DESC, j.rank_ms DESC, j.id DESC LIMIT 1)
      FROM t WHERE t.tid IS NOT NULL)
  SELECT t.tid FROM t
    LEFT JOIN iris_job_tenant_floors f ON f.queue = p_queue AND f.tenant_id = t.tid
   CROSS JOIN LATERAL (
     SELECT 1 FROM iris_jobs j
      WHERE j.queue = p_queue AND j.tenant_id = t.tid
        AND j.state IN ('scheduled', 'queued', 'failed')
        AND (j.rank_ms, j.id) >= (coalesce(f.floor_rank, -9223372036854775808),
                                  coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid))
        AND j.rank_ms <= p_rank AND j.run_at <= p_now
      ORDER BY j.rank_ms, j.id LIMIT 1) x
   WHERE t.tid IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION iris_job_tenant_claim_state(p_queue text, p_rank bigint, p_now timestamptz)
  RETURNS TABLE (tenant_id varchar, virtual_time double precision, running integer,
                 rate_tat bigint, advance boolean)
  LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  v_advance boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(1769104950, hashtext(p_queue));
  v_advance := pg_try_advisory_xact_lock(1769104949, hashtext(p_queue));
  PERFORM iris_job_tenant_fold_stops(p_queue);
  RETURN QUERY
  SELECT d.tenant_id, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0),
         coalesce(sh.rate_tat, 0), v_advance
    FROM iris_job_tenant_due(p_queue, p_rank, p_now) d
    LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = d.tenant_id
  UNION ALL
  SELECT ''::varchar, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0),
         coalesce(sh.rate_tat, 0), v_advance
    FROM (SELECT 1) one
    LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = '';
END
$$;

CREATE FUNCTION iris_job_tenant_claim_fair(
  p_queue text, p_rank bigint, p_now timestamptz, p_limit int, p_weight_tenants text[],
  p_weights int[], p_owner text, p_lease_expires timestamptz) RETURNS SETOF iris_jobs
  LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  v_advance boolean;
  v_clock double precision;
  v_queue_tat bigint;
  v_tenants text[];
  v_starts double precision[];
  v_weights int[];
  v_tats bigint[];
  v_asks int[];
  v_again int[];
  v_ids uuid[];
  v_ranks bigint[];
  v_job_tenants text[];
  v_share_tenants text[];
  v_virtual_times double precision[];
  v_share_tats bigint[];
  v_last_tag double precision;
  v_floor_rank bigint;
  v_floor_id uuid;
BEGIN
  PERFORM pg_advisory_xact_lock(1769104950, hashtext(p_queue));
  v_advance := pg_try_advisory_xact_lock(1769104949, hashtext(p_queue));
  -- No fold of stopped jobs: only a cap reads the running counts, and the stops of jobs counted
  -- under an earlier cap wait, correct, for the next claim that has one.

  SELECT coalesce(sh.virtual_time, 0), coalesce(sh.rate_tat, 0) INTO v_clock, v_queue_tat
    FROM (SELECT 1) one
    LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = '';

  -- The due tenants with the p_limit smallest start tags and those tied with the last of them,
  -- in that order.
  SELECT array_agg(d.tid ORDER BY d.start, d.tid), array_agg(d.start ORDER BY d.start, d.tid),
         array_agg(d.weight ORDER BY d.start, d.tid), array_agg(d.tat ORDER BY d.start, d.tid)
    INTO v_tenants, v_starts, v_weights, v_tats
    FROM (SELECT e.*, rank() OVER (ORDER BY e.start) AS place
            FROM (SELECT due.tenant_id AS tid,
                         greatest(coalesce(sh.virtual_time, 0), v_clock) AS start,
                         coalesce(w.weight, 1) AS weight, coalesce(sh.rate_tat, 0) AS tat
                    FROM iris_job_tenant_due(p_queue, p_rank, p_now) due
                    LEFT JOIN iris_job_tenant_shares sh
                           ON sh.queue = p_queue AND sh.tenant_id = due.tenant_id
                    LEFT JOIN unnest(p_weight_tenants, p_weights) AS w(tid, weight)
                           ON w.tid = due.tenant_id) e) d
   WHERE d.place <= p_limit;
  IF v_tenants IS NULL THEN
    RETURN;
  END IF;

  IF cardinality(v_tenants) = 1 THEN
    -- One tenant: its first p_limit due jobs, picked and leased in one statement as the plain claim
    -- does (V11, V13), from the tenant's floor (read first, so the scan's bound is a parameter):
    -- the floor rises to the first claimable job the statement's snapshot shows that it does not
    -- take (the jobs it takes are still claimable there), or past its last.
    SELECT coalesce(f.floor_rank, -9223372036854775808),
           coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid)
      INTO v_floor_rank, v_floor_id
      FROM (SELECT 1) one
      LEFT JOIN iris_job_tenant_floors f ON f.queue = p_queue AND f.tenant_id = v_tenants[1];
    RETURN QUERY
    WITH ch AS MATERIALIZED (
      SELECT j.tenant_id AS tid, j.id, j.rank_ms FROM iris_jobs j
       WHERE j.queue = p_queue AND j.tenant_id = v_tenants[1]
         AND j.state IN ('scheduled', 'queued', 'failed')
         AND (j.rank_ms, j.id) >= (v_floor_rank, v_floor_id)
         AND j.rank_ms <= p_rank AND j.run_at <= p_now
       ORDER BY j.rank_ms, j.id LIMIT p_limit FOR UPDATE SKIP LOCKED),
    upd AS (
      UPDATE iris_jobs j SET state = 'running', attempts = j.attempts + 1, started_at = p_now,
             updated_at = p_now, lease_owner = p_owner, lease_token = gen_random_uuid(),
             lease_expires_at = p_lease_expires, counted = false
       WHERE (j.tenant_id, j.id) IN (SELECT ch.tid, ch.id FROM ch)
       RETURNING j.*),
    taken AS (SELECT count(*) AS n FROM ch),
    sh AS (
      INSERT INTO iris_job_tenant_shares AS cur (queue, tenant_id, virtual_time, running, rate_tat)
      SELECT p_queue, x.tid, x.vt, 0, x.tat
        FROM taken t
       CROSS JOIN LATERAL (VALUES
         (v_tenants[1], v_starts[1] + t.n::double precision / v_weights[1], v_tats[1]),
         ('', v_starts[1] + (t.n - 1)::double precision / v_weights[1], v_queue_tat))
         AS x(tid, vt, tat)
       WHERE t.n > 0
      ON CONFLICT (queue, tenant_id) DO UPDATE SET virtual_time = excluded.virtual_time,
         rate_tat = excluded.rate_tat),
    adv AS (
      INSERT INTO iris_job_tenant_floors (queue, tenant_id, floor_rank, floor_id)
      SELECT p_queue, v_tenants[1], x.rank_ms, x.id
        FROM ((SELECT j.rank_ms, j.id FROM iris_jobs j
                WHERE j.queue = p_queue AND j.tenant_id = v_tenants[1]
                  AND j.state IN ('scheduled', 'queued', 'failed')
                  AND (j.rank_ms, j.id) >= (v_floor_rank, v_floor_id)
                  AND NOT EXISTS (SELECT 1 FROM ch WHERE ch.id = j.id)
                ORDER BY j.rank_ms, j.id LIMIT 1)
              UNION ALL
              (SELECT ch.rank_ms, ch.id FROM ch ORDER BY ch.rank_ms DESC, ch.id DESC LIMIT 1)
              LIMIT 1) x
       WHERE v_advance
      ON CONFLICT (queue, tenant_id) DO UPDATE
        SET floor_rank = excluded.floor_rank, floor_id = excluded.floor_id)
    SELECT * FROM upd;
    RETURN;
  END IF;

  -- Each tenant's share of the p_limit smallest tags of endless tenants, plus one.
  SELECT array_agg(least(p_limit, coalesce(s.n, 0) + 1) ORDER BY u.i) INTO v_asks
    FROM generate_subscripts(v_tenants, 1) AS u(i)
    LEFT JOIN (SELECT x.i, count(*) AS n
                 FROM (SELECT u2.i FROM generate_subscripts(v_tenants, 1) AS u2(i),
                              generate_series(0, p_limit - 1) AS k
                        ORDER BY v_starts[u2.i] + k::double precision / v_weights[u2.i], u2.i
                        LIMIT p_limit) x
                GROUP BY x.i) s ON s.i = u.i;

  FOR v_round IN 1..2 LOOP
    -- Pick (iris_job_tenant_pick, V20), order, and find the tenants whose next job could still
    -- have been chosen.
    WITH pick AS (
      SELECT x.i, x.id, x.rank_ms,
             v_starts[x.i] + (row_number() OVER (PARTITION BY x.i ORDER BY x.rank_ms, x.id) - 1)
                             ::double precision / v_weights[x.i] AS tag
        FROM (SELECT array_position(v_tenants, p.tenant_id::text) AS i, p.id, p.rank_ms
                FROM iris_job_tenant_pick(p_queue, v_tenants, v_asks, p_rank, p_now) p) x),
    chosen AS (
      SELECT p.*, row_number() OVER (ORDER BY p.tag, p.rank_ms, p.id) AS place
        FROM pick p ORDER BY p.tag, p.rank_ms, p.id LIMIT p_limit),
    last AS (
      SELECT count(*) AS n, max(ch.tag) AS tag FROM chosen ch),
    per AS (
      SELECT u.i, count(p.id) AS picked, count(ch.id) AS taken
        FROM generate_subscripts(v_tenants, 1) AS u(i)
        LEFT JOIN pick p ON p.i = u.i
        LEFT JOIN chosen ch ON ch.id = p.id
       GROUP BY u.i)
    SELECT (SELECT array_agg(ch.id ORDER BY ch.place) FROM chosen ch),
           (SELECT array_agg(ch.rank_ms ORDER BY ch.place) FROM chosen ch),
           (SELECT array_agg(v_tenants[ch.i] ORDER BY ch.place) FROM chosen ch),
           (SELECT array_agg(v_tenants[pr.i] ORDER BY pr.i) FROM per pr WHERE pr.taken > 0),
           (SELECT array_agg(v_starts[pr.i] + pr.taken::double precision / v_weights[pr.i]
                             ORDER BY pr.i)
              FROM per pr WHERE pr.taken > 0),
           (SELECT array_agg(v_tats[pr.i] ORDER BY pr.i) FROM per pr WHERE pr.taken > 0),
           (SELECT l.tag FROM last l),
           (SELECT array_agg(pr.i ORDER BY pr.i)
              FROM per pr, last l
             WHERE pr.picked = v_asks[pr.i] AND pr.taken = pr.picked AND v_asks[pr.i] < p_limit
               AND (l.n < p_limit
                    OR v_starts[pr.i] + pr.picked::double precision / v_weights[pr.i] <= l.tag))
      INTO v_ids, v_ranks, v_job_tenants, v_share_tenants, v_virtual_times, v_share_tats,
           v_last_tag, v_again;
    EXIT WHEN v_again IS NULL;
    SELECT array_agg(CASE WHEN u.i = ANY (v_again) THEN p_limit ELSE v_asks[u.i] END ORDER BY u.i)
      INTO v_asks
      FROM generate_subscripts(v_tenants, 1) AS u(i);
  END LOOP;
  IF v_ids IS NULL THEN
    RETURN;
  END IF;

  RETURN QUERY
  SELECT * FROM iris_job_tenant_lease(
    p_queue, v_job_tenants, v_ids, v_ranks, p_now, p_owner, p_lease_expires,
    v_share_tenants || ''::text, v_virtual_times || v_last_tag,
    array_fill(0, ARRAY[cardinality(v_share_tenants) + 1]), v_share_tats || v_queue_tat,
    v_advance, false);
END
$$;
-- [jooq ignore stop]
