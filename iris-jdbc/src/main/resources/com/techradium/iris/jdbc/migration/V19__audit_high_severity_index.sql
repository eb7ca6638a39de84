-- AuditLog: security events of high severity, newest first, from an index in time order (issue 9).
--
-- V12's severity index is ordered by severity first, so a query for HIGH or CRITICAL events (the
-- ready-made securityEvents(tenant, HIGH, ...)) merged two ranges of it in a bitmap and sorted
-- every matching event of the tenant to return the newest 50. This index holds only the events of
-- severity HIGH or CRITICAL, in the queries' order, so the first page is its newest entries. Events
-- of lower severity, nearly all of them, never enter it.
CREATE INDEX iris_audit_events_severity_high_time ON iris_audit_events (tenant_id, recorded_at, id)
  WHERE severity IN ('HIGH', 'CRITICAL');
