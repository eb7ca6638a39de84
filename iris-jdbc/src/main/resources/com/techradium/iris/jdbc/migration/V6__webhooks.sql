-- WebhookDispatcher: endpoints with their sealed signing keys, published events, one delivery per
-- (event, endpoint) and one row per HTTP attempt. Every key leads with tenant_id. See
-- JdbcWebhookStore for the design notes.

CREATE TABLE iris_webhook_endpoints (
  tenant_id             varchar COLLATE "C" NOT NULL,
  id                    uuid NOT NULL,
  url                   varchar NOT NULL,
  description           varchar,
  event_types           jsonb NOT NULL,
  enabled               boolean NOT NULL,
  headers               jsonb NOT NULL,
  rate_limit            integer,
  allowed_cidrs         jsonb NOT NULL,
  fifo                  boolean NOT NULL,
  retry_schedule_ms     jsonb NOT NULL,
  consecutive_failures  integer NOT NULL,
  failing_since         timestamptz,
  disabled_reason       varchar,
  secret_current        bytea NOT NULL,
  secret_previous       bytea,
  secret_previous_until timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CONSTRAINT iris_webhook_endpoints_pk PRIMARY KEY (tenant_id, id)
);

-- Deployment health: failing and disabled endpoints.
CREATE INDEX iris_webhook_endpoints_failing ON iris_webhook_endpoints (enabled, consecutive_failures);

-- The payload is kept as published (varchar, not jsonb), so every attempt signs the same bytes.
CREATE TABLE iris_webhook_events (
  tenant_id   varchar COLLATE "C" NOT NULL,
  id          uuid NOT NULL,
  type        varchar NOT NULL,
  payload     varchar NOT NULL,
  created_at  timestamptz NOT NULL,
  CONSTRAINT iris_webhook_events_pk PRIMARY KEY (tenant_id, id)
);

-- Retention: events past the cut-off, oldest first.
CREATE INDEX iris_webhook_events_created ON iris_webhook_events (created_at);

CREATE TABLE iris_webhook_deliveries (
  tenant_id        varchar COLLATE "C" NOT NULL,
  id               uuid NOT NULL,
  event_id         uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  event_type       varchar NOT NULL,
  status           varchar NOT NULL,
  attempts         integer NOT NULL,
  next_attempt_at  timestamptz,
  last_attempt_at  timestamptz,
  last_status_code integer,
  last_error       varchar,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT iris_webhook_deliveries_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT iris_webhook_deliveries_status CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED'))
);

-- One endpoint's history (newest first by id), its failed deliveries to recover, and FIFO checks.
CREATE INDEX iris_webhook_deliveries_endpoint ON iris_webhook_deliveries (tenant_id, endpoint_id, id);
-- An event's deliveries (retention, pending check).
CREATE INDEX iris_webhook_deliveries_event ON iris_webhook_deliveries (tenant_id, event_id);
-- Deployment health: queue depth and the oldest pending delivery.
CREATE INDEX iris_webhook_deliveries_pending ON iris_webhook_deliveries (created_at)
  WHERE status = 'PENDING';

CREATE TABLE iris_webhook_attempts (
  tenant_id        varchar COLLATE "C" NOT NULL,
  id               uuid NOT NULL,
  delivery_id      uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  number           integer NOT NULL,
  attempted_at     timestamptz NOT NULL,
  status_code      integer,
  latency_millis   bigint NOT NULL,
  error            varchar,
  response_excerpt varchar,
  succeeded        boolean NOT NULL,
  CONSTRAINT iris_webhook_attempts_pk PRIMARY KEY (tenant_id, id)
);

CREATE INDEX iris_webhook_attempts_delivery ON iris_webhook_attempts (tenant_id, delivery_id, number);
-- Endpoint stats over the last hour, day and week.
CREATE INDEX iris_webhook_attempts_endpoint_time ON iris_webhook_attempts (tenant_id, endpoint_id, attempted_at);
