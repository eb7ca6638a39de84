package com.techradium.iris.redis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A queue configuration as stored in the queues hash (JSON). The tenant scheduling fields are null
 * when unset (and in records written before they existed).
 */
record QueueRecord(
    String name,
    int concurrency,
    boolean paused,
    int defaultPriority,
    int defaultMaxAttempts,
    long retentionMillis,
    @Nullable String claimOrder,
    @Nullable Map<String, Integer> tenantWeights,
    @Nullable Integer maxRunningPerTenant,
    @Nullable Integer rateLimit,
    @Nullable Long ratePerNanos,
    @Nullable Integer tenantRateLimit,
    @Nullable Long tenantRatePerNanos) {

  static String write(QueueConfig c) {
    Map<String, Integer> weights = new TreeMap<>();
    c.tenantWeights().forEach((tenant, weight) -> weights.put(tenant.value(), weight));
    return IrisJson.write(
        new QueueRecord(
            c.name(),
            c.concurrency(),
            c.paused(),
            c.defaultPriority(),
            c.defaultMaxAttempts(),
            c.retention().toMillis(),
            c.claimOrder() == ClaimOrder.STRICT_PRIORITY ? null : c.claimOrder().name(),
            weights.isEmpty() ? null : weights,
            c.maxRunningPerTenant(),
            c.rate() == null ? null : c.rate().limit(),
            c.rate() == null ? null : c.rate().per().toNanos(),
            c.tenantRate() == null ? null : c.tenantRate().limit(),
            c.tenantRate() == null ? null : c.tenantRate().per().toNanos()));
  }

  static QueueConfig read(String json) {
    try {
      QueueRecord r = IrisJson.mapper().readValue(json, QueueRecord.class);
      Map<TenantId, Integer> weights = new HashMap<>();
      if (r.tenantWeights != null) {
        r.tenantWeights.forEach((tenant, weight) -> weights.put(TenantId.of(tenant), weight));
      }
      return new QueueConfig(
          r.name,
          r.concurrency,
          r.paused,
          r.defaultPriority,
          r.defaultMaxAttempts,
          Duration.ofMillis(r.retentionMillis),
          r.claimOrder == null ? ClaimOrder.STRICT_PRIORITY : ClaimOrder.valueOf(r.claimOrder),
          weights,
          r.maxRunningPerTenant,
          rate(r.rateLimit, r.ratePerNanos),
          rate(r.tenantRateLimit, r.tenantRatePerNanos));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable queue configuration in Redis: " + json, e);
    }
  }

  private static @Nullable JobRate rate(@Nullable Integer limit, @Nullable Long perNanos) {
    return limit == null || perNanos == null
        ? null
        : new JobRate(limit, Duration.ofNanos(perNanos));
  }
}
