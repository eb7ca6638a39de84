-- RecordingVault: what is known about each encrypted recording. The encrypted bytes live in a
-- RecordingStore (S3, files); this table holds no key material except the data key wrapped under
-- the tenant's master key. See JdbcRecordingMetadataStore for the design notes.
CREATE TABLE iris_recordings (
  tenant_id       varchar COLLATE "C" NOT NULL,
  id              varchar COLLATE "C" NOT NULL,
  call_id         varchar NOT NULL,
  codec           varchar NOT NULL,
  duration_ms     bigint NOT NULL,
  size_bytes      bigint NOT NULL,
  stored_bytes    bigint NOT NULL,
  segment_size    integer NOT NULL,
  key_provider_id varchar NOT NULL,
  key_id          varchar COLLATE "C" NOT NULL,
  wrapped_key     bytea NOT NULL,
  checksum        varchar NOT NULL,
  created_at      timestamptz NOT NULL,
  key_rotated_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK (duration_ms >= 0 AND size_bytes >= 0 AND stored_bytes >= 0 AND segment_size > 0)
);

-- The host's lookups by call.
CREATE INDEX iris_recordings_call ON iris_recordings (tenant_id, call_id);
