-- WebhookDispatcher: the read of the attempts starting together keeps one plan per connection
-- instead of planning its join on every call.
--
-- Every delivery attempt reads its delivery, endpoint and event, in groups of the attempts that
-- start together (WebhookStore.loadAttempts): one join of three tables over the keys, passed as two
-- arrays. Sent as a statement, it was planned again on every call, because the length of the key
-- arrays made a custom plan look cheaper than the generic one; planning took about 0.45 ms, three
-- times the 0.15 ms the join then ran for (docs/BENCHMARKS.md, "WebhookDispatcher"). The function
-- keeps one generic plan, as the claim functions do (V18): primary-key lookups of the delivery, its
-- endpoint and its event, run once per key. It returns the three rows whole; an endpoint or event
-- that no longer exists comes back as null.
-- [jooq ignore start]
CREATE FUNCTION iris_webhook_attempt_targets(p_tenants text[], p_ids uuid[])
  RETURNS TABLE (delivery iris_webhook_deliveries, endpoint iris_webhook_endpoints,
                 event iris_webhook_events)
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- One lookup per key: a generic plan of one join over all the keys, which cannot know how many
  -- there are, ran ten times slower than the custom plans (1.5 ms a call).
  FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
    RETURN QUERY
      SELECT d, e, v
        FROM iris_webhook_deliveries d
        LEFT JOIN iris_webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
        LEFT JOIN iris_webhook_events v ON v.tenant_id = d.tenant_id AND v.id = d.event_id
       WHERE d.tenant_id = p_tenants[i] AND d.id = p_ids[i];
  END LOOP;
END
$$;

ALTER FUNCTION iris_webhook_attempt_targets(text[], uuid[])
  SET plan_cache_mode = force_generic_plan;
-- [jooq ignore stop]
