package com.techradium.iris.job;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import com.techradium.iris.job.internal.JobNames;
import com.techradium.iris.job.spi.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JobQueue}. Only the store is required; every other setting documents its
 * default. Each part can be set once (a second set is an {@link IllegalStateException} naming it),
 * and each setter checks its argument. {@link #build()} writes nothing and starts nothing: the
 * default queues and schedules are created when the runtime starts the queue, or on first use of a
 * queue built without a runtime. Not thread-safe.
 */
public final class JobQueueBuilder {
  @Nullable JobStore store;
  final Map<String, JobHandler> handlers = new LinkedHashMap<>();
  final Set<String> knownTypes = new HashSet<>();
  private @Nullable Duration defaultTimeout;
  private @Nullable RetryBackoff backoff;
  private @Nullable Duration idempotencyWindow;
  private @Nullable Duration leaseDuration;
  private @Nullable Duration pollInterval;
  private @Nullable Duration schedulerInterval;
  private @Nullable Integer claimBatch;
  private @Nullable Integer maxUnrecordedOutcomes;

  /** The default {@link #maxUnrecordedOutcomes}. */
  public static final int DEFAULT_MAX_UNRECORDED_OUTCOMES = 64;

  private @Nullable String nodeName;
  private @Nullable TenantId systemTenant;
  private @Nullable Boolean runWorker;
  private @Nullable Boolean runScheduler;
  @Nullable Set<String> workerQueues;

  private final ContextParts contextParts = new ContextParts("clock, runtime and tenants");

  JobQueueBuilder() {}

  /**
   * The job store. Required.
   *
   * @param store the job store
   * @return this builder
   */
  public JobQueueBuilder store(JobStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * The shared context: its clock, runtime (if it has one) and tenant directory count as set here,
   * and the queue runs the context's {@linkplain IrisContext#housekeeping() housekeeping} chores.
   * Default: a private context from {@link #clock}, {@link #runtime} and {@link #tenants}.
   *
   * @param context the shared context
   * @return this builder
   */
  public JobQueueBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  /**
   * The tenants that exist: enqueueing, reading or scheduling for any other tenant is a {@link
   * ValidationException} on {@code tenantId}, nothing written. Default {@link
   * TenantDirectory#acceptingAll()}.
   *
   * @param directory the tenant directory
   * @return this builder
   */
  public JobQueueBuilder tenants(TenantDirectory directory) {
    contextParts.tenants(directory);
    return this;
  }

  /**
   * The clock for run-at times, leases and stats. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public JobQueueBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The runtime that runs this facade's worker and scheduler. Default none: the facade then only
   * enqueues and reads.
   *
   * @param runtime the runtime
   * @return this builder
   */
  public JobQueueBuilder runtime(IrisRuntime runtime) {
    contextParts.runtime(runtime);
    return this;
  }

  /**
   * Registers the handler of a job type.
   *
   * @param type the job type
   * @param handler the handler
   * @return this builder
   * @throws IllegalStateException if the type has a handler already
   */
  public JobQueueBuilder handler(String type, JobHandler handler) {
    java.util.Objects.requireNonNull(type, "type");
    java.util.Objects.requireNonNull(handler, "handler");
    JobNames.type(Validation.of(), "type", type).throwIfInvalid();
    if (handlers.putIfAbsent(type, handler) != null) {
      throw BuilderChecks.duplicate("handler for type", type);
    }
    return this;
  }

  /**
   * Job types handled by workers elsewhere, so this node may enqueue them. Default none.
   *
   * @param types the job types
   * @return this builder
   */
  public JobQueueBuilder knownTypes(String... types) {
    java.util.Objects.requireNonNull(types, "types");
    for (int i = 0; i < types.length; i++) {
      java.util.Objects.requireNonNull(types[i], "types[" + i + "]");
    }
    for (String type : types) {
      JobNames.type(Validation.of(), "type", type).throwIfInvalid();
      knownTypes.add(type);
    }
    return this;
  }

  /**
   * Timeout of jobs enqueued without one, at most {@link JobSpec#MAX_TIMEOUT}. Default 5 minutes.
   *
   * @param timeout the default timeout
   * @return this builder
   */
  public JobQueueBuilder defaultTimeout(Duration timeout) {
    this.defaultTimeout =
        BuilderChecks.setOnce(
            "defaultTimeout",
            this.defaultTimeout,
            BuilderChecks.positive("defaultTimeout", timeout, JobSpec.MAX_TIMEOUT));
    return this;
  }

  /**
   * Backoff of jobs enqueued without one. Default {@link RetryBackoff#DEFAULT} (1 s to 1 h).
   *
   * @param backoff the default backoff
   * @return this builder
   */
  public JobQueueBuilder backoff(RetryBackoff backoff) {
    this.backoff = BuilderChecks.setOnce("backoff", this.backoff, backoff);
    return this;
  }

  /**
   * How long an idempotency key deduplicates, at most {@link JobSpec#MAX_DELAY}. Default 24 hours.
   *
   * @param window the deduplication window
   * @return this builder
   */
  public JobQueueBuilder idempotencyWindow(Duration window) {
    this.idempotencyWindow =
        BuilderChecks.setOnce(
            "idempotencyWindow",
            this.idempotencyWindow,
            BuilderChecks.positive("idempotencyWindow", window, JobSpec.MAX_DELAY));
    return this;
  }

  /**
   * How long a claimed job's lease lasts between renewals (a third of it). Default 30 s.
   *
   * @param lease the lease duration
   * @return this builder
   */
  public JobQueueBuilder leaseDuration(Duration lease) {
    this.leaseDuration =
        BuilderChecks.setOnce(
            "leaseDuration", this.leaseDuration, BuilderChecks.positive("leaseDuration", lease));
    return this;
  }

  /**
   * How often an idle worker polls for due jobs besides store signals. Default 500 ms.
   *
   * @param interval the poll interval
   * @return this builder
   */
  public JobQueueBuilder pollInterval(Duration interval) {
    this.pollInterval =
        BuilderChecks.setOnce(
            "pollInterval", this.pollInterval, BuilderChecks.positive("pollInterval", interval));
    return this;
  }

  /**
   * How often the scheduler fires schedules and sweeps leases. Default 1 s.
   *
   * @param interval the scheduler interval
   * @return this builder
   */
  public JobQueueBuilder schedulerInterval(Duration interval) {
    this.schedulerInterval =
        BuilderChecks.setOnce(
            "schedulerInterval",
            this.schedulerInterval,
            BuilderChecks.positive("schedulerInterval", interval));
    return this;
  }

  /**
   * Most jobs a worker claims per queue in one round, and most claimed jobs a queue keeps waiting
   * on this worker for a free slot (besides those running), 1 to 1,000. Larger batches mean fewer
   * claims for short jobs; for long jobs keep it near the queues' concurrency, so that one node
   * does not hold jobs other nodes could run. Default 10.
   *
   * @param batch the claim batch size
   * @return this builder
   */
  public JobQueueBuilder claimBatch(int batch) {
    this.claimBatch =
        BuilderChecks.setOnce(
            "claimBatch", this.claimBatch, BuilderChecks.inRange("claimBatch", batch, 1, 1000));
    return this;
  }

  /**
   * How many finished attempts may wait for their outcome to be written before the worker stops
   * starting and claiming jobs until a write catches up: 1 to {@value CompletionBatcher#MAX_BATCH},
   * default {@value #DEFAULT_MAX_UNRECORDED_OUTCOMES}. Outcomes are written without a timer (at
   * once while no write runs, else right after the write in progress, up to {@value
   * CompletionBatcher#MAX_BATCH} per store call), so this bounds the jobs that run twice when a
   * worker process dies: at most this many plus the sum of its queues' concurrency. Lower it to
   * narrow that window at some throughput when the store is slow.
   *
   * @param max the most unrecorded outcomes
   * @return this builder
   */
  public JobQueueBuilder maxUnrecordedOutcomes(int max) {
    this.maxUnrecordedOutcomes =
        BuilderChecks.setOnce(
            "maxUnrecordedOutcomes",
            this.maxUnrecordedOutcomes,
            BuilderChecks.inRange("maxUnrecordedOutcomes", max, 1, CompletionBatcher.MAX_BATCH));
    return this;
  }

  /**
   * This node's name in leases and attempt history. Default {@code node-} and a random id.
   *
   * @param name the node name
   * @return this builder
   */
  public JobQueueBuilder nodeName(String name) {
    java.util.Objects.requireNonNull(name, "name");
    Validation.of().text("nodeName", name, 100).throwIfInvalid();
    this.nodeName = BuilderChecks.setOnce("nodeName", this.nodeName, name);
    return this;
  }

  /**
   * The tenant that owns system schedules. Default {@code system}.
   *
   * @param tenant the system tenant
   * @return this builder
   */
  public JobQueueBuilder systemTenant(TenantId tenant) {
    this.systemTenant = BuilderChecks.setOnce("systemTenant", this.systemTenant, tenant);
    return this;
  }

  /**
   * Whether to run a worker on the runtime. Default true.
   *
   * @param run true to run a worker
   * @return this builder
   */
  public JobQueueBuilder runWorker(boolean run) {
    this.runWorker = BuilderChecks.setOnce("runWorker", this.runWorker, run);
    return this;
  }

  /**
   * Whether to run a scheduler on the runtime. Default true.
   *
   * @param run true to run a scheduler
   * @return this builder
   */
  public JobQueueBuilder runScheduler(boolean run) {
    this.runScheduler = BuilderChecks.setOnce("runScheduler", this.runScheduler, run);
    return this;
  }

  /**
   * Restricts this node's worker to these queues. Default: every queue.
   *
   * @param queues the queue names
   * @return this builder
   */
  public JobQueueBuilder workerQueues(String... queues) {
    java.util.Objects.requireNonNull(queues, "queues");
    for (int i = 0; i < queues.length; i++) {
      java.util.Objects.requireNonNull(queues[i], "queues[" + i + "]");
    }
    this.workerQueues = BuilderChecks.setOnce("workerQueues", this.workerQueues, Set.of(queues));
    return this;
  }

  /**
   * Builds the facade and, with a runtime, registers its worker and scheduler there (they start
   * with the runtime). Writes nothing to the store.
   *
   * @return the job queue
   * @throws IllegalStateException if no store was given
   */
  public JobQueue build() {
    if (store == null) {
      throw new IllegalStateException("JobQueue needs a store: call store(...)");
    }
    return new JobQueue(this);
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  JobSettings settings(IrisContext context) {
    return new JobSettings(
        context.clock(),
        context.ids(),
        orDefault(defaultTimeout, Duration.ofMinutes(5)),
        orDefault(backoff, RetryBackoff.DEFAULT),
        orDefault(idempotencyWindow, Duration.ofHours(24)),
        orDefault(leaseDuration, Duration.ofSeconds(30)),
        orDefault(pollInterval, Duration.ofMillis(500)),
        orDefault(claimBatch, 10),
        orDefault(nodeName, "node-" + UUID.randomUUID().toString().substring(0, 8)),
        orDefault(systemTenant, TenantId.of("system")),
        orDefault(schedulerInterval, Duration.ofSeconds(1)),
        orDefault(maxUnrecordedOutcomes, DEFAULT_MAX_UNRECORDED_OUTCOMES));
  }

  boolean runsWorker() {
    return runWorker == null || runWorker;
  }

  boolean runsScheduler() {
    return runScheduler == null || runScheduler;
  }

  private static <T> T orDefault(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }
}
