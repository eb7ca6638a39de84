package com.techradium.iris.monitor;

import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.Map;

/** The input checks of metric points and queries. */
final class MetricChecks {
  static final int MAX_TAGS = 16;
  static final int MAX_TAG_LENGTH = 100;

  private MetricChecks() {}

  /** Records the errors of one point under {@code prefix} ({@code points[3]}). */
  static Validation point(Validation v, String prefix, MetricPoint p) {
    MonitorChecks.name(v, prefix + ".name", p.name());
    tags(v, prefix + ".tags", p.tags());
    v.check(Double.isFinite(p.value()), prefix + ".value", "must be a finite number");
    return v;
  }

  static Validation tags(Validation v, String field, Map<String, String> tags) {
    v.check(tags.size() <= MAX_TAGS, field, "must hold at most " + MAX_TAGS + " tags");
    for (Map.Entry<String, String> e : tags.entrySet()) {
      v.text(field + "." + e.getKey(), e.getKey(), MAX_TAG_LENGTH);
      v.text(field + "." + e.getKey(), e.getValue(), MAX_TAG_LENGTH);
    }
    return v;
  }

  /** Throws the errors of a query. */
  static void query(MetricQuery q) {
    Validation v = Validation.of();
    MonitorChecks.name(v, "name", q.name());
    tags(v, "tags", q.tags());
    v.check(q.to().isAfter(q.from()), "to", "must be after from");
    v.check(q.bucket().compareTo(Duration.ofSeconds(1)) >= 0, "bucket", "must be at least 1 s");
    if (q.to().isAfter(q.from())) {
      Duration window = Duration.between(q.from(), q.to());
      v.check(
          window.compareTo(HealthMonitor.MAX_WINDOW) <= 0,
          "from",
          "must be at most " + HealthMonitor.MAX_WINDOW.toDays() + " days before to");
      if (!q.bucket().isZero() && !q.bucket().isNegative()) {
        long buckets =
            (window.toMillis() + q.bucket().toMillis() - 1) / Math.max(1, q.bucket().toMillis());
        v.check(
            buckets <= MetricQuery.MAX_BUCKETS,
            "bucket",
            "must give at most " + MetricQuery.MAX_BUCKETS + " buckets, got " + buckets);
      }
    }
    v.throwIfInvalid();
  }
}
