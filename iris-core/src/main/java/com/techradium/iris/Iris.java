package com.techradium.iris;

import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditLogBuilder;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobQueueBuilder;
import com.techradium.iris.job.ScheduleSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * IRIS in one piece: every facade built on one set of stores, one clock and one {@link
 * IrisRuntime}. Optional — each facade can also be built on its own with its builder.
 *
 * <pre>{@code
 * try (Iris iris = Iris.inMemory().start()) {
 *   iris.audit().record(AuditEvent.builder(tenant, AuditCategory.AUDIT)
 *       .actor("user:42").action("invoice.paid").build());
 *   iris.jobs().enqueue(tenant, JobSpec.builder("emails", "send-receipt").payload("{}").build());
 * }
 * // on PostgreSQL: Iris.builder().storage(JdbcIris.storage(dataSource)).build().start()
 * }</pre>
 *
 * <p>Recurring housekeeping runs as jobs: the job queue's nightly cleanup, and — when the audit log
 * has a checkpoint signer — the audit retention schedule {@value #AUDIT_RETENTION_SCHEDULE}.
 *
 * <p>{@link #start()} starts the runtime, and with it the audit log's asynchronous writer, the job
 * workers and the cron scheduler; building starts no thread. {@link #close()} drains and stops a
 * runtime this object created; a runtime the host passed in stays the host's to close. Stores and
 * their clients (data sources, Redis clients) always stay the host's. Thread-safe.
 */
public final class Iris implements AutoCloseable {
  /**
   * The nightly schedule (03:45 UTC, queue {@code cleanup}, system tenant) that applies the audit
   * log's retention, registered when the audit log has a checkpoint signer.
   */
  public static final String AUDIT_RETENTION_SCHEDULE = "audit-retention";

  /** The job type of {@link #AUDIT_RETENTION_SCHEDULE}: runs {@link AuditLog#cleanup()}. */
  public static final String AUDIT_RETENTION_TYPE = "iris.audit.cleanup";

  private final IrisStorage storage;
  private final Clock clock;
  private final IrisRuntime runtime;
  private final boolean ownsRuntime;
  private final AuditLog audit;
  private final JobQueue jobs;

  private Iris(Builder builder) {
    this.storage = builder.storage;
    this.clock = builder.clock;
    this.ownsRuntime = builder.runtime == null;
    this.runtime = builder.runtime != null ? builder.runtime : IrisRuntime.create();

    AuditLogBuilder auditBuilder =
        AuditLog.builder()
            .store(storage.auditStore())
            .clock(clock)
            .runtime(runtime)
            .tenants(storage.tenants());
    builder.auditOptions.accept(auditBuilder);
    this.audit = auditBuilder.build();

    JobQueueBuilder jobBuilder =
        JobQueue.builder()
            .store(storage.jobStore())
            .clock(clock)
            .runtime(runtime)
            .tenants(storage.tenants());
    builder.jobOptions.accept(jobBuilder);
    this.jobs = jobBuilder.build();

    if (audit.signsCheckpoints()) {
      jobs.registerHandler(
          AUDIT_RETENTION_TYPE,
          ctx -> ctx.result("{\"eventsDeleted\":" + audit.cleanup().eventsDeleted() + "}"));
      jobs.registerSchedule(
          jobs.systemTenant(),
          ScheduleSpec.of(
              AUDIT_RETENTION_SCHEDULE,
              "45 3 * * *",
              ZoneOffset.UTC,
              "cleanup",
              AUDIT_RETENTION_TYPE));
    }
  }

  /** IRIS on complete in-memory stores and the system clock; call {@link #start()} to run it. */
  public static Iris inMemory() {
    return builder().build();
  }

  /** Starts configuring IRIS. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the runtime and every background service on it. Idempotent. */
  public Iris start() {
    runtime.start();
    return this;
  }

  /** The audit log. */
  public AuditLog audit() {
    return audit;
  }

  /** The durable job queue. */
  public JobQueue jobs() {
    return jobs;
  }

  /** The tenant directory every facade checks tenants against. */
  public TenantDirectory tenants() {
    return storage.tenants();
  }

  /** The stores behind the facades. */
  public IrisStorage storage() {
    return storage;
  }

  /** The clock every facade reads. */
  public Clock clock() {
    return clock;
  }

  /** The runtime that runs background work. */
  public IrisRuntime runtime() {
    return runtime;
  }

  /**
   * Stops background work, letting in-flight work drain within the runtime's shutdown timeout — if
   * this object created the runtime. Idempotent.
   */
  @Override
  public void close() {
    if (ownsRuntime) {
      runtime.close();
    }
  }

  /** Configures {@link Iris}. Every part has a default; not thread-safe. */
  public static final class Builder {
    private IrisStorage storage = IrisStorage.inMemory();
    private Clock clock = Clock.systemUTC();
    private @Nullable IrisRuntime runtime;
    private Consumer<AuditLogBuilder> auditOptions = b -> {};
    private Consumer<JobQueueBuilder> jobOptions = b -> {};

    private Builder() {}

    /** The stores. Default {@link IrisStorage#inMemory()}. */
    public Builder storage(IrisStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The clock every facade reads. Default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A runtime the host owns and closes. Default: one created here with {@link
     * IrisRuntime#create()} and closed by {@link Iris#close()}.
     */
    public Builder runtime(IrisRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Further audit settings (signer, retention, brute-force rules, listener, ...). Store, clock,
     * runtime and tenants are already set from this builder.
     */
    public Builder audit(Consumer<AuditLogBuilder> options) {
      this.auditOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further job-queue settings (handlers, backoff, lease, worker queues, ...). Store, clock,
     * runtime and tenants are already set from this builder.
     */
    public Builder jobs(Consumer<JobQueueBuilder> options) {
      this.jobOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** IRIS, built but not started. */
    public Iris build() {
      return new Iris(this);
    }
  }
}
