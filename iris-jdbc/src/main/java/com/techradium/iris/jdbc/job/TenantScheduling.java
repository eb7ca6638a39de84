package com.techradium.iris.jdbc.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A queue's tenant scheduling options as stored in {@code iris_job_queues.tenant_scheduling}. */
record TenantScheduling(
    String claimOrder,
    Map<String, Integer> weights,
    @Nullable Integer maxRunningPerTenant,
    @Nullable Rate rate,
    @Nullable Rate tenantRate) {

  /** A rate: {@code limit} per {@code perMillis}. */
  record Rate(int limit, long perMillis) {
    static @Nullable Rate of(@Nullable JobRate r) {
      return r == null ? null : new Rate(r.limit(), r.per().toMillis());
    }

    JobRate rate() {
      return new JobRate(limit, Duration.ofMillis(perMillis));
    }
  }

  static String write(QueueConfig q) {
    Map<String, Integer> weights = new TreeMap<>();
    q.tenantWeights().forEach((t, w) -> weights.put(t.value(), w));
    return IrisJson.write(
        new TenantScheduling(
            q.claimOrder().name(),
            weights,
            q.maxRunningPerTenant(),
            Rate.of(q.rate()),
            Rate.of(q.tenantRate())));
  }

  static QueueConfig read(QueueConfig plain, String json) {
    TenantScheduling s;
    try {
      s = IrisJson.mapper().readValue(json, TenantScheduling.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable tenant scheduling of queue " + plain.name(), e);
    }
    Map<TenantId, Integer> weights = new TreeMap<>();
    if (s.weights() != null) {
      s.weights().forEach((t, w) -> weights.put(TenantId.of(t), w));
    }
    return new QueueConfig(
        plain.name(),
        plain.concurrency(),
        plain.paused(),
        plain.defaultPriority(),
        plain.defaultMaxAttempts(),
        plain.retention(),
        ClaimOrder.valueOf(s.claimOrder()),
        weights,
        s.maxRunningPerTenant(),
        s.rate() == null ? null : s.rate().rate(),
        s.tenantRate() == null ? null : s.tenantRate().rate());
  }
}
