-- JobQueue: the claim of a queue scheduled by tenant starts each tenant's scan at that tenant's
-- claim floor, as the plain claim starts at the queue's (V11); folds the stopped jobs from a lower
-- bound; picks and leases through functions that keep a generic plan; and counts running jobs only
-- for a queue with a per-tenant cap. Each was a cost per job the plain claim does not have
-- (docs/BENCHMARKS.md, "JobQueue — fair claims by tenant").
--
-- The claim of a scheduled queue (V13) locks each tenant's best due jobs through
-- iris_jobs_claim_tenant (queue, tenant_id, rank_ms, id). A claimed job's entry stays there, dead,
-- until VACUUM, in front of the tenant's waiting jobs, so each claim of a tenant with a large
-- backlog read every entry its earlier claims had taken. The floor (floor_rank, floor_id) of a
-- (queue, tenant) is a lower bound on the claim order of every claimable job of that tenant in the
-- queue; a pair without a row has no floor (the scan starts at the tenant's front). It is kept
-- true exactly as V11 keeps the queue's:
-- * a claim raises it, in its lease (iris_job_tenant_lease below), to the first claimable job of the tenant (as of
--   that statement's snapshot) that it did not take, or else to the last job it took, and only
--   while it holds the queue's floor lock (1769104949, hashtext(queue)) exclusively, taken with
--   pg_try_advisory_xact_lock in an earlier statement of its transaction (the state function
--   below), never waiting;
-- * every write that makes a job claimable holds that lock shared until it commits and lowers the
--   floor of the job's tenant (the V11 trigger functions, replaced below) if the job comes first.

-- The stopped jobs (V13) are folded from a lower bound too. Each claim deleted the queue's rows of
-- iris_job_tenant_stops, one per counted job that stopped running, and the deleted rows stay, dead,
-- in the table and its index on queue until VACUUM: the next claim's delete read all of them again
-- (22,000 index entries and 100 heap pages, 5 ms, midway through a 100,000-job drain). A stop now
-- carries the id of the transaction that wrote it (txid_current(), 64 bits, never wrapping), and
-- the queue's row of iris_job_tenant_shares (tenant '') keeps stops_from, a lower bound on the ids
-- of the stops not folded yet: a claim folds the stops from stops_from on, in one statement, and
-- moves stops_from to the xmin of that statement's snapshot. Every stop the statement cannot see
-- comes from a transaction still running then or not yet started, whose id is at least that xmin;
-- every stop it can see, it deletes. A long transaction holds the xmin back, and the claims read
-- the entries deleted since it began, as every claim did before.
ALTER TABLE iris_job_tenant_stops ADD COLUMN stopped_xid bigint NOT NULL DEFAULT 0;
DROP INDEX iris_job_tenant_stops_queue;
CREATE INDEX iris_job_tenant_stops_queue_xid ON iris_job_tenant_stops (queue, stopped_xid);
ALTER TABLE iris_job_tenant_shares ADD COLUMN stops_from bigint NOT NULL DEFAULT 0;

CREATE TABLE iris_job_tenant_floors (
  queue      varchar COLLATE "C" NOT NULL,
  tenant_id  varchar COLLATE "C" NOT NULL,
  floor_rank bigint NOT NULL,
  floor_id   uuid NOT NULL,
  CONSTRAINT iris_job_tenant_floors_pk PRIMARY KEY (queue, tenant_id)
);

-- [jooq ignore start]
-- Inserted jobs: one call per statement, one update per queue and one per (queue, tenant) whose
-- floor the batch's first job comes before; none in the usual case of jobs ranked after the floor.
CREATE OR REPLACE FUNCTION iris_job_claim_floor_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1769104949, hashtext(q.queue))
    FROM (SELECT DISTINCT queue FROM iris_job_claim_floor_new
          WHERE state IN ('scheduled', 'queued', 'failed') ORDER BY queue) q;
  -- A new statement, hence a snapshot taken once the locks are held: it sees every raise that
  -- committed before.
  WITH m AS (
    SELECT DISTINCT ON (queue, tenant_id) queue, tenant_id, rank_ms, id
      FROM iris_job_claim_floor_new
     WHERE state IN ('scheduled', 'queued', 'failed')
     ORDER BY queue, tenant_id, rank_ms, id),
  qf AS (
    UPDATE iris_job_claim_floors f SET floor_rank = q.rank_ms, floor_id = q.id
      FROM (SELECT DISTINCT ON (queue) queue, rank_ms, id FROM m ORDER BY queue, rank_ms, id) q
     WHERE f.queue = q.queue AND (f.floor_rank, f.floor_id) > (q.rank_ms, q.id))
  UPDATE iris_job_tenant_floors f SET floor_rank = m.rank_ms, floor_id = m.id
    FROM m
   WHERE f.queue = m.queue AND f.tenant_id = m.tenant_id
     AND (f.floor_rank, f.floor_id) > (m.rank_ms, m.id);
  RETURN NULL;
END
$$;

-- Jobs made claimable again, or re-ranked while waiting (the trigger of V11 calls it).
CREATE OR REPLACE FUNCTION iris_job_claim_floor_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1769104949, hashtext(NEW.queue));
  WITH qf AS (
    UPDATE iris_job_claim_floors SET floor_rank = NEW.rank_ms, floor_id = NEW.id
     WHERE queue = NEW.queue AND (floor_rank, floor_id) > (NEW.rank_ms, NEW.id))
  UPDATE iris_job_tenant_floors SET floor_rank = NEW.rank_ms, floor_id = NEW.id
   WHERE queue = NEW.queue AND tenant_id = NEW.tenant_id
     AND (floor_rank, floor_id) > (NEW.rank_ms, NEW.id);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION iris_job_counted_stopped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.counted := false;
  INSERT INTO iris_job_tenant_stops (queue, tenant_id, stopped_xid)
    VALUES (OLD.queue, OLD.tenant_id, txid_current());
  RETURN NEW;
END
$$;

-- The first step of a scheduled queue's claim, as in V13, and in addition: it folds the stops from
-- stops_from on (above); it tries the queue's floor lock (never waiting; the claim raises floors
-- only when it got it, and says so in column advance); and it finds the tenants with due jobs in
-- two steps that never read the dead entries of claimed jobs at the front of a tenant's range: it
-- skips from tenant to tenant backwards through the tenants' claimable entries (each step lands
-- on a tenant's last entry in claim order, its latest job, live), and asks of each tenant whether
-- it has a due job from its floor on (jobs due later, at the end of the range, are not walked).
-- A new return column: drop, create, and keep V18's generic plan.
DROP FUNCTION iris_job_tenant_claim_state(text, bigint, timestamptz);

CREATE FUNCTION iris_job_tenant_claim_state(p_queue text, p_rank bigint, p_now timestamptz)
  RETURNS TABLE (tenant_id varchar, virtual_time double precision, running integer,
                 rate_tat bigint, advance boolean)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_advance boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(1769104950, hashtext(p_queue));
  v_advance := pg_try_advisory_xact_lock(1769104949, hashtext(p_queue));
  -- The stops from the queue's stops_from on (0 before its first claim), and the new bound.
  WITH done AS (DELETE FROM iris_job_tenant_stops s
                 WHERE s.queue = p_queue
                   AND s.stopped_xid >= coalesce(
                         (SELECT q.stops_from FROM iris_job_tenant_shares q
                           WHERE q.queue = p_queue AND q.tenant_id = ''), 0)
                RETURNING s.tenant_id),
       n AS (SELECT d.tenant_id, count(*) AS c FROM done d GROUP BY d.tenant_id),
       bound AS (UPDATE iris_job_tenant_shares q
                    SET stops_from = txid_snapshot_xmin(txid_current_snapshot())
                  WHERE q.queue = p_queue AND q.tenant_id = '')
  UPDATE iris_job_tenant_shares sh SET running = greatest(0, sh.running - n.c)
    FROM n WHERE sh.queue = p_queue AND sh.tenant_id = n.tenant_id;
  RETURN QUERY
  WITH RECURSIVE t(tid) AS (
    (SELECT j.tenant_id FROM iris_jobs j
      WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
      ORDER BY j.tenant_id DESC, j.rank_ms DESC, j.id DESC LIMIT 1)
    UNION ALL
    SELECT (SELECT j.tenant_id FROM iris_jobs j
             WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
               AND j.tenant_id < t.tid
             ORDER BY j.tenant_id DESC, j.rank_ms DESC, j.id DESC LIMIT 1)
      FROM t WHERE t.tid IS NOT NULL),
  -- One ordered probe per tenant (a LATERAL ... LIMIT 1, which the planner cannot turn into a
  -- semi-join over the whole queue as it may an EXISTS).
  due AS (
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
     WHERE t.tid IS NOT NULL)
  SELECT d.tid, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0), coalesce(sh.rate_tat, 0),
         v_advance
    FROM due d LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = d.tid
  UNION ALL
  SELECT ''::varchar, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0),
         coalesce(sh.rate_tat, 0), v_advance
    FROM (SELECT 1) one
    LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = '';
END
$$;

ALTER FUNCTION iris_job_tenant_claim_state(text, bigint, timestamptz)
  SET plan_cache_mode = force_generic_plan;

-- The second and third steps, functions for the plan they keep (as V18 does for the first): sent
-- as statements, PostgreSQL planned them again on every claim (0.2 ms and 0.6 ms, more than the
-- pick then ran for), since custom plans for the claim's arrays looked cheaper than a generic one.
-- The shape never depends on the arguments: each tenant's ordered index scan from its floor, and
-- primary-key lookups of the chosen jobs.
--
-- Pick: each tenant's best due jobs (p_counts[i] of tenant p_tenants[i]), from its floor on.
CREATE FUNCTION iris_job_tenant_pick(p_queue text, p_tenants text[], p_counts int[],
                                     p_rank bigint, p_now timestamptz)
  RETURNS TABLE (tenant_id varchar, id uuid, rank_ms bigint)
  LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT c.tenant_id, c.id, c.rank_ms
    FROM unnest(p_tenants, p_counts) AS t(tid, n)
    LEFT JOIN iris_job_tenant_floors f ON f.queue = p_queue AND f.tenant_id = t.tid
   CROSS JOIN LATERAL (
     SELECT j.tenant_id, j.id, j.rank_ms FROM iris_jobs j
      WHERE j.queue = p_queue AND j.tenant_id = t.tid
        AND j.state IN ('scheduled', 'queued', 'failed')
        AND (j.rank_ms, j.id) >= (coalesce(f.floor_rank, -9223372036854775808),
                                  coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid))
        AND j.rank_ms <= p_rank AND j.run_at <= p_now
      ORDER BY j.rank_ms, j.id LIMIT t.n FOR UPDATE SKIP LOCKED) c;
END
$$;

-- Lease: the chosen jobs (p_tenants, p_ids, p_ranks) start, counted when p_counted (the queue has a
-- per-tenant cap, the only rule that needs running counts: without one, a finished job costs no
-- stop row and no trigger call); the scheduling state is saved
-- (p_share_tenants ... p_tats, the queue's own row under tenant ''); and when p_advance (the claim
-- holds the floor lock) the floor of each tenant it took jobs of rises to the tenant's first
-- claimable job it did not take, as of this statement's snapshot (in which the jobs it takes are
-- still claimable), or else to the last job it took.
CREATE FUNCTION iris_job_tenant_lease(
  p_queue text, p_tenants text[], p_ids uuid[], p_ranks bigint[], p_now timestamptz,
  p_owner text, p_lease_expires timestamptz, p_share_tenants text[], p_virtual_times float8[],
  p_started int[], p_tats bigint[], p_advance boolean, p_counted boolean) RETURNS SETOF iris_jobs
  LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  WITH ch AS (SELECT * FROM unnest(p_tenants, p_ids, p_ranks) AS c(tid, id, rank_ms)),
  upd AS (
    UPDATE iris_jobs j SET state = 'running', attempts = j.attempts + 1, started_at = p_now,
           updated_at = p_now, lease_owner = p_owner, lease_token = gen_random_uuid(),
           lease_expires_at = p_lease_expires, counted = p_counted
     WHERE (j.tenant_id, j.id) IN (SELECT ch.tid, ch.id FROM ch)
     RETURNING j.*),
  sh AS (
    INSERT INTO iris_job_tenant_shares AS cur (queue, tenant_id, virtual_time, running, rate_tat)
    SELECT p_queue, s.tid, s.vt, s.started, s.tat
      FROM unnest(p_share_tenants, p_virtual_times, p_started, p_tats) AS s(tid, vt, started, tat)
    ON CONFLICT (queue, tenant_id) DO UPDATE SET virtual_time = excluded.virtual_time,
       running = cur.running + excluded.running, rate_tat = excluded.rate_tat),
  adv AS (
    INSERT INTO iris_job_tenant_floors (queue, tenant_id, floor_rank, floor_id)
    SELECT p_queue, t.tid, n.rank_ms, n.id FROM (SELECT DISTINCT ch.tid FROM ch) t
      LEFT JOIN iris_job_tenant_floors f ON f.queue = p_queue AND f.tenant_id = t.tid
     CROSS JOIN LATERAL (
       (SELECT j.rank_ms, j.id FROM iris_jobs j
         WHERE j.queue = p_queue AND j.tenant_id = t.tid
           AND j.state IN ('scheduled', 'queued', 'failed')
           AND (j.rank_ms, j.id) >= (coalesce(f.floor_rank, -9223372036854775808),
                                     coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid))
           AND NOT EXISTS (SELECT 1 FROM ch WHERE ch.tid = j.tenant_id AND ch.id = j.id)
         ORDER BY j.rank_ms, j.id LIMIT 1)
       UNION ALL
       (SELECT ch.rank_ms, ch.id FROM ch WHERE ch.tid = t.tid
         ORDER BY ch.rank_ms DESC, ch.id DESC LIMIT 1)
       LIMIT 1) n
     WHERE p_advance
    ON CONFLICT (queue, tenant_id) DO UPDATE
      SET floor_rank = excluded.floor_rank, floor_id = excluded.floor_id)
  SELECT * FROM upd;
END
$$;

-- Floors for the jobs already waiting. The table lock waits for every open transaction that wrote
-- jobs (some may have made a job claimable through the trigger functions replaced above) and holds
-- off new ones until this migration commits, so no claimable job is missed.
LOCK TABLE iris_jobs IN SHARE MODE;
INSERT INTO iris_job_tenant_floors (queue, tenant_id, floor_rank, floor_id)
SELECT DISTINCT ON (queue, tenant_id) queue, tenant_id, rank_ms, id FROM iris_jobs
 WHERE state IN ('scheduled', 'queued', 'failed')
 ORDER BY queue, tenant_id, rank_ms, id;
-- [jooq ignore stop]
