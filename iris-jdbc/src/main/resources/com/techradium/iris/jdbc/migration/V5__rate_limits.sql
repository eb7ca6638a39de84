-- RateLimiter: rules, quotas and their usage per period, exemptions, aggregated violations.
-- Hot counters are not here: they live in memory or in Redis. See JdbcRateLimitStore.

-- Default rules (tenant_id '*', which no tenant id can be) and each tenant's custom rules.
CREATE TABLE iris_rate_limit_rules (
  tenant_id      varchar COLLATE "C" NOT NULL,
  name           varchar COLLATE "C" NOT NULL,
  resource       varchar,
  scope          varchar NOT NULL,
  algorithm      varchar NOT NULL,
  limit_count    bigint NOT NULL,
  window_micros  bigint NOT NULL,
  burst          bigint NOT NULL,
  on_unavailable varchar NOT NULL,
  CONSTRAINT iris_rate_limit_rules_pk PRIMARY KEY (tenant_id, name),
  CONSTRAINT iris_rate_limit_rules_positive CHECK (limit_count >= 1 AND window_micros >= 1 AND burst >= 1)
);

CREATE TABLE iris_rate_limit_quotas (
  tenant_id   varchar COLLATE "C" NOT NULL,
  name        varchar COLLATE "C" NOT NULL,
  period      varchar NOT NULL,
  limit_count bigint NOT NULL,
  zone        varchar NOT NULL,
  billing_day integer NOT NULL,
  per_api_key boolean NOT NULL,
  CONSTRAINT iris_rate_limit_quotas_pk PRIMARY KEY (tenant_id, name),
  CONSTRAINT iris_rate_limit_quotas_period CHECK (period IN ('DAILY', 'MONTHLY'))
);

-- One row per (quota, subject, period): a new period is a new row, so nothing resets at midnight.
CREATE TABLE iris_rate_limit_usage (
  tenant_id    varchar COLLATE "C" NOT NULL,
  quota        varchar COLLATE "C" NOT NULL,
  subject      varchar COLLATE "C" NOT NULL,
  period_start timestamptz NOT NULL,
  used         bigint NOT NULL,
  CONSTRAINT iris_rate_limit_usage_pk PRIMARY KEY (tenant_id, quota, subject, period_start)
);

-- Deployment-wide cleanup of past periods.
CREATE INDEX iris_rate_limit_usage_period ON iris_rate_limit_usage (period_start);

CREATE TABLE iris_rate_limit_exemptions (
  tenant_id  varchar COLLATE "C" NOT NULL,
  id         uuid NOT NULL,
  target     varchar NOT NULL,
  value      varchar COLLATE "C" NOT NULL,
  rules      varchar NOT NULL,
  expires_at timestamptz,
  created_at timestamptz NOT NULL,
  CONSTRAINT iris_rate_limit_exemptions_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT iris_rate_limit_exemptions_target CHECK (target IN ('USER', 'API_KEY', 'IP'))
);

-- Denials aggregated per (rule, scope key, hour): a flood adds to one row.
CREATE TABLE iris_rate_limit_violations (
  tenant_id    varchar COLLATE "C" NOT NULL,
  rule         varchar COLLATE "C" NOT NULL,
  scope_key    varchar COLLATE "C" NOT NULL,
  period_start timestamptz NOT NULL,
  denials      bigint NOT NULL,
  first_at     timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  CONSTRAINT iris_rate_limit_violations_pk PRIMARY KEY (tenant_id, rule, scope_key, period_start)
);

-- Listing a tenant's recent violations, latest first.
CREATE INDEX iris_rate_limit_violations_recent ON iris_rate_limit_violations (tenant_id, last_at);
-- Deployment-wide cleanup.
CREATE INDEX iris_rate_limit_violations_last ON iris_rate_limit_violations (last_at);
