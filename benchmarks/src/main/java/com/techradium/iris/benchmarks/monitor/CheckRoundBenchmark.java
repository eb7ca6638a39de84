package com.techradium.iris.benchmarks.monitor;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.monitor.spi.CheckVerdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One round of {@value #CHECKS} health checks, each waiting {@code ioMillis} as a network check
 * would, run concurrently with {@link HealthMonitor#runAll()} on a bounded executor of {@code
 * threads} threads: the time of a round, in milliseconds. The executor never has more than {@code
 * threads} threads, however many checks there are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CheckRoundBenchmark {
  static final int CHECKS = 1_000;

  @Param({"8", "32"})
  public int threads;

  @Param({"1"})
  public int ioMillis;

  private IrisRuntime runtime;
  private HealthMonitor health;

  @Setup
  public void setUp() {
    runtime = IrisRuntime.builder().build();
    health =
        HealthMonitor.builder()
            .context(IrisContext.builder().runtime(runtime).build())
            .results(new InMemoryCheckResultStore())
            .metrics(new InMemoryMetricStore())
            .alertRules(new InMemoryAlertRuleStore())
            .checkThreads(threads)
            .build();
    for (int i = 0; i < CHECKS; i++) {
      health.register(
          Component.of(
                  "c" + i,
                  "Check " + i,
                  timeout -> {
                    Thread.sleep(ioMillis);
                    return CheckVerdict.up();
                  })
              .every(Duration.ofDays(1), Duration.ofSeconds(30)));
    }
    runtime.start();
  }

  @TearDown
  public void tearDown() {
    runtime.close();
  }

  @Benchmark
  public List<CheckResult> roundOfChecks() {
    return health.runAll();
  }
}
