package com.techradium.iris;

import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.ApiKeyManagerBuilder;
import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditLogBuilder;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobQueueBuilder;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.HealthMonitorBuilder;
import com.techradium.iris.monitor.IncidentManager;
import com.techradium.iris.monitor.IncidentManagerBuilder;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.MetricStore;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.RateLimiterBuilder;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.RecordingVaultBuilder;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookDispatcherBuilder;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * IRIS in one piece: every facade built on one {@link IrisStorage} registry and one {@link
 * IrisContext} (clock, runtime, tenants, ids, hooks). Optional — each facade can also be built on
 * its own with its builder.
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
 * <p>Each facade declares its own recurring chores (the job queue's nightly cleanup, the audit
 * log's retention when it signs checkpoints) on the context's {@link IrisContext#housekeeping()
 * housekeeping}, and the job queue runs them as schedules.
 *
 * <p>{@link #start()} starts the runtime, and with it the audit log's asynchronous writer, the job
 * workers and the cron scheduler; building starts no thread and writes nothing. {@link #close()}
 * drains and stops a runtime this object created; a runtime the host passed in stays the host's to
 * close. Stores and their clients (data sources, Redis clients) always stay the host's.
 * Thread-safe.
 */
public final class Iris implements AutoCloseable {
  private final IrisStorage storage;
  private final IrisContext context;
  private final boolean ownsRuntime;
  private final AuditLog audit;
  private final JobQueue jobs;
  private final ApiKeyManager apiKeys;
  private final @Nullable WebhookDispatcher webhooks;
  private final RateLimiter rateLimits;
  private final IncidentManager incidents;
  private final HealthMonitor health;
  private final @Nullable RecordingVault recordings;

  private Iris(Builder builder) {
    this.storage = builder.storage;
    this.ownsRuntime = builder.runtime == null;
    this.context =
        IrisContext.builder()
            .clock(builder.clock)
            .runtime(builder.runtime != null ? builder.runtime : IrisRuntime.create())
            .tenants(storage.tenants())
            .build();
    this.audit =
        configured(
                AuditLog.builder().context(context).store(storage.store(AuditStore.class)),
                builder.auditOptions)
            .build();
    this.jobs =
        configured(
                JobQueue.builder().context(context).store(storage.store(JobStore.class)),
                builder.jobOptions)
            .build();
    this.apiKeys =
        configured(
                withFeed(
                    ApiKeyManager.builder()
                        .context(context)
                        .store(storage.store(ApiKeyStore.class)),
                    storage),
                builder.apiKeyOptions)
            .build();
    this.webhooks =
        builder.webhooksSet
            ? configured(
                    WebhookDispatcher.builder()
                        .context(context)
                        .store(storage.store(WebhookStore.class)),
                    builder.webhookOptions)
                .build()
            : null;
    this.rateLimits =
        configured(
                RateLimiter.builder()
                    .context(context)
                    .store(storage.store(RateLimitStore.class))
                    .counters(
                        storage
                            .find(RateLimitCounters.class)
                            .orElseGet(InMemoryRateLimitCounters::new)),
                builder.rateLimitOptions)
            .build();
    this.incidents =
        configured(
                IncidentManager.builder()
                    .context(context)
                    .store(storage.store(IncidentStore.class)),
                builder.incidentOptions)
            .build();
    this.health =
        configured(
                HealthMonitor.builder()
                    .context(context)
                    .results(storage.store(CheckResultStore.class))
                    .metrics(storage.store(MetricStore.class))
                    .alertRules(storage.store(AlertRuleStore.class))
                    .incidents(incidents),
                builder.healthOptions)
            .build();
    IrisSelfReport.register(health, context.clock(), jobs, webhooks, rateLimits);
    this.recordings =
        builder.recordingsSet
            ? configured(
                    RecordingVault.builder()
                        .context(context)
                        .store(storage.store(RecordingStore.class))
                        .metadataStore(storage.store(RecordingMetadataStore.class)),
                    builder.recordingOptions)
                .build()
            : null;
  }

  /** Hands the storage's change feed (Redis, if registered) to the key manager. */
  private static ApiKeyManagerBuilder withFeed(ApiKeyManagerBuilder keys, IrisStorage storage) {
    storage.find(ApiKeyChangeFeed.class).ifPresent(keys::changeFeed);
    return keys;
  }

  private static <B> B configured(B facadeBuilder, Consumer<B> options) {
    options.accept(facadeBuilder);
    return facadeBuilder;
  }

  /**
   * IRIS on complete in-memory stores and the system clock; call {@link #start()} to run it.
   *
   * @return IRIS on in-memory stores, not started
   */
  public static Iris inMemory() {
    return builder().build();
  }

  /**
   * Starts configuring IRIS.
   *
   * @return a builder with every part at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the runtime and every background service on it. Idempotent.
   *
   * @return this instance, started
   */
  public Iris start() {
    runtime().start();
    return this;
  }

  /**
   * The audit log.
   *
   * @return the audit log facade
   */
  public AuditLog audit() {
    return audit;
  }

  /**
   * The durable job queue.
   *
   * @return the job queue facade
   */
  public JobQueue jobs() {
    return jobs;
  }

  /**
   * The API key manager.
   *
   * @return the API key manager facade
   */
  public ApiKeyManager apiKeys() {
    return apiKeys;
  }

  /**
   * The webhook dispatcher, whose deliveries run on {@link #jobs()}.
   *
   * @return the webhook dispatcher facade
   * @throws IllegalStateException if {@link Builder#webhooks} was not given a transport and key
   */
  public WebhookDispatcher webhooks() {
    if (webhooks == null) {
      throw new IllegalStateException(
          "webhooks need a transport and a secret key: "
              + "Iris.builder().webhooks(w -> w.transport(...).secretKey(...))");
    }
    return webhooks;
  }

  /**
   * The rate limiter: counters from the storage's {@code RateLimitCounters} (Redis with {@code
   * RedisIris.storage}), else in this JVM.
   *
   * @return the rate limiter facade
   */
  public RateLimiter rateLimits() {
    return rateLimits;
  }

  /**
   * The health monitor: checks, metrics, alert rules, uptime and the status summary. IRIS's own
   * parts report on it as non-critical components: the job queue as {@code iris-jobs} (gauges
   * {@code iris.jobs.queued}, {@code iris.jobs.oldest_wait_seconds}), the webhook dispatcher, when
   * configured, as {@code iris-webhooks} ({@code iris.webhooks.attempts}, {@code
   * iris.webhooks.failed_attempts}, {@code iris.webhooks.pending}) and the rate limiter as {@code
   * iris-ratelimit} ({@code iris.ratelimit.denied}); see docs/monitoring.md for their rules.
   *
   * @return the health monitor facade
   */
  public HealthMonitor health() {
    return health;
  }

  /**
   * Incidents and maintenance windows, shown by the health monitor's status summary.
   *
   * @return the incident manager facade
   */
  public IncidentManager incidents() {
    return incidents;
  }

  /**
   * The recording vault: encrypted call recordings, stored and served with every access audited.
   *
   * @return the recording vault facade
   * @throws IllegalStateException unless the builder configured it with {@link Builder#recordings},
   *     which must at least name the key provider
   */
  public RecordingVault recordings() {
    if (recordings == null) {
      throw new IllegalStateException(
          "recordings need a key provider: Iris.builder().recordings(r -> r.keyProvider(...))");
    }
    return recordings;
  }

  /**
   * The context every facade shares: clock, runtime, tenants, ids and hooks.
   *
   * @return the shared context
   */
  public IrisContext context() {
    return context;
  }

  /**
   * The tenant directory every facade checks tenants against.
   *
   * @return the tenant directory of the shared context
   */
  public TenantDirectory tenants() {
    return context.tenants();
  }

  /**
   * The stores behind the facades.
   *
   * @return the storage registry
   */
  public IrisStorage storage() {
    return storage;
  }

  /**
   * The clock every facade reads.
   *
   * @return the shared clock
   */
  public Clock clock() {
    return context.clock();
  }

  /**
   * The runtime that runs background work.
   *
   * @return the runtime background work runs on
   */
  public IrisRuntime runtime() {
    return context.runtime().orElseThrow();
  }

  /**
   * Stops background work, letting in-flight work drain within the runtime's shutdown timeout — if
   * this object created the runtime. Idempotent.
   */
  @Override
  public void close() {
    if (ownsRuntime) {
      runtime().close();
    }
  }

  /** Configures {@link Iris}. Every part has a default and can be set once; not thread-safe. */
  public static final class Builder {
    private IrisStorage storage = IrisStorage.inMemory();
    private boolean storageSet;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private @Nullable IrisRuntime runtime;
    private Consumer<AuditLogBuilder> auditOptions = b -> {};
    private boolean auditSet;
    private Consumer<JobQueueBuilder> jobOptions = b -> {};
    private boolean jobsSet;
    private Consumer<ApiKeyManagerBuilder> apiKeyOptions = b -> {};
    private boolean apiKeysSet;
    private Consumer<WebhookDispatcherBuilder> webhookOptions = b -> {};
    private boolean webhooksSet;
    private Consumer<RateLimiterBuilder> rateLimitOptions = b -> {};
    private boolean rateLimitsSet;
    private Consumer<HealthMonitorBuilder> healthOptions = b -> {};
    private boolean healthSet;
    private Consumer<IncidentManagerBuilder> incidentOptions = b -> {};
    private boolean incidentsSet;
    private Consumer<RecordingVaultBuilder> recordingOptions = b -> {};
    private boolean recordingsSet;

    private Builder() {}

    /**
     * The stores. Default {@link IrisStorage#inMemory()}.
     *
     * @param storage the storage registry
     * @return this builder
     */
    public Builder storage(IrisStorage storage) {
      storageSet = BuilderChecks.markSet("storage", storageSet);
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * The clock every facade reads. Default: the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      clockSet = BuilderChecks.markSet("clock", clockSet);
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A runtime the host owns and closes. Default: one created here with {@link
     * IrisRuntime#create()} and closed by {@link Iris#close()}.
     *
     * @param runtime the host's runtime; {@link Iris#close()} leaves it running
     * @return this builder
     */
    public Builder runtime(IrisRuntime runtime) {
      this.runtime = BuilderChecks.setOnce("runtime", this.runtime, runtime);
      return this;
    }

    /**
     * Further audit settings (signer, retention, brute-force rules, listener, ...). Store and
     * context are already set from this builder.
     *
     * @param options a callback that configures the audit log builder
     * @return this builder
     */
    public Builder audit(Consumer<AuditLogBuilder> options) {
      auditSet = BuilderChecks.markSet("audit", auditSet);
      this.auditOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further job-queue settings (handlers, backoff, lease, worker queues, ...). Store and context
     * are already set from this builder.
     *
     * @param options a callback that configures the job queue builder
     * @return this builder
     */
    public Builder jobs(Consumer<JobQueueBuilder> options) {
      jobsSet = BuilderChecks.markSet("jobs", jobsSet);
      this.jobOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further API key settings (pepper, cache, warning lead times, listener, ...). Store, context
     * and, when the storage has one, the change feed are already set from this builder.
     *
     * @param options a callback that configures the API key manager builder
     * @return this builder
     */
    public Builder apiKeys(Consumer<ApiKeyManagerBuilder> options) {
      apiKeysSet = BuilderChecks.markSet("apiKeys", apiKeysSet);
      this.apiKeyOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Turns the webhook dispatcher on, with its transport (e.g. {@code
     * OkHttpWebhookTransport.create()} from iris-webhook-okhttp) and the key that seals endpoint
     * secrets, and any further settings. Store and context are already set from this builder.
     * Default: no dispatcher.
     *
     * @param options a callback that sets the transport, the sealing key and other settings
     * @return this builder
     */
    public Builder webhooks(Consumer<WebhookDispatcherBuilder> options) {
      webhooksSet = BuilderChecks.markSet("webhooks", webhooksSet);
      this.webhookOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further rate-limiter settings (default rules, expected nodes, unavailable pause, ...). Store,
     * counters and context are already set from this builder.
     *
     * @param options a callback that configures the rate limiter builder
     * @return this builder
     */
    public Builder rateLimits(Consumer<RateLimiterBuilder> options) {
      rateLimitsSet = BuilderChecks.markSet("rateLimits", rateLimitsSet);
      this.rateLimitOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further health-monitor settings (check threads, uptime policy, retention, ...). Stores,
     * incident manager and context are already set from this builder.
     *
     * @param options a callback that configures the health monitor builder
     * @return this builder
     */
    public Builder health(Consumer<HealthMonitorBuilder> options) {
      healthSet = BuilderChecks.markSet("health", healthSet);
      this.healthOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Further incident-manager settings. Store and context are already set from this builder.
     *
     * @param options a callback that configures the incident manager builder
     * @return this builder
     */
    public Builder incidents(Consumer<IncidentManagerBuilder> options) {
      incidentsSet = BuilderChecks.markSet("incidents", incidentsSet);
      this.incidentOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Turns on the recording vault and configures it, for example {@code r -> r.keyProvider(keys)};
     * the key provider is required. Its stores come from the storage ({@code RecordingStore} and
     * {@code RecordingMetadataStore}). Default: no vault.
     *
     * @param options a callback that configures the recording vault builder
     * @return this builder
     */
    public Builder recordings(Consumer<RecordingVaultBuilder> options) {
      recordingsSet = BuilderChecks.markSet("recordings", recordingsSet);
      this.recordingOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * IRIS, built but not started.
     *
     * @return a new instance; call {@link Iris#start()} to run its background work
     */
    public Iris build() {
      return new Iris(this);
    }
  }
}
