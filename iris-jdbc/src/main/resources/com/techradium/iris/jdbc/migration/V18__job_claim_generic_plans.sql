-- JobQueue: the claim functions keep one plan per connection instead of planning every call.
--
-- PL/pgSQL prepares the statements of a function once per connection, but a statement that takes
-- the function's arguments is planned again on every call (a "custom plan") for as long as the
-- planner estimates that this beats the generic plan. For the claim of V13 it did: every call spent
-- about 0.6 ms planning its CTEs to run them in 0.3 ms, twice the cost of the claim itself, on the
-- path from an enqueue to the job's start. The custom plans gain nothing here: the claim's index
-- bounds come from the floor row, read while the statement runs, and its other arguments (the
-- rank bound, the time, the batch size) never change the plan's shape (one ordered index scan of
-- iris_jobs_claim or iris_jobs_claim_tenant, bounded by the limit).
-- [jooq ignore start]
ALTER FUNCTION iris_job_claim(text[], text, bigint, timestamptz, int, text, timestamptz)
  SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION iris_job_tenant_claim_state(text, bigint, timestamptz)
  SET plan_cache_mode = force_generic_plan;
-- [jooq ignore stop]
