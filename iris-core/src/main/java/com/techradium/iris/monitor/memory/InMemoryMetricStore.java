package com.techradium.iris.monitor.memory;

import com.techradium.iris.monitor.MetricPoint;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MetricStore} in memory: points per metric name. Thread-safe. */
public final class InMemoryMetricStore implements MetricStore {
  private final Map<String, List<MetricPoint>> byName = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryMetricStore() {}

  @Override
  public void append(List<MetricPoint> points) {
    for (MetricPoint p : List.copyOf(points)) {
      List<MetricPoint> list = byName.computeIfAbsent(p.name(), n -> new ArrayList<>());
      synchronized (list) {
        list.add(p);
      }
    }
  }

  @Override
  public List<MetricPoint> find(String name, Map<String, String> tags, Instant from, Instant to) {
    Objects.requireNonNull(tags, "tags");
    List<MetricPoint> list = byName.get(Objects.requireNonNull(name, "name"));
    List<MetricPoint> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    synchronized (list) {
      for (MetricPoint p : list) {
        if (!p.at().isBefore(from) && p.at().isBefore(to) && p.matches(tags)) {
          out.add(p);
        }
      }
    }
    out.sort(Comparator.comparing(MetricPoint::at));
    return out;
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    int deleted = 0;
    for (List<MetricPoint> list : byName.values()) {
      synchronized (list) {
        var it = list.iterator();
        while (it.hasNext() && deleted < limit) {
          if (it.next().at().isBefore(cutoff)) {
            it.remove();
            deleted++;
          }
        }
      }
    }
    return deleted;
  }
}
