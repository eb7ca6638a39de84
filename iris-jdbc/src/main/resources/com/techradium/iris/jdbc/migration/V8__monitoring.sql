-- HealthMonitor and IncidentManager: check results, metric points, alert rules, incidents with
-- their timelines, and maintenance windows. Deployment data: a status page describes the service
-- every tenant shares, so these tables carry no tenant_id. See the jdbc.monitor stores.

-- One row per check run. Uptime reads one component's results by time.
CREATE TABLE iris_monitor_results (
  component   varchar COLLATE "C" NOT NULL,
  checked_at  timestamptz NOT NULL,
  id          uuid NOT NULL,
  outcome     varchar NOT NULL,
  status      varchar NOT NULL,
  latency_ms  bigint NOT NULL,
  detail      varchar NOT NULL,
  CONSTRAINT iris_monitor_results_pk PRIMARY KEY (component, checked_at, id)
);
-- Retention deletes the oldest results of every component.
CREATE INDEX iris_monitor_results_time ON iris_monitor_results (checked_at);

-- Metric points, appended in time order, never updated. No key: a point is not addressed alone.
CREATE TABLE iris_monitor_metrics (
  name        varchar COLLATE "C" NOT NULL,
  at          timestamptz NOT NULL,
  tags        jsonb NOT NULL,
  value       double precision NOT NULL
);
-- Queries name one metric and a time range; tags are filtered with @> on the rows found.
CREATE INDEX iris_monitor_metrics_name_time ON iris_monitor_metrics (name, at);
-- [jooq ignore start]
-- Points arrive in time order, so a BRIN index on the time is tiny and serves retention.
CREATE INDEX iris_monitor_metrics_time ON iris_monitor_metrics USING brin (at);
-- [jooq ignore stop]

CREATE TABLE iris_monitor_alert_rules (
  name             varchar COLLATE "C" NOT NULL,
  condition        jsonb NOT NULL,
  for_ms           bigint NOT NULL,
  keep_firing_ms   bigint NOT NULL,
  opens_incident   boolean NOT NULL,
  CONSTRAINT iris_monitor_alert_rules_pk PRIMARY KEY (name)
);

CREATE TABLE iris_monitor_incidents (
  id              uuid NOT NULL,
  title           varchar NOT NULL,
  impact          varchar NOT NULL,
  status          varchar NOT NULL,
  components      jsonb NOT NULL,
  alert_rule      varchar COLLATE "C",
  postmortem_url  varchar,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  resolved_at     timestamptz,
  CONSTRAINT iris_monitor_incidents_pk PRIMARY KEY (id)
);
CREATE INDEX iris_monitor_incidents_created ON iris_monitor_incidents (created_at, id);
CREATE INDEX iris_monitor_incidents_open_rule ON iris_monitor_incidents (alert_rule)
  WHERE status <> 'resolved';

-- The timeline; seq orders an incident's entries from 1.
CREATE TABLE iris_monitor_incident_updates (
  incident_id  uuid NOT NULL,
  seq          integer NOT NULL,
  id           uuid NOT NULL,
  status       varchar NOT NULL,
  message      text NOT NULL,
  at           timestamptz NOT NULL,
  CONSTRAINT iris_monitor_incident_updates_pk PRIMARY KEY (incident_id, seq),
  CONSTRAINT iris_monitor_incident_updates_incident FOREIGN KEY (incident_id)
    REFERENCES iris_monitor_incidents (id) ON DELETE CASCADE
);

CREATE TABLE iris_monitor_maintenance (
  id          uuid NOT NULL,
  title       varchar NOT NULL,
  components  jsonb NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  CONSTRAINT iris_monitor_maintenance_pk PRIMARY KEY (id),
  CONSTRAINT iris_monitor_maintenance_order CHECK (ends_at > starts_at)
);
CREATE INDEX iris_monitor_maintenance_time ON iris_monitor_maintenance (starts_at, ends_at);
