package com.techradium.iris.redis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.redis.internal.RedisContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Cron schedules of a {@link RedisJobStore}: a hash per schedule ({@code def} the definition as
 * JSON, {@code nx} the next fire time, {@code ls} the last one), a per-tenant name index, and the
 * store-wide {@code cron-due} set of next fire times that {@code cron-fire.lua} updates
 * conditionally when it enqueues an occurrence. Thread-safe.
 */
final class RedisCronSchedules {
  private final RedisJobStore store;
  private final RedisContext redis;
  private final JobKeys keys;

  RedisCronSchedules(RedisJobStore store, RedisContext redis, JobKeys keys) {
    this.store = store;
    this.redis = redis;
    this.keys = keys;
  }

  /** The part of a schedule that does not change as it fires. */
  record Definition(
      String cron,
      String zone,
      String queue,
      String type,
      String payload,
      @Nullable Integer priority,
      @Nullable Integer maxAttempts,
      @Nullable Long timeoutMillis,
      long createdAt) {}

  boolean save(CronSchedule s, boolean onlyIfAbsent) {
    Definition def =
        new Definition(
            s.cron(),
            s.zone().getId(),
            s.queue(),
            s.type(),
            JobFields.canonicalJson(s.payload()),
            s.priority(),
            s.maxAttempts(),
            s.timeout() == null ? null : s.timeout().toMillis(),
            s.createdAt().toEpochMilli());
    List<String> args =
        List.of(
            s.tenant().value(),
            s.name(),
            onlyIfAbsent ? "1" : "0",
            IrisJson.write(def),
            JobFields.millis(s.nextFireAt()),
            s.lastFiredAt() == null ? "" : JobFields.millis(s.lastFiredAt()));
    return JobFields.number(store.run(JobScripts.CRON_SAVE, s.createdAt(), args)) == 1;
  }

  Optional<CronSchedule> get(TenantId tenant, String name) {
    Map<String, String> h =
        redis.call("read schedule", j -> j.hgetAll(keys.schedule(tenant, name)));
    return h.isEmpty() ? Optional.empty() : Optional.of(decode(tenant, name, h));
  }

  List<CronSchedule> list(TenantId tenant) {
    List<String> names =
        redis.call(
            "list schedules",
            j -> j.zrange(keys.tenantSchedules(tenant), ZRangeParams.zrangeByLexParams("-", "+")));
    List<CronSchedule> out = new ArrayList<>(names.size());
    for (String name : names) {
      get(tenant, name).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  boolean delete(TenantId tenant, String name) {
    return JobFields.number(
            store.run(JobScripts.CRON_DELETE, Instant.EPOCH, List.of(tenant.value(), name)))
        == 1;
  }

  List<CronSchedule> due(Instant now, int limit) {
    List<String> members =
        redis.call(
            "due schedules",
            j ->
                j.zrange(
                    keys.dueSchedules(),
                    ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, now.toEpochMilli())
                        .limit(0, limit)));
    List<CronSchedule> out = new ArrayList<>(members.size());
    for (String member : members) {
      int bar = member.indexOf('|');
      get(TenantId.of(member.substring(0, bar)), member.substring(bar + 1))
          .filter(s -> !s.nextFireAt().isAfter(now))
          .ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /** Enqueues one occurrence exactly once: see {@code cron-fire.lua}. */
  Optional<Job> fire(
      TenantId tenant, String name, Instant fireAt, Instant nextFireAt, NewJob job, Instant now) {
    List<String> args = new ArrayList<>(18);
    args.add(tenant.value());
    args.add(name);
    args.add(JobFields.millis(fireAt));
    args.add(JobFields.millis(nextFireAt));
    JobFields.appendNewJob(args, job, JobFields.canonicalJson(job.payload()));
    List<?> r = JobFields.list(store.run(JobScripts.CRON_FIRE, now, args));
    if ("NONE".equals(JobFields.text(r.get(0)))) {
      return Optional.empty();
    }
    return Optional.of(JobFields.okJob(job.id(), r));
  }

  private static CronSchedule decode(TenantId tenant, String name, Map<String, String> h) {
    Definition d;
    try {
      d = IrisJson.mapper().readValue(h.get("def"), Definition.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable cron schedule in Redis: " + h, e);
    }
    return new CronSchedule(
        tenant,
        name,
        d.cron(),
        ZoneId.of(d.zone()),
        d.queue(),
        d.type(),
        d.payload(),
        d.priority(),
        d.maxAttempts(),
        d.timeoutMillis() == null ? null : Duration.ofMillis(d.timeoutMillis()),
        JobFields.instant(h.get("nx")),
        JobFields.optionalInstant(h.get("ls")),
        Instant.ofEpochMilli(d.createdAt()));
  }
}
