-- AuditLog: append-only events in one hash chain per (tenant, category), the head of each chain,
-- signed checkpoints and legal holds. See JdbcAuditStore for the design notes.

-- One row per event. The key (tenant_id, category, seq) is the chain order; seq starts at 1 per
-- chain without gaps. Every column the hash covers is stored as written (JSON in canonical form),
-- so the hash can be recomputed from the row alone.
CREATE TABLE iris_audit_events (
  tenant_id     varchar COLLATE "C" NOT NULL,
  category      varchar NOT NULL,
  seq           bigint NOT NULL,
  id            uuid NOT NULL,
  recorded_at   timestamptz NOT NULL,
  actor_id      varchar COLLATE "C" NOT NULL,
  actor_type    varchar NOT NULL,
  action        varchar COLLATE "C" NOT NULL,
  outcome       varchar NOT NULL,
  severity      varchar NOT NULL,
  target_type   varchar COLLATE "C",
  target_id     varchar COLLATE "C",
  ip_address    varchar COLLATE "C",
  user_agent    varchar,
  request_id    varchar,
  security_kind varchar,
  data_category varchar,
  record_ids    jsonb NOT NULL,
  purpose       varchar,
  metadata      jsonb,
  before_value  jsonb,
  after_value   jsonb,
  previous_hash varchar NOT NULL,
  hash          varchar NOT NULL,
  CONSTRAINT iris_audit_events_pk PRIMARY KEY (tenant_id, category, seq),
  CONSTRAINT iris_audit_events_id_unique UNIQUE (tenant_id, id),
  CONSTRAINT iris_audit_events_category CHECK (category IN ('AUDIT', 'SECURITY', 'DATA_ACCESS', 'ADMIN')),
  CONSTRAINT iris_audit_events_seq_positive CHECK (seq >= 1)
);

-- Listings and exports: one tenant's events by time, newest or oldest first, keyset-paged.
CREATE INDEX iris_audit_events_time ON iris_audit_events (tenant_id, recorded_at, id);
-- Listings of one stream (security events, admin activity...) and the retention cut-off.
CREATE INDEX iris_audit_events_category_time ON iris_audit_events (tenant_id, category, recorded_at, id);
-- One user's activity, and failed logins per account for brute-force detection.
CREATE INDEX iris_audit_events_actor_time ON iris_audit_events (tenant_id, actor_id, recorded_at);
-- Failed logins per source IP for brute-force detection.
CREATE INDEX iris_audit_events_failed_login_ip ON iris_audit_events (tenant_id, ip_address, recorded_at)
  WHERE security_kind = 'FAILED_LOGIN';

-- [jooq ignore start]
-- Append-only: an event row is never updated. Retention deletes whole rows.
CREATE FUNCTION iris_audit_events_reject_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'iris_audit_events is append-only: % of event % refused', TG_OP, OLD.id
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER iris_audit_events_append_only
  BEFORE UPDATE ON iris_audit_events
  FOR EACH ROW EXECUTE FUNCTION iris_audit_events_reject_update();
-- [jooq ignore stop]

-- The last link of each chain. An append locks its chains' rows (inserting them if absent) in the
-- transaction that inserts the events, so concurrent appends from any number of nodes serialise
-- per chain and never fork it.
CREATE TABLE iris_audit_chain_heads (
  tenant_id varchar COLLATE "C" NOT NULL,
  category  varchar NOT NULL,
  seq       bigint NOT NULL,
  hash      varchar NOT NULL,
  CONSTRAINT iris_audit_chain_heads_pk PRIMARY KEY (tenant_id, category)
);

-- Signed statements of a chain's hash at a sequence; verification can start from one.
CREATE TABLE iris_audit_checkpoints (
  tenant_id  varchar COLLATE "C" NOT NULL,
  category   varchar NOT NULL,
  seq        bigint NOT NULL,
  hash       varchar NOT NULL,
  created_at timestamptz NOT NULL,
  algorithm  varchar NOT NULL,
  key_id     varchar NOT NULL,
  signature  varchar NOT NULL,
  CONSTRAINT iris_audit_checkpoints_pk PRIMARY KEY (tenant_id, category, seq)
);

-- Tenants under legal hold: retention deletes none of their events. Placing and releasing a hold
-- is itself recorded as an admin event.
CREATE TABLE iris_audit_legal_holds (
  tenant_id varchar COLLATE "C" NOT NULL,
  CONSTRAINT iris_audit_legal_holds_pk PRIMARY KEY (tenant_id)
);
