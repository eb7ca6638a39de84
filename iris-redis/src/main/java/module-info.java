/**
 * IRIS on Redis: the front door {@code RedisIris}, rate limiters, the API key cache and the job
 * store.
 *
 * <p>Exports the front door and the store packages; {@code redis.internal} is not API. Jedis's
 * {@code UnifiedJedis} appears in the API, so a module that requires this one reads Jedis too (the
 * host provides Jedis: it is a {@code provided} dependency).
 */
module com.techradium.iris.redis {
  requires transitive com.techradium.iris.core;
  requires transitive redis.clients.jedis;
  requires org.slf4j;

  exports com.techradium.iris.redis;
  exports com.techradium.iris.redis.apikey;
  exports com.techradium.iris.redis.job;
  exports com.techradium.iris.redis.monitor;
  exports com.techradium.iris.redis.ratelimit;

  // Jackson writes and reads the job store's records (queues, attempts, cron definitions).
  opens com.techradium.iris.redis.job to
      com.fasterxml.jackson.databind;
}
