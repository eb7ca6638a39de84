package com.techradium.iris.testkit.monitor;

import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.MetricStore;
import java.util.Objects;

/**
 * The four stores of one monitor adapter, as {@link MonitorStoreContract#newStore} returns them.
 *
 * @param results the check result store
 * @param metrics the metric store
 * @param rules the alert rule store
 * @param incidents the incident store
 */
public record MonitorStores(
    CheckResultStore results, MetricStore metrics, AlertRuleStore rules, IncidentStore incidents) {
  /**
   * Creates a {@code MonitorStores}, checking its components.
   *
   * @param results the check result store
   * @param metrics the metric store
   * @param rules the alert rule store
   * @param incidents the incident store
   * @throws NullPointerException naming the store that is null
   */
  public MonitorStores {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(incidents, "incidents");
  }
}
