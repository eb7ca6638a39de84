package com.techradium.iris.benchmarks.monitor;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.FlapControl;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.Uptime;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Uptime of one component over a year of one-minute check results ({@value #RESULTS} results, a
 * major outage every 1,000th), through {@link HealthMonitor#uptime}: reading the results from the
 * in-memory store and weighting them. No peer library computes uptime from results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UptimeBenchmark {
  static final int RESULTS = 525_600;

  private HealthMonitor health;
  private Instant from;
  private Instant to;

  @Setup
  public void setUp() {
    from = Instant.parse("2025-01-01T00:00:00Z");
    to = from.plus(Duration.ofDays(365));
    InMemoryCheckResultStore results = new InMemoryCheckResultStore();
    List<CheckResult> year = new ArrayList<>(RESULTS);
    for (int i = 0; i < RESULTS; i++) {
      boolean down = i % 1000 == 0;
      year.add(
          new CheckResult(
              "api",
              from.plusSeconds(60L * i),
              down ? CheckOutcome.DOWN : CheckOutcome.UP,
              down ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL,
              Duration.ofMillis(5),
              ""));
    }
    results.append(year);
    health =
        HealthMonitor.builder()
            .context(IrisContext.builder().clock(MutableClock.at(to)).build())
            .results(results)
            .metrics(new InMemoryMetricStore())
            .alertRules(new InMemoryAlertRuleStore())
            .build();
    health.register(
        Component.of("api", "API", timeout -> CheckVerdict.up())
            .every(Duration.ofMinutes(1), Duration.ofSeconds(5))
            .withFlap(FlapControl.none()));
  }

  @Benchmark
  public Uptime yearOfMinuteResults() {
    return health.uptime("api", from, to);
  }
}
