package com.techradium.iris.monitor;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Health of a deployment: components checked on a schedule with flap control, metrics with
 * aggregated queries, alert rules (thresholds, component status, SLO burn rates), uptime and SLA
 * reports, and the health overview and status summary a host serves as JSON.
 *
 * <pre>{@code
 * HealthMonitor health = HealthMonitor.builder()
 *     .context(context)                                  // its runtime runs the checks
 *     .results(new InMemoryCheckResultStore()).metrics(new InMemoryMetricStore())
 *     .alertRules(new InMemoryAlertRuleStore()).incidents(incidents)
 *     .build();
 * health.register(Component.of("database", "Database", HealthChecks.jdbc(dataSource)));
 * health.saveAlertRule(AlertRule.of("db-down", new AlertCondition.StatusIs("database",
 *     Set.of(ComponentStatus.MAJOR_OUTAGE))).opensIncident());
 * String json = health.statusSummary().toJson();
 * }</pre>
 *
 * <p>Everything here belongs to the deployment, not to a tenant: a status page describes the
 * service every tenant shares, so no operation takes a tenant. Components (with their checks, which
 * are code) are registered on each node; results, metrics and alert rules live in the stores and
 * are shared by every node. Each node runs its own checks and evaluates the rules itself; alert
 * states are kept per node.
 *
 * <p>With a runtime, checks run on a bounded executor of their own ({@code
 * <runtime>-health-checks-n}, {@link HealthMonitorBuilder#checkThreads}), each limited by its
 * component's timeout, which the runtime's scheduler enforces: a check that hangs is recorded as
 * down and interrupted, and never blocks another component's checks. Without a runtime, checks run
 * only on demand ({@link #runNow}), on the caller's thread. Retention of results and metrics is a
 * chore ({@value #RETENTION_TASK}) declared on the context's housekeeping, which the context's job
 * queue runs nightly. Thread-safe.
 */
public final class HealthMonitor {
  /** Name of the retention chore. */
  public static final String RETENTION_TASK = "monitor-retention";

  /** Job type of the retention chore. */
  public static final String RETENTION_TYPE = "iris.monitor.cleanup";

  /** The largest batch {@link #record(List)} takes. */
  public static final int MAX_BATCH = 100_000;

  /** The longest window of an uptime, SLA or metric query: 400 days. */
  public static final Duration MAX_WINDOW = Duration.ofDays(400);

  /** The window of the status summary's uptime figures. */
  public static final Duration STATUS_UPTIME_WINDOW = Duration.ofDays(90);

  /** The default SLA target, percent. */
  public static final double DEFAULT_SLA_TARGET = 99.9;

  private static final int DELETE_BATCH = 10_000;

  private final IrisContext context;
  private final Clock clock;
  private final CheckResultStore results;
  private final MetricStore metrics;
  private final AlertRuleStore rules;
  private final @Nullable IncidentManager incidents;
  private final UptimePolicy policy;
  final MonitorSettings settings;
  private final Map<String, ComponentEntry> components = new ConcurrentSkipListMap<>();
  private final Gauges gauges = new Gauges();
  private final HealthViews.Lookup views =
      new HealthViews.Lookup() {
        @Override
        public @Nullable ComponentStatus status(ComponentEntry entry, Instant now) {
          return statusOf(entry, now);
        }

        @Override
        public Uptime uptime(ComponentEntry entry, Instant from, Instant to) {
          return computeUptime(entry, from, to);
        }
      };
  private final CheckRunner runner = new CheckRunner(this::store);
  private final AlertEvaluator alerts;
  private final @Nullable HealthService service;

  HealthMonitor(HealthMonitorBuilder b) {
    this.context = b.context();
    this.clock = context.clock();
    this.results = Objects.requireNonNull(b.results);
    this.metrics = Objects.requireNonNull(b.metrics);
    this.rules = Objects.requireNonNull(b.rules);
    this.incidents = b.incidents;
    this.policy = b.policy;
    this.settings = b.settings();
    this.alerts = new AlertEvaluator(rules, metrics, new Facts(), incidents);
    if (incidents != null) {
      incidents.knowComponents(components::containsKey);
    }
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                RETENTION_TASK,
                RETENTION_TYPE,
                "30 3 * * *",
                ZoneOffset.UTC,
                () -> {
                  MonitorCleanup done = cleanup();
                  return "{\"results\":" + done.results() + ",\"points\":" + done.points() + "}";
                }));
    IrisRuntime runtime = context.runtime().orElse(null);
    this.service = runtime != null ? new HealthService(this) : null;
    if (runtime != null) {
      runtime.register(service);
    }
  }

  /** The clock's time to the millisecond, the precision every store keeps. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /**
   * Starts configuring a health monitor.
   *
   * @return a new builder
   */
  public static HealthMonitorBuilder builder() {
    return new HealthMonitorBuilder();
  }

  // ---- components and checks -----------------------------------------------------------------

  /**
   * Adds a component; its check runs from the next scheduler tick. Its status starts from its
   * latest stored result, if any.
   *
   * @param component the component
   * @throws ConflictException if a component of that name is registered
   */
  public void register(Component component) {
    Objects.requireNonNull(component, "component");
    CheckResult latest = results.latest(component.name(), 1).stream().findFirst().orElse(null);
    if (components.putIfAbsent(component.name(), new ComponentEntry(component, latest)) != null) {
      throw new ConflictException("component " + component.name() + " is registered");
    }
  }

  /**
   * Removes a component (its stored results stay); returns whether it was registered.
   *
   * @param name the component's name
   * @return true if it was registered
   */
  public boolean unregister(String name) {
    return components.remove(Objects.requireNonNull(name, "name")) != null;
  }

  /**
   * The registered components, by name.
   *
   * @return the components, ordered by name
   */
  public List<Component> components() {
    return components.values().stream().map(e -> e.component).toList();
  }

  /**
   * Whether a component of that name is registered.
   *
   * @param name the component's name
   * @return true if it is registered
   */
  public boolean hasComponent(String name) {
    return components.containsKey(Objects.requireNonNull(name, "name"));
  }

  /**
   * Runs a component's check now and returns its result (the run in flight's, if one is). With a
   * running runtime the check runs on the monitor's executor under its timeout; without one, on
   * this thread.
   *
   * @param component the component's name
   * @return the result
   * @throws ValidationException on {@code component} if no such component is registered
   */
  public CheckResult runNow(String component) {
    ComponentEntry entry = entry(component);
    if (service == null || !service.running()) {
      return runner.runInline(entry, now());
    }
    return await(entry, service.launch(entry, now()));
  }

  private CheckResult await(ComponentEntry entry, CompletableFuture<CheckResult> future) {
    return CheckRunner.await(entry, future, settings.tick());
  }

  /**
   * Runs every component's check now and returns the results, by component name. With a running
   * runtime the checks run concurrently on the monitor's executor (at most {@link
   * HealthMonitorBuilder#checkThreads} at once, each under its timeout); without one, one after the
   * other on this thread.
   *
   * @return the results, ordered by component name
   */
  public List<CheckResult> runAll() {
    if (service == null || !service.running()) {
      List<CheckResult> out = new ArrayList<>();
      for (ComponentEntry entry : components.values()) {
        out.add(runner.runInline(entry, now()));
      }
      return out;
    }
    Instant now = now();
    List<ComponentEntry> entries = List.copyOf(components.values());
    List<CompletableFuture<CheckResult>> futures = new ArrayList<>(entries.size());
    for (ComponentEntry entry : entries) {
      futures.add(service.launch(entry, now));
    }
    List<CheckResult> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      out.add(await(entries.get(i), futures.get(i)));
    }
    return out;
  }

  /** Starts the checks that are due at {@code now}; called by the scheduler tick. */
  void launchDue(Instant now) {
    for (ComponentEntry entry : components.values()) {
      if (!entry.running() && entry.takeDue(now) && service != null) {
        service.launch(entry, now);
      }
    }
  }

  CheckRunner runner() {
    return runner;
  }

  private CheckResult store(
      ComponentEntry entry, Instant at, CheckVerdict verdict, Duration latency) {
    boolean maintenance = underMaintenance(entry.name(), at);
    CheckResult result = entry.record(at, verdict, latency, maintenance);
    results.append(List.of(result));
    return result;
  }

  private boolean underMaintenance(String component, Instant at) {
    if (incidents == null) {
      return false;
    }
    return incidents.activeAt(at).stream().anyMatch(w -> w.covers(component, at));
  }

  private ComponentEntry entry(String component) {
    Objects.requireNonNull(component, "component");
    ComponentEntry entry = components.get(component);
    if (entry == null) {
      throw new ValidationException("component", "unknown component " + component);
    }
    return entry;
  }

  /**
   * The component's status now (maintenance applied), or null before its first result.
   *
   * @param component the component's name
   * @return the status, or empty before the component's first result
   */
  public Optional<ComponentStatus> status(String component) {
    ComponentEntry entry = entry(component);
    return Optional.ofNullable(statusOf(entry, now()));
  }

  private @Nullable ComponentStatus statusOf(ComponentEntry entry, Instant now) {
    if (underMaintenance(entry.name(), now)) {
      return ComponentStatus.UNDER_MAINTENANCE;
    }
    return entry.derivedStatus();
  }

  /**
   * The component's results in {@code [from, to)}, oldest first.
   *
   * @param component the component's name
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the results, oldest first
   * @throws ValidationException for an unknown component or a window that is empty, negative or
   *     longer than {@link #MAX_WINDOW}
   */
  public List<CheckResult> results(String component, Instant from, Instant to) {
    ComponentEntry entry = entry(component);
    window(from, to);
    return results.between(entry.name(), from, to);
  }

  // ---- views ---------------------------------------------------------------------------------

  /**
   * Every component with its status and last result.
   *
   * @return the overview
   */
  public HealthOverview overview() {
    return HealthViews.overview(components.values(), views, now());
  }

  /**
   * Ready unless a critical component is in major outage.
   *
   * @return the readiness, with the critical components in major outage
   */
  public Readiness readiness() {
    Instant now = now();
    List<String> failing = new ArrayList<>();
    for (ComponentEntry e : components.values()) {
      if (e.component.critical() && statusOf(e, now) == ComponentStatus.MAJOR_OUTAGE) {
        failing.add(e.name());
      }
    }
    return new Readiness(failing.isEmpty(), failing);
  }

  /**
   * Live unless the check scheduler stopped ticking while the runtime runs.
   *
   * @return the liveness
   */
  public Liveness liveness() {
    if (service == null) {
      return new Liveness(true, "no runtime: checks run on demand");
    }
    return service.liveness();
  }

  /**
   * What a public status page shows: components with 90-day uptime, open incidents, maintenance.
   *
   * @return the summary
   */
  public StatusSummary statusSummary() {
    return HealthViews.summary(components.values(), views, incidents, now());
  }

  // ---- uptime and SLA ------------------------------------------------------------------------

  /**
   * The component's uptime in {@code [from, to)} under the monitor's {@link UptimePolicy}.
   *
   * @param component the component's name
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the uptime
   * @throws ValidationException for an unknown component or a window that is empty, negative or
   *     longer than {@link #MAX_WINDOW}
   */
  public Uptime uptime(String component, Instant from, Instant to) {
    ComponentEntry entry = entry(component);
    window(from, to);
    return computeUptime(entry, from, to);
  }

  /**
   * The component's uptime over the last {@code window}.
   *
   * @param component the component's name
   * @param window the window's length, ending now
   * @return the uptime
   */
  public Uptime uptime(String component, Duration window) {
    Objects.requireNonNull(window, "window");
    Instant now = now();
    return uptime(component, now.minus(window), now);
  }

  /**
   * The component's SLA report in {@code [from, to)} against {@code targetPercent} (above 0, below
   * 100), with the error budget.
   *
   * @param component the component's name
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @param targetPercent the SLA target, in percent
   * @return the report
   * @throws ValidationException as {@link #uptime(String, Instant, Instant)}, or on {@code
   *     targetPercent}
   */
  public SlaReport sla(String component, Instant from, Instant to, double targetPercent) {
    Validation.of()
        .check(
            targetPercent > 0 && targetPercent < 100,
            "targetPercent",
            "must be above 0 and below 100")
        .throwIfInvalid();
    return SlaReport.of(uptime(component, from, to), targetPercent);
  }

  /**
   * The SLA report over the last {@code window} against {@value #DEFAULT_SLA_TARGET} %.
   *
   * @param component the component's name
   * @param window the window's length, ending now
   * @return the report
   */
  public SlaReport sla(String component, Duration window) {
    Objects.requireNonNull(window, "window");
    Instant now = now();
    return sla(component, now.minus(window), now, DEFAULT_SLA_TARGET);
  }

  private Uptime computeUptime(ComponentEntry entry, Instant from, Instant to) {
    Duration stale = entry.component.interval().multipliedBy(policy.staleFactor());
    return UptimeCalculator.compute(
        entry.name(), from, to, results.statusTimes(entry.name(), from, to, stale), policy);
  }

  private static void window(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Validation.of()
        .check(to.isAfter(from), "to", "must be after from")
        .check(
            !to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) <= 0,
            "from",
            "must be at most " + MAX_WINDOW.toDays() + " days before to")
        .throwIfInvalid();
  }

  // ---- metrics -------------------------------------------------------------------------------

  /**
   * Records one point; see {@link #record(List)}.
   *
   * @param point the point
   */
  public void record(MetricPoint point) {
    record(List.of(Objects.requireNonNull(point, "point")));
  }

  /**
   * Records a value of {@code name} now, without tags.
   *
   * @param name the metric's name
   * @param value the value
   */
  public void record(String name, double value) {
    record(MetricPoint.of(name, value, now()));
  }

  /**
   * Records a batch of points, all or none.
   *
   * @param points the points
   * @throws ValidationException naming each bad field as {@code points[i].field} (name, tags,
   *     value) or a batch over {@value #MAX_BATCH}; nothing recorded
   */
  public void record(List<MetricPoint> points) {
    Objects.requireNonNull(points, "points");
    Validation v = Validation.of();
    v.check(points.size() <= MAX_BATCH, "points", "must hold at most " + MAX_BATCH + " points");
    for (int i = 0; i < points.size() && !v.hasErrors(); i++) {
      MetricChecks.point(v, "points[" + i + "]", points.get(i));
    }
    v.throwIfInvalid();
    if (!points.isEmpty()) {
      metrics.append(points);
    }
  }

  /**
   * Samples {@code value} every gauge interval ({@link HealthMonitorBuilder#gaugeEvery}, 1 min by
   * default) as a point of {@code metric} with {@code tags}, while the runtime runs. A supplier
   * that throws is logged and skipped for that round.
   *
   * @param metric the metric's name
   * @param tags the tags of each point
   * @param value supplies the gauge's value
   * @throws ValidationException for a bad metric name or tags
   * @throws ConflictException if a gauge of that metric and tags is registered
   */
  public void registerGauge(String metric, Map<String, String> tags, DoubleSupplier value) {
    Objects.requireNonNull(value, "value");
    gauges.register(metric, tags, value);
  }

  /**
   * Samples every gauge now and records the points; returns how many were recorded.
   *
   * @return the number of points recorded
   */
  public int sampleGauges() {
    List<MetricPoint> points = gauges.sample(now());
    if (!points.isEmpty()) {
      metrics.append(points);
    }
    return points.size();
  }

  /**
   * The buckets of a metric query.
   *
   * @param query the metric, tags, window, bucket and aggregation
   * @return the buckets, oldest first
   * @throws ValidationException naming each bad field (name, to, bucket); nothing read
   */
  public List<MetricBucket> query(MetricQuery query) {
    Objects.requireNonNull(query, "query");
    MetricChecks.query(query);
    return MetricAggregation.aggregate(
        query, metrics.find(query.name(), query.tags(), query.from(), query.to()));
  }

  // ---- alert rules ---------------------------------------------------------------------------

  /**
   * Stores an alert rule, replacing one of the same name.
   *
   * @param rule the rule
   * @return the stored rule
   * @throws ValidationException naming each bad field; nothing stored
   */
  public AlertRule saveAlertRule(AlertRule rule) {
    Objects.requireNonNull(rule, "rule");
    AlertRuleChecks.check(rule, components::containsKey);
    alerts.forget(rule.name());
    return rules.save(rule);
  }

  /**
   * The rule named {@code name}.
   *
   * @param name the rule's name
   * @return the rule, or empty if there is none of that name
   */
  public Optional<AlertRule> alertRule(String name) {
    return rules.get(Objects.requireNonNull(name, "name"));
  }

  /**
   * Every alert rule, by name.
   *
   * @return the rules, ordered by name
   */
  public List<AlertRule> alertRules() {
    return rules.list();
  }

  /**
   * Deletes a rule; returns whether it existed.
   *
   * @param name the rule's name
   * @return true if it existed
   */
  public boolean deleteAlertRule(String name) {
    alerts.forget(Objects.requireNonNull(name, "name"));
    return rules.delete(name);
  }

  /**
   * Calls {@code listener} with every alert event from now on.
   *
   * @param listener the listener
   */
  public void addAlertListener(AlertListener listener) {
    alerts.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Evaluates every rule now and returns the events (rules that fired or resolved); the runtime
   * does this every alert interval.
   *
   * @return the events of this evaluation
   */
  public List<AlertEvent> evaluateAlerts() {
    return alerts.evaluate(now());
  }

  /**
   * The names of the rules firing now, as this node saw them at its last evaluation.
   *
   * @return the names of the firing rules
   */
  public List<String> firingAlerts() {
    return alerts.firing();
  }

  // ---- retention -----------------------------------------------------------------------------

  /**
   * Deletes check results older than the result retention and metric points older than the metric
   * retention, in batches. Run nightly by the job queue as {@value #RETENTION_TASK}.
   *
   * @return how many results and points were deleted
   */
  public MonitorCleanup cleanup() {
    Instant now = now();
    long resultsDeleted =
        drain(c -> results.deleteBefore(c, DELETE_BATCH), now.minus(settings.resultRetention()));
    long pointsDeleted =
        drain(c -> metrics.deleteBefore(c, DELETE_BATCH), now.minus(settings.metricRetention()));
    return new MonitorCleanup(resultsDeleted, pointsDeleted);
  }

  private static long drain(java.util.function.ToIntFunction<Instant> batch, Instant cutoff) {
    long total = 0;
    int n;
    do {
      n = batch.applyAsInt(cutoff);
      total += n;
    } while (n >= DELETE_BATCH);
    return total;
  }

  IrisContext context() {
    return context;
  }

  private final class Facts implements AlertEvaluator.Facts {
    @Override
    public @Nullable ComponentStatus status(String component) {
      ComponentEntry e = components.get(component);
      return e == null ? null : statusOf(e, now());
    }

    @Override
    public @Nullable Uptime uptime(String component, Instant from, Instant to) {
      ComponentEntry e = components.get(component);
      return e == null ? null : computeUptime(e, from, to);
    }
  }
}
