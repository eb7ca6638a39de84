-- AuditLog: every filter of AuditQuery answers its first page from an index (issue 9).
--
-- Appends pay for every index on every event, so the filters are served by as few index entries
-- per event as possible (docs/audit.md, "Which filters are indexed"):
-- * rare values get partial B-tree indexes shaped like the query's order, which only the few
--   events carrying such a value enter: outcomes other than SUCCESS, severities other than INFO,
--   security kinds (security events only) and data categories (data-access events, mostly);
-- * action, target type, target (type and id) and IP address are on nearly every event and take
--   every value from a handful to millions: one GIN index over a hashed, tagged key per filter holds
--   all four, one index entry per event in its pending list (fastupdate), merged in bulk.
-- The store writes the enum filters as literals, so the planner can prove a partial index's
-- predicate from them.

CREATE INDEX iris_audit_events_outcome_time ON iris_audit_events (tenant_id, outcome, recorded_at, id)
  WHERE outcome <> 'SUCCESS';
CREATE INDEX iris_audit_events_severity_time ON iris_audit_events (tenant_id, severity, recorded_at, id)
  WHERE severity <> 'INFO';
CREATE INDEX iris_audit_events_security_kind_time ON iris_audit_events (tenant_id, security_kind, recorded_at, id)
  WHERE security_kind IS NOT NULL;
CREATE INDEX iris_audit_events_data_category_time ON iris_audit_events (tenant_id, data_category, recorded_at, id)
  WHERE data_category IS NOT NULL;

-- [jooq ignore start]
-- The search keys of an event: tenant, a tag and the value, joined by the unit separator (0x1F),
-- which no audited text field may contain, so that a key names exactly one (tenant, filter, value);
-- the index holds the keys' 32-bit hashes (hashtext), which are smaller and faster to compare and
-- merge than the text. Queries recheck the values, so a hash shared by two keys costs a row read,
-- never a wrong result. A null value gives a null key, which no query looks for.
CREATE FUNCTION iris_audit_search_keys(tenant varchar, action varchar, target_type varchar,
    target_id varchar, ip_address varchar) RETURNS integer[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY[
      hashtext(tenant || E'\x1fa\x1f' || action),
      hashtext(tenant || E'\x1ft\x1f' || target_type),
      hashtext(tenant || E'\x1fi\x1f' || target_type || E'\x1f' || target_id),
      hashtext(tenant || E'\x1fp\x1f' || ip_address)]
  $$;
CREATE INDEX iris_audit_events_search ON iris_audit_events
  USING gin (iris_audit_search_keys(tenant_id, action, target_type, target_id, ip_address))
  WITH (fastupdate = on);
-- [jooq ignore stop]
