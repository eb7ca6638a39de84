-- ApiKeyManager: keys (only the hashes of their secrets, never a secret) and hourly usage counts.
-- See JdbcApiKeyStore for the design notes.

-- One row per key. secret_hash is the HMAC-SHA256 (or SHA-256) of the current secret in hex;
-- previous_hash that of a secret a rotation replaced, while its grace period lasts. Validation
-- looks a presented key up by hash across tenants (the key names its tenant), hence the unique
-- indexes on the hashes; everything else a tenant reads goes through the primary key.
CREATE TABLE iris_api_keys (
  tenant_id             varchar COLLATE "C" NOT NULL,
  id                    uuid NOT NULL,
  name                  varchar NOT NULL,
  owner                 varchar NOT NULL,
  mode                  varchar NOT NULL,
  hint                  varchar NOT NULL,
  secret_hash           varchar COLLATE "C" NOT NULL,
  previous_hash         varchar COLLATE "C",
  previous_expires_at   timestamptz,
  previous_last_seen_at timestamptz,
  scopes                varchar NOT NULL,
  allowed_cidrs         varchar NOT NULL,
  tier                  varchar NOT NULL,
  expires_at            timestamptz,
  metadata              jsonb NOT NULL,
  created_at            timestamptz NOT NULL,
  last_used_at          timestamptz,
  rotated_at            timestamptz,
  revoked_at            timestamptz,
  expired_at            timestamptz,
  warned_lead_seconds   bigint,
  CONSTRAINT iris_api_keys_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT iris_api_keys_id_unique UNIQUE (id),
  CONSTRAINT iris_api_keys_secret_hash_unique UNIQUE (secret_hash),
  CONSTRAINT iris_api_keys_mode CHECK (mode IN ('LIVE', 'TEST')),
  CONSTRAINT iris_api_keys_tier CHECK (tier IN ('STANDARD', 'PREMIUM', 'UNLIMITED'))
);

-- A rotated-away secret is found by its hash during its grace period.
CREATE UNIQUE INDEX iris_api_keys_previous_hash ON iris_api_keys (previous_hash)
  WHERE previous_hash IS NOT NULL;
-- Expiry scans (warnings, marking expired keys), deployment-wide: only keys that can expire.
CREATE INDEX iris_api_keys_expiry ON iris_api_keys (expires_at)
  WHERE revoked_at IS NULL AND expires_at IS NOT NULL;
-- Deleting revoked keys after retention, deployment-wide.
CREATE INDEX iris_api_keys_revoked ON iris_api_keys (revoked_at)
  WHERE revoked_at IS NOT NULL;

-- Validations per key and hour (UTC). Days are sums of hours. Written in batches by each node's
-- background writer with INSERT ... ON CONFLICT DO UPDATE, so nodes add to one row.
CREATE TABLE iris_api_key_usage (
  tenant_id varchar COLLATE "C" NOT NULL,
  key_id    uuid NOT NULL,
  hour      timestamptz NOT NULL,
  count     bigint NOT NULL,
  CONSTRAINT iris_api_key_usage_pk PRIMARY KEY (tenant_id, key_id, hour),
  CONSTRAINT iris_api_key_usage_count_positive CHECK (count >= 1)
);
