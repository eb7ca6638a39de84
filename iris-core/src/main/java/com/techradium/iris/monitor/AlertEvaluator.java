package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every stored alert rule, keeps each rule's state in memory, and tells listeners (and
 * the incident manager, for rules that open incidents) when a rule fires or resolves.
 */
final class AlertEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  /** What the monitor answers for a condition. */
  interface Facts {
    @Nullable ComponentStatus status(String component);

    @Nullable Uptime uptime(String component, Instant from, Instant to);
  }

  private record Verdict(boolean holds, String detail) {}

  private final AlertRuleStore rules;
  private final MetricStore metrics;
  private final Facts facts;
  private final @Nullable IncidentManager incidents;
  private final Map<String, AlertStates.State> states = new ConcurrentHashMap<>();
  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();

  AlertEvaluator(
      AlertRuleStore rules, MetricStore metrics, Facts facts, @Nullable IncidentManager incidents) {
    this.rules = rules;
    this.metrics = metrics;
    this.facts = facts;
    this.incidents = incidents;
  }

  void addListener(AlertListener listener) {
    listeners.add(listener);
  }

  /** The names of the rules firing now. */
  List<String> firing() {
    List<String> out = new ArrayList<>();
    states.forEach(
        (name, s) -> {
          if (s.phase() == AlertStates.Phase.FIRING) {
            out.add(name);
          }
        });
    out.sort(null);
    return out;
  }

  void forget(String rule) {
    states.remove(rule);
  }

  /** Evaluates every rule once at {@code now}; returns the events, in rule order. */
  synchronized List<AlertEvent> evaluate(Instant now) {
    List<AlertEvent> events = new ArrayList<>();
    for (AlertRule rule : rules.list()) {
      Verdict verdict = check(rule.condition(), now);
      AlertStates.State before = states.getOrDefault(rule.name(), AlertStates.State.INACTIVE);
      AlertStates.Step step =
          AlertStates.next(before, verdict.holds(), now, rule.forDuration(), rule.keepFiringFor());
      states.put(rule.name(), step.state());
      if (step.event() != null) {
        AlertEvent event = new AlertEvent(rule.name(), step.event(), now, verdict.detail());
        events.add(event);
        follow(rule, event, now);
      }
    }
    return events;
  }

  private void follow(AlertRule rule, AlertEvent event, Instant now) {
    if (rule.incident() && incidents != null) {
      try {
        if (event.firing()) {
          incidents.openForAlert(rule.name(), componentsOf(rule.condition()), event.detail(), now);
        } else {
          incidents.resolveForAlert(rule.name(), event.detail(), now);
        }
      } catch (RuntimeException e) {
        LOG.warn("alert rule {}: the incident could not be updated", rule.name(), e);
      }
    }
    for (AlertListener listener : listeners) {
      try {
        listener.onAlert(event);
      } catch (RuntimeException e) {
        LOG.warn("an alert listener failed on {}; the others still run", rule.name(), e);
      }
    }
  }

  private static List<String> componentsOf(AlertCondition condition) {
    if (condition instanceof AlertCondition.StatusIs s) {
      return List.of(s.component());
    }
    if (condition instanceof AlertCondition.BurnRate b) {
      return List.of(b.component());
    }
    return List.of();
  }

  private Verdict check(AlertCondition condition, Instant now) {
    if (condition instanceof AlertCondition.Threshold t) {
      double[] values =
          metrics.find(t.metric(), t.tags(), now.minus(t.window()), now.plusMillis(1)).stream()
              .mapToDouble(MetricPoint::value)
              .toArray();
      double value = MetricAggregation.value(t.aggregation(), values, t.window().toMillis());
      return new Verdict(
          t.comparison().test(value, t.threshold()),
          t.aggregation().wireName() + " of " + t.metric() + " over " + t.window() + " = " + value);
    }
    if (condition instanceof AlertCondition.StatusIs s) {
      ComponentStatus status = facts.status(s.component());
      return new Verdict(
          status != null && s.statuses().contains(status),
          s.component() + " is " + (status == null ? "unknown" : status.wireName()));
    }
    AlertCondition.BurnRate b = (AlertCondition.BurnRate) condition;
    StringBuilder detail = new StringBuilder(b.component()).append(" burn rate");
    boolean holds = false;
    for (BurnWindow w : b.windows()) {
      double longBurn = burn(b, now, w.longWindow());
      double shortBurn = burn(b, now, w.shortWindow());
      detail
          .append(String.format(java.util.Locale.ROOT, " %.1fx/%s", longBurn, w.longWindow()))
          .append(String.format(java.util.Locale.ROOT, " %.1fx/%s", shortBurn, w.shortWindow()));
      holds |= longBurn >= w.factor() && shortBurn >= w.factor();
    }
    return new Verdict(holds, detail.toString());
  }

  private double burn(AlertCondition.BurnRate b, Instant now, Duration window) {
    Uptime uptime = facts.uptime(b.component(), now.minus(window), now);
    if (uptime == null || !uptime.hasData()) {
      return 0;
    }
    return (100.0 - uptime.percent()) / (100.0 - b.targetPercent());
  }
}
