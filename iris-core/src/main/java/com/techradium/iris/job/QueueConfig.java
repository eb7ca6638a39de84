package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.job.internal.JobNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of a named queue. Queues are shared by every tenant of a deployment (workers serve
 * all tenants), so queue configuration is not tenant-owned.
 *
 * @param name lower-case letters, digits, '.', '_', '-', 1-64 characters
 * @param concurrency how many of its jobs one worker runs at once, 1-1000
 * @param paused while true, workers claim nothing from it (enqueueing still works)
 * @param defaultPriority priority of jobs enqueued without one, 0-10
 * @param defaultMaxAttempts attempts of jobs enqueued without a limit, 1-1000
 * @param retention how long completed, dead and cancelled jobs are kept, at least one minute
 * @param claimOrder strict priority across tenants (the default) or weighted fair share
 * @param tenantWeights weights of tenants under {@link ClaimOrder#FAIR_SHARE}, 1 to {@link
 *     #MAX_TENANT_WEIGHT}; a tenant not listed weighs 1
 * @param maxRunningPerTenant at most this many jobs of one tenant run at once across all nodes, 1
 *     to {@link #MAX_RUNNING_PER_TENANT}, or null for no cap
 * @param rate at most this many jobs of the queue start per period, or null for no limit
 * @param tenantRate at most this many jobs of one tenant start per period, or null for no limit
 */
public record QueueConfig(
    String name,
    int concurrency,
    boolean paused,
    int defaultPriority,
    int defaultMaxAttempts,
    Duration retention,
    ClaimOrder claimOrder,
    Map<TenantId, Integer> tenantWeights,
    @Nullable Integer maxRunningPerTenant,
    @Nullable JobRate rate,
    @Nullable JobRate tenantRate) {

  /** Default concurrency of a new queue. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Default priority of a new queue. */
  public static final int DEFAULT_PRIORITY = 5;

  /** Default attempts of a new queue. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default retention of a new queue: 30 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /** The highest weight of a tenant under fair share. */
  public static final int MAX_TENANT_WEIGHT = 1000;

  /** The highest per-tenant concurrency cap. */
  public static final int MAX_RUNNING_PER_TENANT = 100_000;

  /** The most tenants a queue can give a weight to. */
  public static final int MAX_TENANT_WEIGHTS = 10_000;

  /**
   * Creates a {@code QueueConfig}, checking its components.
   *
   * @param name lower-case letters, digits, '.', '_', '-', 1-64 characters
   * @param concurrency how many of its jobs one worker runs at once, 1-1000
   * @param paused while true, workers claim nothing from it (enqueueing still works)
   * @param defaultPriority priority of jobs enqueued without one, 0-10
   * @param defaultMaxAttempts attempts of jobs enqueued without a limit, 1-1000
   * @param retention how long completed, dead and cancelled jobs are kept, at least one minute
   * @param claimOrder strict priority across tenants (the default) or weighted fair share
   * @param tenantWeights weights of tenants under {@link ClaimOrder#FAIR_SHARE}, 1 to {@link
   *     #MAX_TENANT_WEIGHT}, for at most {@link #MAX_TENANT_WEIGHTS} tenants; a tenant not listed
   *     weighs 1
   * @param maxRunningPerTenant at most this many jobs of one tenant run at once across all nodes, 1
   *     to {@link #MAX_RUNNING_PER_TENANT}, or null for no cap
   * @param rate at most this many jobs of the queue start per period, or null for no limit
   * @param tenantRate at most this many jobs of one tenant start per period, or null for no limit
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   * @throws NullPointerException if {@code retention}, {@code claimOrder} or {@code tenantWeights}
   *     (or one of its keys or values) is null
   */
  public QueueConfig {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(claimOrder, "claimOrder");
    Objects.requireNonNull(tenantWeights, "tenantWeights");
    tenantWeights = Map.copyOf(tenantWeights);
    Validation v = Validation.of();
    JobNames.name(v, "name", name);
    v.range("concurrency", concurrency, 1, 1000);
    v.range("defaultPriority", defaultPriority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    v.range("defaultMaxAttempts", defaultMaxAttempts, 1, JobSpec.MAX_ATTEMPTS);
    v.check(
        retention.compareTo(Duration.ofMinutes(1)) >= 0, "retention", "must be at least 1 minute");
    v.check(
        tenantWeights.size() <= MAX_TENANT_WEIGHTS,
        "tenantWeights",
        "must name at most " + MAX_TENANT_WEIGHTS + " tenants");
    tenantWeights.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                v.range(
                    "tenantWeights[" + e.getKey().value() + "]",
                    e.getValue(),
                    1,
                    MAX_TENANT_WEIGHT));
    if (maxRunningPerTenant != null) {
      v.range("maxRunningPerTenant", maxRunningPerTenant, 1, MAX_RUNNING_PER_TENANT);
    }
    v.throwIfInvalid();
  }

  /**
   * A queue without tenant scheduling (strict priority, no weights, caps or rates), as before these
   * options existed.
   *
   * @param name lower-case letters, digits, '.', '_', '-', 1-64 characters
   * @param concurrency how many of its jobs one worker runs at once, 1-1000
   * @param paused while true, workers claim nothing from it (enqueueing still works)
   * @param defaultPriority priority of jobs enqueued without one, 0-10
   * @param defaultMaxAttempts attempts of jobs enqueued without a limit, 1-1000
   * @param retention how long completed, dead and cancelled jobs are kept, at least one minute
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public QueueConfig(
      String name,
      int concurrency,
      boolean paused,
      int defaultPriority,
      int defaultMaxAttempts,
      Duration retention) {
    this(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        ClaimOrder.STRICT_PRIORITY,
        Map.of(),
        null,
        null,
        null);
  }

  /**
   * Whether claims of this queue are scheduled by tenant: fair share, a per-tenant cap or a rate. A
   * store then claims it under {@link com.techradium.iris.job.spi.TenantClaims}.
   *
   * @return true if any tenant scheduling option is set
   */
  public boolean schedulesTenants() {
    return claimOrder == ClaimOrder.FAIR_SHARE
        || maxRunningPerTenant != null
        || rate != null
        || tenantRate != null;
  }

  /**
   * The weight of {@code tenant} under fair share: its entry of {@link #tenantWeights}, or 1.
   *
   * @param tenant the tenant
   * @return its weight, at least 1
   */
  public int weightOf(TenantId tenant) {
    return tenantWeights.getOrDefault(tenant, 1);
  }

  /**
   * A queue with every default: concurrency 4, priority 5, 5 attempts, 30 days retention.
   *
   * @param name the queue's name
   * @return the configuration
   */
  public static QueueConfig defaults(String name) {
    return new QueueConfig(
        name,
        DEFAULT_CONCURRENCY,
        false,
        DEFAULT_PRIORITY,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RETENTION);
  }

  /**
   * The same queue with another concurrency.
   *
   * @param concurrency how many of its jobs one worker runs at once, 1-1000
   * @return a new configuration
   */
  public QueueConfig withConcurrency(int concurrency) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue, paused or resumed.
   *
   * @param paused true to pause
   * @return a new configuration
   */
  public QueueConfig withPaused(boolean paused) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with another default priority.
   *
   * @param defaultPriority the priority of jobs enqueued without one, 0 to 10
   * @return a new configuration
   */
  public QueueConfig withDefaultPriority(int defaultPriority) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with another default attempt limit.
   *
   * @param defaultMaxAttempts the attempt limit of jobs enqueued without one
   * @return a new configuration
   */
  public QueueConfig withDefaultMaxAttempts(int defaultMaxAttempts) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with another retention.
   *
   * @param retention how long finished jobs are kept
   * @return a new configuration
   */
  public QueueConfig withRetention(Duration retention) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with another order across tenants.
   *
   * @param claimOrder {@link ClaimOrder#FAIR_SHARE} to share claims among tenants, {@link
   *     ClaimOrder#STRICT_PRIORITY} for the best-ranked jobs first whatever their tenant
   * @return a new configuration
   * @throws NullPointerException if {@code claimOrder} is null
   */
  public QueueConfig withClaimOrder(ClaimOrder claimOrder) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with {@code tenant} weighing {@code weight} under fair share (e.g. by plan: 1
   * for free, 4 for business): while both have due jobs, a tenant of weight 4 starts four jobs for
   * every one of a tenant of weight 1.
   *
   * @param tenant the tenant
   * @param weight 1 to {@link #MAX_TENANT_WEIGHT}
   * @return a new configuration
   * @throws com.techradium.iris.core.ValidationException if {@code weight} is out of range
   * @throws NullPointerException if {@code tenant} is null
   */
  public QueueConfig withTenantWeight(TenantId tenant, int weight) {
    Objects.requireNonNull(tenant, "tenant");
    Map<TenantId, Integer> weights = new HashMap<>(tenantWeights);
    weights.put(tenant, weight);
    return withTenantWeights(weights);
  }

  /**
   * The same queue with these tenant weights in place of the current ones.
   *
   * @param tenantWeights weights 1 to {@link #MAX_TENANT_WEIGHT}; a tenant not listed weighs 1
   * @return a new configuration
   * @throws com.techradium.iris.core.ValidationException if a weight is out of range
   * @throws NullPointerException if {@code tenantWeights} or one of its keys or values is null
   */
  public QueueConfig withTenantWeights(Map<TenantId, Integer> tenantWeights) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with at most {@code max} jobs of one tenant running at once, across all nodes.
   *
   * @param max 1 to {@link #MAX_RUNNING_PER_TENANT}
   * @return a new configuration
   * @throws com.techradium.iris.core.ValidationException if {@code max} is out of range
   */
  public QueueConfig withMaxRunningPerTenant(int max) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        max,
        rate,
        tenantRate);
  }

  /**
   * The same queue without a per-tenant concurrency cap.
   *
   * @return a new configuration
   */
  public QueueConfig withoutMaxRunningPerTenant() {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        null,
        rate,
        tenantRate);
  }

  /**
   * The same queue with a start rate for the whole queue, across all nodes and tenants.
   *
   * @param rate the rate, or null for none
   * @return a new configuration
   */
  public QueueConfig withRate(@Nullable JobRate rate) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }

  /**
   * The same queue with a start rate for each tenant, across all nodes.
   *
   * @param tenantRate the rate of each tenant, or null for none
   * @return a new configuration
   */
  public QueueConfig withTenantRate(@Nullable JobRate tenantRate) {
    return new QueueConfig(
        name,
        concurrency,
        paused,
        defaultPriority,
        defaultMaxAttempts,
        retention,
        claimOrder,
        tenantWeights,
        maxRunningPerTenant,
        rate,
        tenantRate);
  }
}
