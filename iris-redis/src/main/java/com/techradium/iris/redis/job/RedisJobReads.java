package com.techradium.iris.redis.job;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.spi.JobCursors;
import com.techradium.iris.redis.internal.RedisContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.params.ZRangeParams;

/**
 * The job reads of a {@link RedisJobStore}: one job, attempt histories, and listings that walk a
 * tenant's id index (or its index for one state) newest first, by keyset, reading jobs in chunks
 * with one round trip each. Thread-safe.
 */
final class RedisJobReads {
  private static final int LIST_CHUNK = 200;

  private final RedisJobStore store;
  private final RedisContext redis;
  private final JobKeys keys;

  RedisJobReads(RedisJobStore store, RedisContext redis, JobKeys keys) {
    this.store = store;
    this.redis = redis;
    this.keys = keys;
  }

  Optional<Job> get(TenantId tenant, UUID id) {
    return fields(tenant, id).map(JobFields::job);
  }

  /** The hash of a tenant's job as stored, if it exists. */
  Optional<Map<String, String>> fields(TenantId tenant, UUID id) {
    Map<String, String> fields = redis.call("get job", j -> j.hgetAll(keys.job(id)));
    if (fields.isEmpty() || !tenant.value().equals(fields.get("t"))) {
      return Optional.empty();
    }
    return Optional.of(fields);
  }

  Page<Job> list(TenantId tenant, JobQuery query, PageRequest page) {
    UUID after = JobCursors.start(page);
    String index =
        query.states().size() == 1
            ? keys.tenantState(tenant, query.states().iterator().next().name())
            : keys.tenantIds(tenant);
    boolean filtered = query.queue() != null || query.type() != null || query.states().size() > 1;
    int chunk = filtered ? Math.max(LIST_CHUNK, page.limit() + 1) : page.limit() + 1;
    List<Job> fetched = new ArrayList<>();
    String max = after == null ? "+" : "(" + after;
    while (fetched.size() <= page.limit()) {
      String from = max;
      List<String> ids =
          redis.call(
              "list jobs",
              j ->
                  j.zrange(index, ZRangeParams.zrangeByLexParams(from, "-").rev().limit(0, chunk)));
      if (ids.isEmpty()) {
        break;
      }
      for (Job job : getMany(ids)) {
        if (job.tenant().equals(tenant) && query.matches(job)) {
          fetched.add(job);
          if (fetched.size() > page.limit()) {
            break;
          }
        }
      }
      if (ids.size() < chunk) {
        break;
      }
      max = "(" + ids.get(ids.size() - 1);
    }
    return Page.fromOverfetch(fetched, page.limit(), JobCursors::after);
  }

  /** The jobs with these ids that still exist, in the given order, in one round trip. */
  private List<Job> getMany(List<String> ids) {
    List<?> r = JobFields.list(store.run(JobScripts.GET_MANY, Instant.EPOCH, ids));
    List<Job> jobs = new ArrayList<>(r.size());
    for (Object item : r) {
      if (item != null) {
        jobs.add(JobFields.job(item));
      }
    }
    return jobs;
  }

  List<JobAttempt> attempts(TenantId tenant, UUID jobId) {
    String owner = redis.call("read job", j -> j.hget(keys.job(jobId), "t"));
    if (!tenant.value().equals(owner)) {
      return List.of();
    }
    List<String> raw = redis.call("read attempts", j -> j.lrange(keys.attempts(jobId), 0, -1));
    List<JobAttempt> attempts = new ArrayList<>(raw.size());
    for (String text : raw) {
      attempts.add(AttemptRecord.parse(text).toAttempt(jobId));
    }
    return List.copyOf(attempts);
  }
}
