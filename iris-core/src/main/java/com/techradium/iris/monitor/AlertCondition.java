package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** What an {@link AlertRule} watches. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AlertCondition.Threshold.class, name = "threshold"),
  @JsonSubTypes.Type(value = AlertCondition.StatusIs.class, name = "status"),
  @JsonSubTypes.Type(value = AlertCondition.BurnRate.class, name = "burn_rate")
})
public sealed interface AlertCondition {
  /**
   * True when the aggregate of a metric over the last {@code window} meets the comparison.
   *
   * @param metric the metric name
   * @param tags tags the points must carry
   * @param aggregation e.g. {@link Aggregation#P95}
   * @param window how far back to look, 1 s to 31 days
   * @param comparison e.g. {@link Comparison#ABOVE}
   * @param threshold a finite number
   */
  record Threshold(
      String metric,
      Map<String, String> tags,
      Aggregation aggregation,
      Duration window,
      Comparison comparison,
      double threshold)
      implements AlertCondition {
    /**
     * Creates a {@code Threshold}, checking its components.
     *
     * @param metric the metric name
     * @param tags tags the points must carry
     * @param aggregation e.g. {@link Aggregation#P95}
     * @param window how far back to look, 1 s to 31 days
     * @param comparison e.g. {@link Comparison#ABOVE}
     * @param threshold a finite number
     */
    public Threshold {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(tags, "tags");
      Objects.requireNonNull(aggregation, "aggregation");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(comparison, "comparison");
      tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }
  }

  /**
   * True while a component is in one of {@code statuses}.
   *
   * @param component the component's name
   * @param statuses e.g. partial and major outage; not empty
   */
  record StatusIs(String component, Set<ComponentStatus> statuses) implements AlertCondition {
    /**
     * Creates a {@code StatusIs}, checking its components and copying its collections.
     *
     * @param component the component's name
     * @param statuses e.g. partial and major outage; not empty
     */
    public StatusIs {
      Objects.requireNonNull(component, "component");
      statuses = Set.copyOf(statuses);
    }
  }

  /**
   * True when a component's error budget burns too fast: for some pair of {@code windows}, the burn
   * rate ({@code (1 - availability) / (1 - target)}, availability being the uptime share under the
   * monitor's {@link UptimePolicy}) reaches the pair's factor over both windows.
   *
   * @param component the component's name
   * @param targetPercent the availability target, e.g. 99.9; above 0 and below 100
   * @param windows the window pairs, e.g. {@link BurnWindow#standard()}; not empty
   */
  record BurnRate(String component, double targetPercent, List<BurnWindow> windows)
      implements AlertCondition {
    /**
     * Creates a {@code BurnRate}, checking its components and copying its collections.
     *
     * @param component the component's name
     * @param targetPercent the availability target, e.g. 99.9; above 0 and below 100
     * @param windows the window pairs, e.g. {@link BurnWindow#standard()}; not empty
     */
    public BurnRate {
      Objects.requireNonNull(component, "component");
      windows = List.copyOf(windows);
    }
  }
}
