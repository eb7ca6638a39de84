package com.techradium.iris.core;

import com.techradium.iris.core.internal.BuilderChecks;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every facade of one deployment shares: the clock, the {@link IrisRuntime} that runs
 * background work, the tenant directory (with its cache of confirmed tenants), the id generator,
 * and the hooks facades use to talk to each other ({@link IrisEvents}) and to declare their
 * recurring chores ({@link Housekeeping}), durable work ({@link DeferredWork}) and failed logins
 * ({@link LoginFailures}). Every facade builder takes it in one call:
 *
 * <pre>{@code
 * IrisContext context = IrisContext.builder().runtime(runtime).tenants(directory).build();
 * AuditLog audit = AuditLog.builder().context(context).store(auditStore).build();
 * JobQueue jobs = JobQueue.builder().context(context).store(jobStore).build();
 * }</pre>
 *
 * <p>A facade built without a context makes a private one from the parts set on its builder. {@code
 * Iris} builds one context for all its facades. The context owns nothing: the runtime stays its
 * creator's to start and close. Immutable and thread-safe.
 */
public final class IrisContext {
  private final Clock clock;
  private final @Nullable IrisRuntime runtime;
  private final TenantDirectory tenants;
  private final KnownTenants knownTenants;
  private final TimeOrderedIds ids;
  private final IrisEvents events = new IrisEvents();
  private final Housekeeping housekeeping = new Housekeeping();
  private final DeferredWork deferredWork = new DeferredWork();
  private final LoginFailures loginFailures = new LoginFailures();

  private IrisContext(Builder builder) {
    this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
    this.runtime = builder.runtime;
    this.tenants = builder.tenants != null ? builder.tenants : TenantDirectory.acceptingAll();
    this.knownTenants = new KnownTenants(tenants);
    this.ids = new TimeOrderedIds(clock);
  }

  /**
   * Starts configuring a context; every part has a default.
   *
   * @return a builder with every part at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The clock every facade reads, once per operation.
   *
   * @return the clock, never null
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The runtime background work runs on, if one was given; without one, facades run none.
   *
   * @return the runtime, or empty when the context was built without one
   */
  public Optional<IrisRuntime> runtime() {
    return Optional.ofNullable(runtime);
  }

  /**
   * The directory of tenants that exist.
   *
   * @return the tenant directory, {@link TenantDirectory#acceptingAll()} unless one was set
   */
  public TenantDirectory tenants() {
    return tenants;
  }

  /**
   * The tenant check every facade applies to every operation, reads and writes alike.
   *
   * @return the tenant check shared by the facades of this context
   */
  public KnownTenants knownTenants() {
    return knownTenants;
  }

  /**
   * The UUIDv7 generator for new records, on {@link #clock()}.
   *
   * @return the id generator shared by the facades of this context
   */
  public TimeOrderedIds ids() {
    return ids;
  }

  /**
   * The hook through which facades tell each other what happened.
   *
   * @return the event hook shared by the facades of this context
   */
  public IrisEvents events() {
    return events;
  }

  /**
   * The recurring chores of the facades, run by the job queue.
   *
   * @return the chores registry shared by the facades of this context
   */
  public Housekeeping housekeeping() {
    return housekeeping;
  }

  /**
   * Durable work facades hand to the context's job queue, which runs it as jobs.
   *
   * @return the deferred-work registry shared by the facades of this context
   */
  public DeferredWork deferredWork() {
    return deferredWork;
  }

  /**
   * How the rate limiter and the audit log of this context count each failed login once and record
   * it once.
   *
   * @return the login-failure bridge shared by the facades of this context
   */
  public LoginFailures loginFailures() {
    return loginFailures;
  }

  /** Configures an {@link IrisContext}. Each part can be set once; not thread-safe. */
  public static final class Builder {
    private @Nullable Clock clock;
    private @Nullable IrisRuntime runtime;
    private @Nullable TenantDirectory tenants;

    private Builder() {}

    /**
     * The clock. Default: the system clock in UTC.
     *
     * @param clock the clock every facade reads
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = BuilderChecks.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The runtime for background work, owned by the caller. Default: none.
     *
     * @param runtime the runtime; the context does not close it
     * @return this builder
     */
    public Builder runtime(IrisRuntime runtime) {
      this.runtime = BuilderChecks.setOnce("runtime", this.runtime, runtime);
      return this;
    }

    /**
     * The tenants that exist. Default {@link TenantDirectory#acceptingAll()}.
     *
     * @param directory the tenant directory
     * @return this builder
     */
    public Builder tenants(TenantDirectory directory) {
      this.tenants = BuilderChecks.setOnce("tenants", this.tenants, directory);
      return this;
    }

    /**
     * The context.
     *
     * @return a new context; it starts no thread
     */
    public IrisContext build() {
      return new IrisContext(this);
    }
  }

  @Override
  public String toString() {
    return "IrisContext[clock=" + clock + ", runtime=" + (runtime != null) + "]";
  }
}
