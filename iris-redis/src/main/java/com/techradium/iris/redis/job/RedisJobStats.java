package com.techradium.iris.redis.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.spi.JobStatsTally;
import com.techradium.iris.job.spi.StatsQuery;
import com.techradium.iris.redis.internal.RedisContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Computes {@link JobStats} from the store's counters and indexes: state counts from the per-queue
 * and per-tenant counter hashes, the oldest due job from the waiting sets (by run-at), attempt
 * figures from the per-queue attempt logs (by finish time), all tallied by {@link JobStatsTally}.
 * Reads only; thread-safe.
 */
final class RedisJobStats {
  private static final int LOG_CHUNK = 5000;

  private final RedisContext redis;
  private final JobKeys keys;

  RedisJobStats(RedisContext redis, JobKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  JobStats stats(StatsQuery query, Instant now) {
    TenantId tenant = query.tenant();
    JobStatsTally tally = new JobStatsTally(query, now);
    Set<String> queues = new TreeSet<>();
    if (tenant != null) {
      // Fields "queue|STATE" of the tenant's counters.
      Map<String, String> byQueue = redis.call("stats", j -> j.hgetAll(keys.tenantCounts(tenant)));
      for (Map.Entry<String, String> e : byQueue.entrySet()) {
        int bar = e.getKey().lastIndexOf('|');
        String queue = e.getKey().substring(0, bar);
        if (query.queue() == null || query.queue().equals(queue)) {
          queues.add(queue);
          add(tally, e.getKey().substring(bar + 1), e.getValue());
        }
      }
    } else {
      if (query.queue() != null) {
        queues.add(query.queue());
      } else {
        queues.addAll(redis.call("stats", j -> j.smembers(keys.queueNames())));
      }
      for (String queue : queues) {
        // Fields "tenant|STATE" of the queue's counters.
        Map<String, String> byTenant = redis.call("stats", j -> j.hgetAll(keys.counts(queue)));
        for (Map.Entry<String, String> e : byTenant.entrySet()) {
          add(tally, e.getKey().substring(e.getKey().lastIndexOf('|') + 1), e.getValue());
        }
      }
    }
    for (String queue : queues) {
      String waiting = tenant == null ? keys.waiting(queue) : keys.tenantWaiting(tenant, queue);
      List<Tuple> first =
          redis.call(
              "stats",
              j ->
                  j.zrangeWithScores(
                      waiting,
                      ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, now.toEpochMilli())
                          .limit(0, 1)));
      if (!first.isEmpty()) {
        tally.due(Instant.ofEpochMilli((long) first.get(0).getScore()));
      }
      int offset = 0;
      while (true) {
        int from = offset;
        List<String> log =
            redis.call(
                "stats",
                j ->
                    j.zrange(
                        keys.attemptLog(queue),
                        ZRangeParams.zrangeByScoreParams(
                                query.since().toEpochMilli(), now.toEpochMilli())
                            .limit(from, LOG_CHUNK)));
        for (String text : log) {
          AttemptRecord a = AttemptRecord.parse(text);
          if (tenant != null && !tenant.value().equals(a.tenant())) {
            continue;
          }
          tally.attempt(a.outcome(), a.runTimeMillis());
        }
        if (log.size() < LOG_CHUNK) {
          break;
        }
        offset += LOG_CHUNK;
      }
    }
    return tally.result();
  }

  private static void add(JobStatsTally tally, String state, String value) {
    tally.jobs(JobState.valueOf(state), Long.parseLong(value));
  }
}
