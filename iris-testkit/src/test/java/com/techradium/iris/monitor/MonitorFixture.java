package com.techradium.iris.monitor;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryIncidentStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.monitor.spi.HealthCheck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A monitor and incident manager on in-memory stores and one context. */
final class MonitorFixture {
  final IrisContext context;
  final IncidentManager incidents;
  final HealthMonitor health;

  MonitorFixture(IrisContext context) {
    this(context, b -> {});
  }

  MonitorFixture(IrisContext context, java.util.function.Consumer<HealthMonitorBuilder> options) {
    this.context = context;
    this.incidents =
        IncidentManager.builder().context(context).store(new InMemoryIncidentStore()).build();
    HealthMonitorBuilder b =
        HealthMonitor.builder()
            .context(context)
            .results(new InMemoryCheckResultStore())
            .metrics(new InMemoryMetricStore())
            .alertRules(new InMemoryAlertRuleStore())
            .incidents(incidents);
    options.accept(b);
    this.health = b.build();
  }

  /** A check that answers from a script of outcomes, repeating the last one. */
  static final class Scripted implements HealthCheck {
    private final Deque<CheckOutcome> script = new ArrayDeque<>();
    private CheckOutcome last = CheckOutcome.UP;

    synchronized Scripted then(CheckOutcome... outcomes) {
      script.addAll(java.util.List.of(outcomes));
      return this;
    }

    @Override
    public synchronized CheckVerdict check(Duration timeout) {
      if (!script.isEmpty()) {
        last = script.poll();
      }
      return new CheckVerdict(last, "scripted " + last.wireName());
    }
  }

  /** A component checked every minute with a 1 s timeout. */
  static Component component(String name, HealthCheck check) {
    return Component.of(name, name.toUpperCase(java.util.Locale.ROOT), check)
        .every(Duration.ofMinutes(1), Duration.ofSeconds(1));
  }
}
