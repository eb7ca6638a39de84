package com.techradium.iris.monitor;

import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.function.Predicate;

/** The input checks of alert rules. */
final class AlertRuleChecks {
  private static final Duration MAX_TIMING = Duration.ofDays(1);
  private static final Duration MAX_WINDOW = Duration.ofDays(31);

  private AlertRuleChecks() {}

  /** Throws a {@link com.techradium.iris.core.ValidationException} naming each bad field. */
  static void check(AlertRule rule, Predicate<String> knownComponent) {
    Validation v = Validation.of();
    MonitorChecks.name(v, "name", rule.name());
    timing(v, "forDuration", rule.forDuration());
    timing(v, "keepFiringFor", rule.keepFiringFor());
    AlertCondition c = rule.condition();
    if (c instanceof AlertCondition.Threshold t) {
      MonitorChecks.name(v, "condition.metric", t.metric());
      MetricChecks.tags(v, "condition.tags", t.tags());
      window(v, "condition.window", t.window());
      v.check(Double.isFinite(t.threshold()), "condition.threshold", "must be a finite number");
    } else if (c instanceof AlertCondition.StatusIs s) {
      component(v, s.component(), knownComponent);
      v.check(!s.statuses().isEmpty(), "condition.statuses", "must name at least one status");
    } else if (c instanceof AlertCondition.BurnRate b) {
      component(v, b.component(), knownComponent);
      v.check(
          b.targetPercent() > 0 && b.targetPercent() < 100,
          "condition.targetPercent",
          "must be above 0 and below 100");
      v.check(!b.windows().isEmpty(), "condition.windows", "must hold at least one pair");
      for (int i = 0; i < b.windows().size(); i++) {
        BurnWindow w = b.windows().get(i);
        String at = "condition.windows[" + i + "]";
        window(v, at + ".longWindow", w.longWindow());
        window(v, at + ".shortWindow", w.shortWindow());
        v.check(
            w.shortWindow().compareTo(w.longWindow()) <= 0,
            at + ".shortWindow",
            "must not be longer than longWindow");
        v.check(w.factor() > 0 && Double.isFinite(w.factor()), at + ".factor", "must be above 0");
      }
    }
    v.throwIfInvalid();
  }

  private static void component(Validation v, String name, Predicate<String> known) {
    v.check(known.test(name), "condition.component", "unknown component " + name);
  }

  private static void timing(Validation v, String field, Duration d) {
    v.check(!d.isNegative() && d.compareTo(MAX_TIMING) <= 0, field, "must be between 0 and 1 day");
  }

  private static void window(Validation v, String field, Duration d) {
    v.check(
        d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(MAX_WINDOW) <= 0,
        field,
        "must be between 1 s and 31 days");
  }
}
