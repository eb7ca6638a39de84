package com.techradium.iris.monitor;

import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.IrisRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's background work: a short tick on the runtime's scheduler starts due checks on a
 * bounded executor of the monitor's own ({@code health-checks}), and hands alert evaluation and
 * gauge sampling to that executor at their intervals. No runtime thread is held by a check.
 */
final class HealthService implements BackgroundService {
  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

  private final HealthMonitor monitor;
  private volatile @Nullable IrisRuntime runtime;
  private volatile @Nullable ExecutorService executor;
  private volatile @Nullable ScheduledFuture<?> ticker;
  private volatile long lastTickNanos;
  private volatile @Nullable Instant nextAlerts;
  private volatile @Nullable Instant nextGauges;

  HealthService(HealthMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public String name() {
    return "health";
  }

  @Override
  public void start(IrisRuntime runtime) {
    this.runtime = runtime;
    this.executor = runtime.newExecutor("health-checks", monitor.settings.checkThreads());
    this.lastTickNanos = System.nanoTime();
    this.ticker =
        runtime.scheduleWithFixedDelay(
            "health-tick", this::tick, Duration.ZERO, monitor.settings.tick());
  }

  @Override
  public void stop(Duration timeout) {
    ScheduledFuture<?> t = ticker;
    if (t != null) {
      t.cancel(false);
    }
    ExecutorService e = executor;
    if (e != null) {
      e.shutdownNow();
    }
    runtime = null;
  }

  boolean running() {
    IrisRuntime r = runtime;
    return r != null && r.isRunning();
  }

  CompletableFuture<CheckResult> launch(ComponentEntry entry, Instant at) {
    IrisRuntime r = runtime;
    ExecutorService e = executor;
    if (r == null || e == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the monitor is stopped"));
    }
    return monitor.runner().launch(entry, at, e, r.scheduler(), r.executor());
  }

  private void tick() {
    lastTickNanos = System.nanoTime();
    Instant now = monitor.context().clock().instant();
    monitor.launchDue(now);
    ExecutorService e = executor;
    if (e == null) {
      return;
    }
    Instant alerts = nextAlerts;
    if (alerts == null || !now.isBefore(alerts)) {
      nextAlerts = now.plus(monitor.settings.alertEvery());
      e.execute(() -> guarded("alert evaluation", monitor::evaluateAlerts));
    }
    Instant gauges = nextGauges;
    if (gauges == null || !now.isBefore(gauges)) {
      nextGauges = now.plus(monitor.settings.gaugeEvery());
      e.execute(() -> guarded("gauge sampling", monitor::sampleGauges));
    }
  }

  private static void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException ex) {
      LOG.warn("{} failed; it runs again at its next interval", what, ex);
    }
  }

  Liveness liveness() {
    if (!running()) {
      return new Liveness(true, "runtime not running: checks run on demand");
    }
    long idle = System.nanoTime() - lastTickNanos;
    long limit = Math.max(monitor.settings.tick().toNanos() * 10, Duration.ofSeconds(30).toNanos());
    return idle <= limit
        ? new Liveness(true, "scheduler ticking")
        : new Liveness(false, "no scheduler tick for " + Duration.ofNanos(idle));
  }
}
