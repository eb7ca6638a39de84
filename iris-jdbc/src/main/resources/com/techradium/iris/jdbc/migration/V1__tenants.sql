-- Tenants known to the host. Facades reject operations for tenants not listed here when the host
-- configures a directory backed by this table.
CREATE TABLE iris_tenants (
  tenant_id     varchar COLLATE "C" NOT NULL,
  display_name  varchar NOT NULL,
  registered_at timestamptz NOT NULL,
  CONSTRAINT iris_tenants_pk PRIMARY KEY (tenant_id),
  CONSTRAINT iris_tenants_id_format CHECK (tenant_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  CONSTRAINT iris_tenants_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200)
);
