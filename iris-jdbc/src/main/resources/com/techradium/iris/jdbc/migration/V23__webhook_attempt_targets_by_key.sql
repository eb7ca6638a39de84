-- WebhookDispatcher: the read of attempts starting together looks each row up by its own primary
-- key, whatever the tables held when the plan was made.
--
-- V22's function ran one three-table join per key under a generic plan, made at a connection's
-- first call. Made while the tables were nearly empty, as on a new database, that plan could scan
-- every event of the tenant (a bitmap scan of the events' primary key on the tenant alone, the
-- event's id left to a join filter) and every delivery of the tenant (the endpoint index, whose
-- middle column the lookup does not give), and the connection kept it: at 100,000 events a key cost
-- about 10 ms instead of 0.05 ms (docs/BENCHMARKS.md, "WebhookDispatcher"). Each of the three
-- lookups is now a query of one table with every column of its primary key given, which the planner
-- serves by that key at any table size. An endpoint or event that no longer exists comes back as a
-- row of nulls; a key with no delivery returns no row.
-- [jooq ignore start]
CREATE OR REPLACE FUNCTION iris_webhook_attempt_targets(p_tenants text[], p_ids uuid[])
  RETURNS TABLE (delivery iris_webhook_deliveries, endpoint iris_webhook_endpoints,
                 event iris_webhook_events)
  LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
    SELECT d.* INTO delivery FROM iris_webhook_deliveries d
     WHERE d.tenant_id = p_tenants[i] AND d.id = p_ids[i];
    CONTINUE WHEN NOT FOUND;
    SELECT e.* INTO endpoint FROM iris_webhook_endpoints e
     WHERE e.tenant_id = p_tenants[i] AND e.id = (delivery).endpoint_id;
    SELECT v.* INTO event FROM iris_webhook_events v
     WHERE v.tenant_id = p_tenants[i] AND v.id = (delivery).event_id;
    RETURN NEXT;
  END LOOP;
END
$$;
-- [jooq ignore stop]
