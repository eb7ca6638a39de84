package com.techradium.iris.monitor.memory;

import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.spi.CheckResultStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CheckResultStore} in memory: per component, results sorted by time (results of one
 * component at the same instant keep their order of arrival). Thread-safe.
 */
public final class InMemoryCheckResultStore implements CheckResultStore {
  private final Map<String, NavigableMap<Instant, List<CheckResult>>> byComponent =
      new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryCheckResultStore() {}

  private NavigableMap<Instant, List<CheckResult>> of(String component) {
    return byComponent.computeIfAbsent(component, c -> new TreeMap<>());
  }

  @Override
  public void append(List<CheckResult> results) {
    List<CheckResult> copy = List.copyOf(results);
    for (CheckResult r : copy) {
      NavigableMap<Instant, List<CheckResult>> map = of(r.component());
      synchronized (map) {
        map.computeIfAbsent(r.checkedAt(), t -> new ArrayList<>(1)).add(r);
      }
    }
  }

  @Override
  public List<CheckResult> between(String component, Instant from, Instant to) {
    Objects.requireNonNull(component, "component");
    NavigableMap<Instant, List<CheckResult>> map = of(component);
    List<CheckResult> out = new ArrayList<>();
    if (!from.isBefore(to)) {
      return out;
    }
    synchronized (map) {
      map.subMap(from, true, to, false).values().forEach(out::addAll);
    }
    return out;
  }

  @Override
  public Optional<CheckResult> lastBefore(String component, Instant at) {
    NavigableMap<Instant, List<CheckResult>> map = of(component);
    synchronized (map) {
      Map.Entry<Instant, List<CheckResult>> e = map.lowerEntry(at);
      return e == null ? Optional.empty() : Optional.of(e.getValue().get(e.getValue().size() - 1));
    }
  }

  @Override
  public List<CheckResult> latest(String component, int limit) {
    NavigableMap<Instant, List<CheckResult>> map = of(component);
    List<CheckResult> out = new ArrayList<>();
    synchronized (map) {
      for (List<CheckResult> at : map.descendingMap().values()) {
        for (int i = at.size() - 1; i >= 0 && out.size() < limit; i--) {
          out.add(at.get(i));
        }
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    List<Map.Entry<Instant, String>> candidates = new ArrayList<>();
    byComponent.forEach(
        (component, map) -> {
          synchronized (map) {
            map.headMap(cutoff, false)
                .keySet()
                .forEach(t -> candidates.add(Map.entry(t, component)));
          }
        });
    candidates.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    int deleted = 0;
    for (Map.Entry<Instant, String> c : candidates) {
      if (deleted >= limit) {
        break;
      }
      NavigableMap<Instant, List<CheckResult>> map = of(c.getValue());
      synchronized (map) {
        List<CheckResult> at = map.get(c.getKey());
        while (at != null && !at.isEmpty() && deleted < limit) {
          at.remove(0);
          deleted++;
        }
        if (at != null && at.isEmpty()) {
          map.remove(c.getKey());
        }
      }
    }
    return deleted;
  }
}
