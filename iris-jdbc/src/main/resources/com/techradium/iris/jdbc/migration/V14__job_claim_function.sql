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
