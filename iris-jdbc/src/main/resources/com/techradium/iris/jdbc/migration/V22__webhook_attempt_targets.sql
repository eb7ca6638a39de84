-- WebhookDispatcher: the read of the attempts starting together keeps one plan per connection
-- instead of planning its join on every call.
--
-- Every delivery attempt reads its delivery, endpoint and event, in groups of the attempts that
-- start together (WebhookStore.loadAttempts): one join of three tables over the keys, passed as two
-- arrays. Sent as a statement, it was planned again on every call, because the length of the key
-- arrays made a custom plan look cheaper than the generic one; planning took about 0.45 ms, three
-- times the 0.15 ms the join then ran for (docs/BENCHMARKS.md, "WebhookDispatcher"). The plan's
-- shape never depends on the keys (primary-key lookups of each table per key), so the function
-- keeps the generic plan, as the claim functions do (V18). It returns the three rows whole; an
-- endpoint or event that no longer exists comes back as null.
-- [jooq ignore start]
CREATE FUNCTION iris_webhook_attempt_targets(p_tenants text[], p_ids uuid[])
  RETURNS TABLE (delivery iris_webhook_deliveries, endpoint iris_webhook_endpoints,
                 event iris_webhook_events)
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT d, e, v
      FROM iris_webhook_deliveries d
      LEFT JOIN iris_webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
      LEFT JOIN iris_webhook_events v ON v.tenant_id = d.tenant_id AND v.id = d.event_id
     WHERE (d.tenant_id, d.id) IN (SELECT * FROM unnest(p_tenants, p_ids));
END
$$;

ALTER FUNCTION iris_webhook_attempt_targets(text[], uuid[])
  SET plan_cache_mode = force_generic_plan;
-- [jooq ignore stop]
