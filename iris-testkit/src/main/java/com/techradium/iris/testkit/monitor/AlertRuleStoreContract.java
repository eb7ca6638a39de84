package com.techradium.iris.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.monitor.Aggregation;
import com.techradium.iris.monitor.AlertCondition;
import com.techradium.iris.monitor.AlertRule;
import com.techradium.iris.monitor.BurnWindow;
import com.techradium.iris.monitor.Comparison;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link AlertRuleStore} must do. */
public abstract class AlertRuleStoreContract extends MonitorContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public AlertRuleStoreContract() {}

  private AlertRuleStore rules() {
    return store().rules();
  }

  @Test
  void everyKindOfConditionReadsBackEqual() {
    AlertRule threshold =
        new AlertRule(
            uniqueName("slow"),
            new AlertCondition.Threshold(
                "http.latency_ms",
                Map.of("route", "/calls"),
                Aggregation.P95,
                Duration.ofMinutes(5),
                Comparison.ABOVE,
                800.5),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            true);
    AlertRule status =
        AlertRule.of(
            uniqueName("down"),
            new AlertCondition.StatusIs(
                "database", Set.of(ComponentStatus.MAJOR_OUTAGE, ComponentStatus.PARTIAL_OUTAGE)));
    AlertRule burn =
        AlertRule.of(
            uniqueName("burn"), new AlertCondition.BurnRate("api", 99.9, BurnWindow.standard()));
    rules().save(threshold);
    rules().save(status);
    rules().save(burn);

    assertThat(rules().get(threshold.name())).contains(threshold);
    assertThat(rules().get(status.name())).contains(status);
    assertThat(rules().get(burn.name())).contains(burn);
  }

  @Test
  void savingUnderAnExistingNameReplacesTheRule() {
    String name = uniqueName("rule");
    AlertRule first =
        AlertRule.of(name, new AlertCondition.StatusIs("db", Set.of(ComponentStatus.MAJOR_OUTAGE)));
    AlertRule second = first.timing(Duration.ofMinutes(1), Duration.ZERO);
    rules().save(first);
    rules().save(second);

    assertThat(rules().get(name)).contains(second);
    assertThat(rules().list().stream().filter(r -> r.name().equals(name))).hasSize(1);
  }

  @Test
  void listIsSortedByNameAndDeleteRemoves() {
    String a = uniqueName("a-rule");
    String b = uniqueName("b-rule");
    AlertCondition c = new AlertCondition.StatusIs("db", Set.of(ComponentStatus.MAJOR_OUTAGE));
    rules().save(AlertRule.of(b, c));
    rules().save(AlertRule.of(a, c));

    assertThat(rules().list()).extracting(AlertRule::name).containsSubsequence(a, b).isSorted();
    assertThat(rules().delete(a)).isTrue();
    assertThat(rules().delete(a)).isFalse();
    assertThat(rules().get(a)).isEmpty();
    assertThat(rules().get(b)).isPresent();
  }
}
