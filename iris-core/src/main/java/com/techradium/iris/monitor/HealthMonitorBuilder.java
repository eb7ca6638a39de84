package com.techradium.iris.monitor;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link HealthMonitor}. The three stores are required; every other part has the
 * default its setter documents. Each part can be set once (a second call is an {@link
 * IllegalStateException} "{@code <part> was already set}"); each setter validates its argument.
 * {@link #build()} writes nothing and starts no thread: with a runtime, the monitor's service is
 * registered on it and starts with it. Not thread-safe.
 */
public final class HealthMonitorBuilder {
  /** The most check threads. */
  public static final int MAX_CHECK_THREADS = 256;

  @Nullable CheckResultStore results;
  @Nullable MetricStore metrics;
  @Nullable AlertRuleStore rules;
  @Nullable IncidentManager incidents;
  UptimePolicy policy = UptimePolicy.defaults();
  private boolean policySet;
  private int checkThreads = 8;
  private boolean checkThreadsSet;
  private Duration tick = Duration.ofSeconds(1);
  private boolean tickSet;
  private Duration alertEvery = Duration.ofSeconds(30);
  private boolean alertEverySet;
  private Duration gaugeEvery = Duration.ofMinutes(1);
  private boolean gaugeEverySet;
  private Duration metricRetention = Duration.ofDays(30);
  private boolean metricRetentionSet;
  private Duration resultRetention = Duration.ofDays(400);
  private boolean resultRetentionSet;

  private final ContextParts contextParts = new ContextParts("clock and runtime");

  HealthMonitorBuilder() {}

  /**
   * The shared context: its clock and runtime count as set here, and the retention chore is
   * declared on its housekeeping. Default: a private context from {@link #clock} and {@link
   * #runtime}.
   *
   * @param context the shared context
   * @return this builder
   */
  public HealthMonitorBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public HealthMonitorBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The runtime that runs scheduled checks. Default: none, checks run only on demand.
   *
   * @param runtime the runtime
   * @return this builder
   */
  public HealthMonitorBuilder runtime(IrisRuntime runtime) {
    contextParts.runtime(runtime);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * Where check results are kept. Required.
   *
   * @param store the check result store
   * @return this builder
   */
  public HealthMonitorBuilder results(CheckResultStore store) {
    this.results = BuilderChecks.setOnce("results", this.results, store);
    return this;
  }

  /**
   * Where metric points are kept. Required.
   *
   * @param store the metric store
   * @return this builder
   */
  public HealthMonitorBuilder metrics(MetricStore store) {
    this.metrics = BuilderChecks.setOnce("metrics", this.metrics, store);
    return this;
  }

  /**
   * Where alert rules are kept. Required.
   *
   * @param store the alert rule store
   * @return this builder
   */
  public HealthMonitorBuilder alertRules(AlertRuleStore store) {
    this.rules = BuilderChecks.setOnce("alertRules", this.rules, store);
    return this;
  }

  /**
   * The incident manager: its maintenance windows put components under maintenance, alert rules may
   * open incidents in it, and the status summary lists its open incidents. Default: none.
   *
   * @param incidents the incident manager
   * @return this builder
   */
  public HealthMonitorBuilder incidents(IncidentManager incidents) {
    this.incidents = BuilderChecks.setOnce("incidents", this.incidents, incidents);
    return this;
  }

  /**
   * How uptime counts each status. Default {@link UptimePolicy#defaults()}.
   *
   * @param policy the uptime policy
   * @return this builder
   */
  public HealthMonitorBuilder uptimePolicy(UptimePolicy policy) {
    Objects.requireNonNull(policy, "uptimePolicy");
    policySet = BuilderChecks.markSet("uptimePolicy", policySet);
    this.policy = policy;
    return this;
  }

  /**
   * How many checks run at once, 1 to {@value #MAX_CHECK_THREADS}: the bound of the monitor's
   * executor. Default 8.
   *
   * @param threads the most checks at once
   * @return this builder
   */
  public HealthMonitorBuilder checkThreads(int threads) {
    BuilderChecks.inRange("checkThreads", threads, 1, MAX_CHECK_THREADS);
    checkThreadsSet = BuilderChecks.markSet("checkThreads", checkThreadsSet);
    this.checkThreads = threads;
    return this;
  }

  /**
   * How often the scheduler looks for due checks. Default 1 s.
   *
   * @param tick the scheduler's tick
   * @return this builder
   */
  public HealthMonitorBuilder tick(Duration tick) {
    BuilderChecks.positive("tick", tick);
    tickSet = BuilderChecks.markSet("tick", tickSet);
    this.tick = tick;
    return this;
  }

  /**
   * How often alert rules are evaluated. Default 30 s.
   *
   * @param interval the alert interval
   * @return this builder
   */
  public HealthMonitorBuilder alertEvery(Duration interval) {
    BuilderChecks.positive("alertEvery", interval);
    alertEverySet = BuilderChecks.markSet("alertEvery", alertEverySet);
    this.alertEvery = interval;
    return this;
  }

  /**
   * How often gauges are sampled. Default 1 min.
   *
   * @param interval the gauge interval
   * @return this builder
   */
  public HealthMonitorBuilder gaugeEvery(Duration interval) {
    BuilderChecks.positive("gaugeEvery", interval);
    gaugeEverySet = BuilderChecks.markSet("gaugeEvery", gaugeEverySet);
    this.gaugeEvery = interval;
    return this;
  }

  /**
   * How long metric points are kept. Default 30 days.
   *
   * @param retention how long metric points are kept
   * @return this builder
   */
  public HealthMonitorBuilder metricRetention(Duration retention) {
    BuilderChecks.positive("metricRetention", retention);
    metricRetentionSet = BuilderChecks.markSet("metricRetention", metricRetentionSet);
    this.metricRetention = retention;
    return this;
  }

  /**
   * How long check results are kept. Default 400 days (a year of uptime plus the status page's 90
   * days).
   *
   * @param retention how long check results are kept
   * @return this builder
   */
  public HealthMonitorBuilder resultRetention(Duration retention) {
    BuilderChecks.positive("resultRetention", retention);
    resultRetentionSet = BuilderChecks.markSet("resultRetention", resultRetentionSet);
    this.resultRetention = retention;
    return this;
  }

  MonitorSettings settings() {
    return new MonitorSettings(
        checkThreads, tick, alertEvery, gaugeEvery, metricRetention, resultRetention);
  }

  /**
   * The monitor. Writes nothing and starts nothing.
   *
   * @return the monitor
   * @throws IllegalStateException if a store is missing
   */
  public HealthMonitor build() {
    if (results == null || metrics == null || rules == null) {
      throw new IllegalStateException(
          "HealthMonitor needs three stores: builder().results(...).metrics(...).alertRules(...)");
    }
    return new HealthMonitor(this);
  }
}
