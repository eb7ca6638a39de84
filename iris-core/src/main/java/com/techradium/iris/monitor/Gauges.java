package com.techradium.iris.monitor;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The monitor's gauges: values sampled into metric points every gauge interval. Thread-safe. */
final class Gauges {
  private static final Logger LOG = LoggerFactory.getLogger(Gauges.class);

  private record Gauge(String metric, Map<String, String> tags, DoubleSupplier value) {}

  private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();

  /** Adds a gauge; see {@link HealthMonitor#registerGauge}. */
  void register(String metric, Map<String, String> tags, DoubleSupplier value) {
    MetricChecks.point(Validation.of(), "gauge", new MetricPoint(metric, tags, 0, Instant.EPOCH))
        .throwIfInvalid();
    Gauge gauge = new Gauge(metric, new TreeMap<>(tags), value);
    String key = metric + gauge.tags();
    if (gauges.putIfAbsent(key, gauge) != null) {
      throw new ConflictException("gauge " + key + " is registered");
    }
  }

  /** One point per gauge at {@code now}; a gauge that throws or gives no number is skipped. */
  List<MetricPoint> sample(Instant now) {
    List<MetricPoint> points = new ArrayList<>();
    for (Gauge g : gauges.values()) {
      try {
        double v = g.value().getAsDouble();
        if (Double.isFinite(v)) {
          points.add(new MetricPoint(g.metric(), g.tags(), v, now));
        }
      } catch (RuntimeException e) {
        LOG.warn("gauge {} failed; skipped this round", g.metric(), e);
      }
    }
    return points;
  }
}
