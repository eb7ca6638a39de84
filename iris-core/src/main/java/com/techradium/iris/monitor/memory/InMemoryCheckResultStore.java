package com.techradium.iris.monitor.memory;

import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.spi.CheckResultStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CheckResultStore} in memory: per component, one list sorted by time (results of one
 * component at the same instant keep their order of arrival), so a range is two binary searches and
 * one copy. Thread-safe.
 */
public final class InMemoryCheckResultStore implements CheckResultStore {
  private final Map<String, List<CheckResult>> byComponent = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryCheckResultStore() {}

  private List<CheckResult> of(String component) {
    return byComponent.computeIfAbsent(
        Objects.requireNonNull(component, "component"), c -> new ArrayList<>());
  }

  @Override
  public void append(List<CheckResult> results) {
    for (CheckResult r : List.copyOf(results)) {
      List<CheckResult> list = of(r.component());
      synchronized (list) {
        int n = list.size();
        if (n == 0 || !list.get(n - 1).checkedAt().isAfter(r.checkedAt())) {
          list.add(r);
        } else {
          list.add(firstAfter(list, r.checkedAt()), r);
        }
      }
    }
  }

  /** Index of the first result with {@code checkedAt >= at}. */
  private static int firstAtOrAfter(List<CheckResult> list, Instant at) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).checkedAt().isBefore(at)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the first result with {@code checkedAt > at}. */
  private static int firstAfter(List<CheckResult> list, Instant at) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!list.get(mid).checkedAt().isAfter(at)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public List<CheckResult> between(String component, Instant from, Instant to) {
    List<CheckResult> list = of(component);
    if (!from.isBefore(to)) {
      return new ArrayList<>();
    }
    synchronized (list) {
      return new ArrayList<>(list.subList(firstAtOrAfter(list, from), firstAtOrAfter(list, to)));
    }
  }

  @Override
  public Optional<CheckResult> lastBefore(String component, Instant at) {
    List<CheckResult> list = of(component);
    synchronized (list) {
      int i = firstAtOrAfter(list, at);
      return i == 0 ? Optional.empty() : Optional.of(list.get(i - 1));
    }
  }

  @Override
  public List<CheckResult> latest(String component, int limit) {
    List<CheckResult> list = of(component);
    synchronized (list) {
      List<CheckResult> out =
          new ArrayList<>(list.subList(Math.max(0, list.size() - limit), list.size()));
      Collections.reverse(out);
      return out;
    }
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    List<Map.Entry<Instant, String>> candidates = new ArrayList<>();
    byComponent.forEach(
        (component, list) -> {
          synchronized (list) {
            int end = Math.min(firstAtOrAfter(list, cutoff), limit);
            for (int i = 0; i < end; i++) {
              candidates.add(Map.entry(list.get(i).checkedAt(), component));
            }
          }
        });
    candidates.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (Map.Entry<Instant, String> c : candidates.subList(0, Math.min(limit, candidates.size()))) {
      counts.merge(c.getValue(), 1, Integer::sum);
    }
    int deleted = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      List<CheckResult> list = of(e.getKey());
      synchronized (list) {
        int n = Math.min(e.getValue(), firstAtOrAfter(list, cutoff));
        list.subList(0, n).clear();
        deleted += n;
      }
    }
    return deleted;
  }
}
