package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measurement: a named value at a time, with tags that tell series apart.
 *
 * @param name e.g. {@code "http.latency_ms"}; {@code [a-z0-9][a-z0-9._-]{0,99}}
 * @param tags e.g. {@code {"route": "/calls"}}; at most 16, sorted by key, keys and values of 1 to
 *     100 characters
 * @param value a finite number
 * @param at when it was measured
 */
public record MetricPoint(String name, Map<String, String> tags, double value, Instant at) {
  /**
   * Creates a {@code MetricPoint}, checking its components.
   *
   * @param name e.g. {@code "http.latency_ms"}; {@code [a-z0-9][a-z0-9._-]{0,99}}
   * @param tags e.g. {@code {"route": "/calls"}}; at most 16, sorted by key, keys and values of 1
   *     to 100 characters
   * @param value a finite number
   * @param at when it was measured
   */
  public MetricPoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(at, "at");
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /**
   * A point without tags.
   *
   * @param name the metric's name
   * @param value the value
   * @param at when it was observed
   * @return the point
   */
  public static MetricPoint of(String name, double value, Instant at) {
    return new MetricPoint(name, Map.of(), value, at);
  }

  /**
   * Whether this point carries every tag of {@code filter} with the same value.
   *
   * @param filter the tags to match
   * @return true if every tag matches
   */
  public boolean matches(Map<String, String> filter) {
    for (Map.Entry<String, String> e : filter.entrySet()) {
      if (!e.getValue().equals(tags.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
