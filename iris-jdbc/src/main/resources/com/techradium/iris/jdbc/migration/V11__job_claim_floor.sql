-- JobQueue: the claim starts from a per-queue floor instead of the front of iris_jobs_claim.
--
-- A claimed job leaves the partial claim index, but its entry stays there, dead, until VACUUM
-- removes it; the claim index is ordered by rank, so every claimed job's entry sits in front of
-- the jobs still waiting. A claim that scans from the front reads all of them (a drain of a large
-- backlog slows down with every batch it claims, until autovacuum comes by). The claim therefore
-- starts at the floor (floor_rank, floor_id), a lower bound on the claim order (rank_ms, id) of
-- every job of the queue that can still be claimed, and descends the index straight to it.
--
-- The bound is kept true by both sides:
-- * a claim raises the floor, in the claim's own statement, to the first claimable job (as of its
--   snapshot) that it did not take, and only while it holds the queue's advisory lock exclusively
--   (taken with pg_try_advisory_xact_lock before that statement, never waiting: when the lock is
--   busy the claim leaves the floor where it is);
-- * every write that makes a job claimable (insert, retry, release, lease expiry, update, a parent
--   releasing its child) holds the same advisory lock shared until it commits and lowers the floor
--   to the job if the job comes first. A claim therefore never raises the floor past a job whose
--   transaction is still open, and a write never misses a raise committed before it looked.
-- A queue without a row has no floor: its claims start at the front.

CREATE TABLE iris_job_claim_floors (
  queue      varchar COLLATE "C" NOT NULL,
  floor_rank bigint NOT NULL,
  floor_id   uuid NOT NULL,
  CONSTRAINT iris_job_claim_floors_pk PRIMARY KEY (queue)
);

-- [jooq ignore start]
-- Inserted jobs: one call per statement, one floor update per queue of the batch.
CREATE FUNCTION iris_job_claim_floor_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1769104949, hashtext(q.queue))
    FROM (SELECT DISTINCT queue FROM iris_job_claim_floor_new
          WHERE state IN ('scheduled', 'queued', 'failed') ORDER BY queue) q;
  -- A new statement, hence a snapshot taken once the locks are held: it sees every raise that
  -- committed before.
  UPDATE iris_job_claim_floors f SET floor_rank = m.rank_ms, floor_id = m.id
    FROM (SELECT DISTINCT ON (queue) queue, rank_ms, id FROM iris_job_claim_floor_new
          WHERE state IN ('scheduled', 'queued', 'failed') ORDER BY queue, rank_ms, id) m
   WHERE f.queue = m.queue AND (f.floor_rank, f.floor_id) > (m.rank_ms, m.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER iris_jobs_claim_floor_insert AFTER INSERT ON iris_jobs
  REFERENCING NEW TABLE AS iris_job_claim_floor_new
  FOR EACH STATEMENT EXECUTE FUNCTION iris_job_claim_floor_inserted();

-- Jobs made claimable again, or re-ranked while waiting: rare beside claims and completions, which
-- the WHEN clause filters out without calling the function.
CREATE FUNCTION iris_job_claim_floor_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1769104949, hashtext(NEW.queue));
  UPDATE iris_job_claim_floors SET floor_rank = NEW.rank_ms, floor_id = NEW.id
   WHERE queue = NEW.queue AND (floor_rank, floor_id) > (NEW.rank_ms, NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER iris_jobs_claim_floor_update AFTER UPDATE OF state, rank_ms, queue ON iris_jobs
  FOR EACH ROW WHEN (NEW.state IN ('scheduled', 'queued', 'failed'))
  EXECUTE FUNCTION iris_job_claim_floor_updated();
-- [jooq ignore stop]
