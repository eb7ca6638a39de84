-- RateLimiter: a quota may be tied to a resource, whose checks then take from it. NULL (every
-- quota defined before) keeps a quota for RateLimitQuotas.consume alone. See JdbcRateLimitStore.
ALTER TABLE iris_rate_limit_quotas ADD COLUMN resource varchar;
