-- JobQueue: the claim in one round trip, and what fair claims by tenant need.
--
-- The claim floor (V11) made a claim a transaction of three round trips: pg_try_advisory_xact_lock,
-- the claim statement, COMMIT. The function below does the same in one call, run in auto-commit.
-- It stays correct for the floor because the function is VOLATILE and the session runs in READ
-- COMMITTED: every statement inside it takes a new snapshot, so the claim statement's snapshot is
-- taken after the try-lock returned, exactly as when the two were separate statements of one
-- transaction. The lock is transaction-scoped and the call is its own transaction (or part of the
-- caller's), so it is held until the claim commits.

-- [jooq ignore start]
CREATE FUNCTION iris_job_claim(
  p_queues text[], p_tenant text, p_rank bigint, p_now timestamptz, p_limit int, p_owner text,
  p_lease_expires timestamptz) RETURNS SETOF iris_jobs LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  -- The queues whose floor this claim may raise: those whose advisory lock it gets without
  -- waiting. A claim of one tenant's jobs raises no floor.
  advance text[] := '{}';
BEGIN
  IF p_tenant IS NULL THEN
    advance := ARRAY(SELECT q.name FROM unnest(p_queues) AS q(name)
                     WHERE pg_try_advisory_xact_lock(1769104949, hashtext(q.name)));
  END IF;
  -- A new statement, hence a new snapshot, taken once the locks above are held.
  -- fl: each queue's floor (the very front for a queue without one). pick: the best due jobs from
  -- the floor on. upd: leases them. adv: for the queues in advance, moves the floor to the first
  -- claimable job, as of this statement's snapshot, that the claim did not take (in its snapshot
  -- the jobs it took are still claimable), or else to the last job it took.
  RETURN QUERY
  WITH fl AS MATERIALIZED (
    SELECT q.name, coalesce(f.floor_rank, -9223372036854775808) AS floor_rank,
           coalesce(f.floor_id, '00000000-0000-0000-0000-000000000000'::uuid) AS floor_id
      FROM unnest(p_queues) AS q(name)
      LEFT JOIN iris_job_claim_floors f ON f.queue = q.name),
  pick AS MATERIALIZED (
    SELECT c.tenant_id, c.id, c.rank_ms, c.queue FROM fl
     CROSS JOIN LATERAL (
       SELECT j.tenant_id, j.id, j.rank_ms, j.queue FROM iris_jobs j
        WHERE j.queue = fl.name AND j.state IN ('scheduled', 'queued', 'failed')
          AND (j.rank_ms, j.id) >= (fl.floor_rank, fl.floor_id)
          AND j.rank_ms <= p_rank AND j.run_at <= p_now
          AND (p_tenant IS NULL OR j.tenant_id = p_tenant)
        ORDER BY j.rank_ms, j.id LIMIT p_limit FOR UPDATE SKIP LOCKED) c
     ORDER BY c.rank_ms, c.id LIMIT p_limit),
  upd AS (
    UPDATE iris_jobs j SET state = 'running', attempts = j.attempts + 1, started_at = p_now,
           updated_at = p_now, lease_owner = p_owner, lease_token = gen_random_uuid(),
           lease_expires_at = p_lease_expires
     WHERE (j.tenant_id, j.id) IN (SELECT p.tenant_id, p.id FROM pick p)
     RETURNING j.*),
  adv AS (
    INSERT INTO iris_job_claim_floors (queue, floor_rank, floor_id)
    SELECT fl.name, n.rank_ms, n.id FROM fl CROSS JOIN LATERAL (
      (SELECT j.rank_ms, j.id FROM iris_jobs j
        WHERE j.queue = fl.name AND j.state IN ('scheduled', 'queued', 'failed')
          AND (j.rank_ms, j.id) >= (fl.floor_rank, fl.floor_id)
          AND NOT EXISTS (SELECT 1 FROM pick p WHERE p.tenant_id = j.tenant_id AND p.id = j.id)
        ORDER BY j.rank_ms, j.id LIMIT 1)
      UNION ALL
      (SELECT p.rank_ms, p.id FROM pick p WHERE p.queue = fl.name
        ORDER BY p.rank_ms DESC, p.id DESC LIMIT 1)
      LIMIT 1) n
     WHERE fl.name = ANY(advance)
    ON CONFLICT (queue) DO UPDATE
      SET floor_rank = excluded.floor_rank, floor_id = excluded.floor_id)
  SELECT * FROM upd;
END
$$;
-- [jooq ignore stop]

-- Claims scheduled by tenant (QueueConfig.schedulesTenants(): fair share, a per-tenant running cap,
-- queue and tenant start rates). The queue's options, as JSON; null for a queue without any.
ALTER TABLE iris_job_queues ADD COLUMN tenant_scheduling varchar;

-- Set by the claim of a scheduled queue: the job counts towards its tenant's running jobs in
-- iris_job_tenant_shares until it leaves 'running' (trigger below).
ALTER TABLE iris_jobs ADD COLUMN counted boolean NOT NULL DEFAULT false;

-- A scheduled queue's claim looks at each tenant's best jobs, and finds the tenants with due jobs
-- by skipping from one tenant to the next.
CREATE INDEX iris_jobs_claim_tenant ON iris_jobs (queue, tenant_id, rank_ms, id)
  WHERE state IN ('scheduled', 'queued', 'failed');

-- The scheduling state of a scheduled queue: one row per tenant that started a job in it (its
-- fair-share virtual time, the jobs of it counted as running, its rate's theoretical arrival time
-- in microseconds) and one row for the queue itself under tenant_id '' (the fair-share clock in
-- virtual_time, the queue rate's theoretical arrival time). Read and written only by claims, under
-- the queue's claim lock (advisory lock (1769104950, hashtext(queue)), taken waiting).
CREATE TABLE iris_job_tenant_shares (
  queue        varchar COLLATE "C" NOT NULL,
  tenant_id    varchar COLLATE "C" NOT NULL,
  virtual_time double precision NOT NULL,
  running      integer NOT NULL,
  rate_tat     bigint NOT NULL,
  CONSTRAINT iris_job_tenant_shares_pk PRIMARY KEY (queue, tenant_id)
);

-- Counted jobs that stopped running, appended by the trigger below and folded into the running
-- counts by the next claim of the queue: a completion appends a row rather than updating a count
-- that other completions and the claim update too (no waiting on one hot row, no lock-order
-- deadlocks between completions of several tenants).
CREATE TABLE iris_job_tenant_stops (
  queue     varchar COLLATE "C" NOT NULL,
  tenant_id varchar COLLATE "C" NOT NULL
);
CREATE INDEX iris_job_tenant_stops_queue ON iris_job_tenant_stops (queue);

-- [jooq ignore start]
CREATE FUNCTION iris_job_counted_stopped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.counted := false;
  INSERT INTO iris_job_tenant_stops (queue, tenant_id) VALUES (OLD.queue, OLD.tenant_id);
  RETURN NEW;
END
$$;

-- Jobs of other queues are filtered out by the WHEN clause without calling the function.
CREATE TRIGGER iris_jobs_counted_stop BEFORE UPDATE OF state ON iris_jobs
  FOR EACH ROW WHEN (OLD.counted AND NEW.state <> 'running')
  EXECUTE FUNCTION iris_job_counted_stopped();

-- The first step of a scheduled queue's claim: takes the queue's claim lock (waiting: claims of a
-- scheduled queue run one at a time, on every node), folds the stops into the running counts, and
-- then, in a new statement (a new snapshot, taken with the lock held, so it sees every claim that
-- committed before), returns the state of every tenant with a due job (skipping through
-- iris_jobs_claim_tenant from one tenant to the next) and the queue's own row (tenant '').
CREATE FUNCTION iris_job_tenant_claim_state(p_queue text, p_rank bigint, p_now timestamptz)
  RETURNS TABLE (tenant_id varchar, virtual_time double precision, running integer,
                 rate_tat bigint)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  PERFORM pg_advisory_xact_lock(1769104950, hashtext(p_queue));
  WITH done AS (DELETE FROM iris_job_tenant_stops s WHERE s.queue = p_queue
                RETURNING s.tenant_id),
       n AS (SELECT d.tenant_id, count(*) AS c FROM done d GROUP BY d.tenant_id)
  UPDATE iris_job_tenant_shares sh SET running = greatest(0, sh.running - n.c)
    FROM n WHERE sh.queue = p_queue AND sh.tenant_id = n.tenant_id;
  RETURN QUERY
  WITH RECURSIVE t(tid) AS (
    (SELECT j.tenant_id FROM iris_jobs j
      WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
        AND j.rank_ms <= p_rank AND j.run_at <= p_now
      ORDER BY j.tenant_id LIMIT 1)
    UNION ALL
    SELECT (SELECT j.tenant_id FROM iris_jobs j
             WHERE j.queue = p_queue AND j.state IN ('scheduled', 'queued', 'failed')
               AND j.tenant_id > t.tid AND j.rank_ms <= p_rank AND j.run_at <= p_now
             ORDER BY j.tenant_id LIMIT 1)
      FROM t WHERE t.tid IS NOT NULL)
  SELECT t.tid, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0), coalesce(sh.rate_tat, 0)
    FROM t LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = t.tid
   WHERE t.tid IS NOT NULL
  UNION ALL
  SELECT ''::varchar, coalesce(sh.virtual_time, 0), coalesce(sh.running, 0),
         coalesce(sh.rate_tat, 0)
    FROM (SELECT 1) one
    LEFT JOIN iris_job_tenant_shares sh ON sh.queue = p_queue AND sh.tenant_id = '';
END
$$;
-- [jooq ignore stop]
