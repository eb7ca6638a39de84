-- JobQueue: jobs, their attempt history, dependencies, idempotency keys, queue configuration and
-- cron schedules. Jobs are tenant-owned (tenant_id first in their keys); the claim, lease-expiry
-- and cleanup indexes lead with the queue or lease instead because workers serve every tenant.

CREATE TABLE iris_jobs (
  tenant_id              varchar COLLATE "C" NOT NULL,
  id                     uuid NOT NULL,
  queue                  varchar COLLATE "C" NOT NULL,
  type                   varchar NOT NULL,
  payload                jsonb NOT NULL,
  priority               smallint NOT NULL,
  state                  varchar NOT NULL,
  run_at                 timestamptz NOT NULL,
  -- JobOrdering.rank: run_at in epoch milliseconds minus priority × aging step; claim order.
  rank_ms                bigint NOT NULL,
  attempts               integer NOT NULL,
  max_attempts           integer NOT NULL,
  timeout_ms             bigint NOT NULL,
  backoff_initial_ms     bigint,
  backoff_max_ms         bigint,
  idempotency_key        varchar,
  idempotency_expires_at timestamptz,
  -- The parents as a JSON array of ids, to read a job in one row; iris_job_dependencies indexes them.
  parent_ids             jsonb NOT NULL,
  parent_failure_policy  varchar NOT NULL,
  -- Set once a child names this job, so that finishing a job without children skips the lookup.
  has_children           boolean NOT NULL,
  cancel_requested       boolean NOT NULL,
  lease_owner            varchar,
  lease_token            uuid,
  lease_expires_at       timestamptz,
  last_error             varchar,
  result                 jsonb,
  -- How many attempt-history rows the job has; numbers the next one.
  history_count          integer NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  started_at             timestamptz,
  finished_at            timestamptz,
  CONSTRAINT iris_jobs_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT iris_jobs_state CHECK (state IN
    ('blocked', 'scheduled', 'queued', 'running', 'completed', 'failed', 'dead', 'cancelled')),
  CONSTRAINT iris_jobs_priority CHECK (priority BETWEEN 0 AND 10),
  CONSTRAINT iris_jobs_policy CHECK (parent_failure_policy IN ('fail', 'cancel')),
  CONSTRAINT iris_jobs_lease CHECK ((state = 'running') = (lease_token IS NOT NULL))
);

-- The claim query: due jobs of a queue in rank order. Only claimable rows are in it, so claiming
-- stays O(log n) however many finished jobs the table keeps.
CREATE INDEX iris_jobs_claim ON iris_jobs (queue, rank_ms, id)
  WHERE state IN ('scheduled', 'queued', 'failed');

-- Lease expiry sweep: running jobs by lease end.
CREATE INDEX iris_jobs_leases ON iris_jobs (lease_expires_at, id) WHERE state = 'running';

-- Cleanup: finished jobs of a queue by finish time.
CREATE INDEX iris_jobs_finished ON iris_jobs (queue, finished_at, id)
  WHERE state IN ('completed', 'dead', 'cancelled');

-- Listings of one tenant walk the primary key (tenant_id, id) newest first. No further index on
-- iris_jobs: every state change rewrites each index entry, so each one costs throughput.

-- The job holding each live idempotency key: at most one per tenant and key. A key whose window
-- lapsed is taken over by the next job that names it.
CREATE TABLE iris_job_idempotency (
  tenant_id  varchar COLLATE "C" NOT NULL,
  idem_key   varchar NOT NULL,
  job_id     uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT iris_job_idempotency_pk PRIMARY KEY (tenant_id, idem_key)
);

-- Parent/child edges: a child runs once every parent completed.
CREATE TABLE iris_job_dependencies (
  tenant_id varchar COLLATE "C" NOT NULL,
  parent_id uuid NOT NULL,
  child_id  uuid NOT NULL,
  CONSTRAINT iris_job_dependencies_pk PRIMARY KEY (tenant_id, parent_id, child_id),
  CONSTRAINT iris_job_dependencies_child FOREIGN KEY (tenant_id, child_id)
    REFERENCES iris_jobs (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX iris_job_dependencies_child ON iris_job_dependencies (tenant_id, child_id);

-- Attempt history, one row per ended attempt.
CREATE TABLE iris_job_attempts (
  tenant_id   varchar COLLATE "C" NOT NULL,
  job_id      uuid NOT NULL,
  seq         integer NOT NULL,
  queue       varchar COLLATE "C" NOT NULL,
  attempt_no  integer NOT NULL,
  owner       varchar NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  run_ms      bigint NOT NULL,
  outcome     varchar NOT NULL,
  error       varchar,
  CONSTRAINT iris_job_attempts_pk PRIMARY KEY (tenant_id, job_id, seq),
  CONSTRAINT iris_job_attempts_job FOREIGN KEY (tenant_id, job_id)
    REFERENCES iris_jobs (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT iris_job_attempts_outcome CHECK (outcome IN
    ('succeeded', 'failed', 'rescheduled', 'cancelled', 'lease_expired'))
);

-- Stats over a time window per queue; one tenant's stats walk its primary-key range.
CREATE INDEX iris_job_attempts_queue_time ON iris_job_attempts (queue, finished_at);

-- Queue configuration belongs to the deployment, not to a tenant.
CREATE TABLE iris_job_queues (
  name                 varchar COLLATE "C" NOT NULL,
  concurrency          integer NOT NULL,
  paused               boolean NOT NULL,
  default_priority     smallint NOT NULL,
  default_max_attempts integer NOT NULL,
  retention_ms         bigint NOT NULL,
  CONSTRAINT iris_job_queues_pk PRIMARY KEY (name)
);

-- Cron schedules. An occurrence is enqueued by the one caller whose conditional update moves
-- next_fire_at on from the fire time it saw.
CREATE TABLE iris_job_schedules (
  tenant_id     varchar COLLATE "C" NOT NULL,
  name          varchar COLLATE "C" NOT NULL,
  cron          varchar NOT NULL,
  zone          varchar NOT NULL,
  queue         varchar NOT NULL,
  type          varchar NOT NULL,
  payload       jsonb NOT NULL,
  priority      smallint,
  max_attempts  integer,
  timeout_ms    bigint,
  next_fire_at  timestamptz NOT NULL,
  last_fired_at timestamptz,
  created_at    timestamptz NOT NULL,
  CONSTRAINT iris_job_schedules_pk PRIMARY KEY (tenant_id, name)
);

CREATE INDEX iris_job_schedules_due ON iris_job_schedules (next_fire_at);
