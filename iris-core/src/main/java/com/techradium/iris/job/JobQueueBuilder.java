package com.techradium.iris.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JobQueue}. Only the store is required; every other setting documents its
 * default. Not thread-safe.
 */
public final class JobQueueBuilder {
  @Nullable JobStore store;
  TenantDirectory tenants = TenantDirectory.acceptingAll();
  Clock clock = Clock.systemUTC();
  @Nullable IrisRuntime runtime;
  final Map<String, JobHandler> handlers = new LinkedHashMap<>();
  final Set<String> knownTypes = new HashSet<>();
  Duration defaultTimeout = Duration.ofMinutes(5);
  RetryBackoff backoff = RetryBackoff.DEFAULT;
  Duration idempotencyWindow = Duration.ofHours(24);
  Duration leaseDuration = Duration.ofSeconds(30);
  Duration pollInterval = Duration.ofMillis(500);
  Duration schedulerInterval = Duration.ofSeconds(1);
  int claimBatch = 10;
  String nodeName = "node-" + UUID.randomUUID().toString().substring(0, 8);
  TenantId systemTenant = TenantId.of("system");
  boolean runWorker = true;
  boolean runScheduler = true;
  @Nullable Set<String> workerQueues;

  JobQueueBuilder() {}

  /** The job store. Required. */
  public JobQueueBuilder store(JobStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * The tenants that exist: enqueueing or scheduling for any other tenant is a {@link
   * ValidationException} on {@code tenantId}, nothing written. Default {@link
   * TenantDirectory#acceptingAll()}.
   */
  public JobQueueBuilder tenants(TenantDirectory directory) {
    this.tenants = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** The clock for run-at times, leases and stats. Default: the system clock in UTC. */
  public JobQueueBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The runtime that runs this facade's {@link JobWorker} and {@link JobScheduler}. Default none:
   * the facade then only enqueues and reads.
   */
  public JobQueueBuilder runtime(IrisRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    return this;
  }

  /** Registers the handler of a job type. */
  public JobQueueBuilder handler(String type, JobHandler handler) {
    JobNames.type(Validation.of(), "type", type).throwIfInvalid();
    Objects.requireNonNull(handler, "handler");
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalArgumentException("handler for type " + type + " set twice");
    }
    return this;
  }

  /** Job types handled by workers elsewhere, so this node may enqueue them. Default none. */
  public JobQueueBuilder knownTypes(String... types) {
    for (String type : types) {
      JobNames.type(Validation.of(), "type", type).throwIfInvalid();
      knownTypes.add(type);
    }
    return this;
  }

  /** Timeout of jobs enqueued without one. Default 5 minutes. */
  public JobQueueBuilder defaultTimeout(Duration timeout) {
    this.defaultTimeout = positive("defaultTimeout", timeout);
    return this;
  }

  /** Backoff of jobs enqueued without one. Default {@link RetryBackoff#DEFAULT} (1 s to 1 h). */
  public JobQueueBuilder backoff(RetryBackoff backoff) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    return this;
  }

  /** How long an idempotency key deduplicates. Default 24 hours. */
  public JobQueueBuilder idempotencyWindow(Duration window) {
    this.idempotencyWindow = positive("idempotencyWindow", window);
    return this;
  }

  /** How long a claimed job's lease lasts between renewals (a third of it). Default 30 s. */
  public JobQueueBuilder leaseDuration(Duration lease) {
    this.leaseDuration = positive("leaseDuration", lease);
    return this;
  }

  /** How often an idle worker polls for due jobs besides store signals. Default 500 ms. */
  public JobQueueBuilder pollInterval(Duration interval) {
    this.pollInterval = positive("pollInterval", interval);
    return this;
  }

  /** How often the scheduler fires schedules and sweeps leases. Default 1 s. */
  public JobQueueBuilder schedulerInterval(Duration interval) {
    this.schedulerInterval = positive("schedulerInterval", interval);
    return this;
  }

  /**
   * Most jobs a worker claims per queue in one round, and most claimed jobs a queue keeps waiting
   * on this worker for a free slot (besides those running). Larger batches mean fewer claims for
   * short jobs; for long jobs keep it near the queues' concurrency, so that one node does not hold
   * jobs other nodes could run. Default 10.
   */
  public JobQueueBuilder claimBatch(int batch) {
    if (batch < 1 || batch > 1000) {
      throw new IllegalArgumentException("claimBatch must be between 1 and 1000: " + batch);
    }
    this.claimBatch = batch;
    return this;
  }

  /** This node's name in leases and attempt history. Default {@code node-} and a random id. */
  public JobQueueBuilder nodeName(String name) {
    Validation.of().text("nodeName", name, 100).throwIfInvalid();
    this.nodeName = name;
    return this;
  }

  /** The tenant that owns system schedules. Default {@code system}. */
  public JobQueueBuilder systemTenant(TenantId tenant) {
    this.systemTenant = Objects.requireNonNull(tenant, "tenant");
    return this;
  }

  /** Whether to run a worker on the runtime. Default true. */
  public JobQueueBuilder runWorker(boolean run) {
    this.runWorker = run;
    return this;
  }

  /** Whether to run a scheduler on the runtime. Default true. */
  public JobQueueBuilder runScheduler(boolean run) {
    this.runScheduler = run;
    return this;
  }

  /** Restricts this node's worker to these queues. Default: every queue. */
  public JobQueueBuilder workerQueues(String... queues) {
    this.workerQueues = Set.of(queues);
    return this;
  }

  /**
   * Builds the facade: creates the default queues and the cleanup schedule if missing and, with a
   * runtime, registers the worker and scheduler on it (they start with the runtime).
   *
   * @throws IllegalStateException if no store was given
   */
  public JobQueue build() {
    if (store == null) {
      throw new IllegalStateException("JobQueue needs a store: call store(...)");
    }
    JobQueue queue = new JobQueue(this);
    queue.start(runtime);
    return queue;
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms: " + value);
    }
    return value;
  }
}
