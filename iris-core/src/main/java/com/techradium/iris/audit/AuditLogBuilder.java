package com.techradium.iris.audit;

import com.techradium.iris.core.BuilderChecks;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link AuditLog}. Only the store is required. Each part can be set once. Not
 * thread-safe.
 */
public final class AuditLogBuilder {
  @Nullable AuditStore store;
  Clock clock = Clock.systemUTC();
  private boolean clockSet;
  @Nullable CheckpointSigner signer;
  long checkpointInterval = 10_000;
  private boolean checkpointIntervalSet;
  @Nullable IrisRuntime runtime;
  AsyncWriterSettings writerSettings = AsyncWriterSettings.defaults();
  RetentionPolicy retention = RetentionPolicy.defaults();
  List<BruteForceRule> bruteForceRules = BruteForceRule.defaults();
  AuditListener listener = AuditListener.NONE;
  int cleanupBatchSize = 1000;
  @Nullable TenantDirectory tenants;
  private @Nullable IrisContext context;

  AuditLogBuilder() {}

  /**
   * The shared context: its clock, runtime (if it has one) and tenant directory count as set here,
   * and the audit log declares its retention chore on the context's {@linkplain
   * IrisContext#housekeeping() housekeeping}, which the context's job queue runs. Default: a
   * private context from {@link #clock}, {@link #runtime} and {@link #tenants}.
   */
  public AuditLogBuilder context(IrisContext context) {
    BuilderChecks.setOnce("context", this.context, context);
    if (clockSet || runtime != null || tenants != null) {
      throw new IllegalStateException("context must be set before clock, runtime and tenants");
    }
    this.context = context;
    return this;
  }

  IrisContext context() {
    if (context != null) {
      return context;
    }
    IrisContext.Builder made = IrisContext.builder().clock(clock);
    if (runtime != null) {
      made.runtime(runtime);
    }
    if (tenants != null) {
      made.tenants(tenants);
    }
    return made.build();
  }

  private void requireNoContext(String part) {
    if (context != null) {
      throw new IllegalStateException(part + " was already set by context(...)");
    }
  }

  /** Where events are kept. Required. */
  public AuditLogBuilder store(AuditStore store) {
    requireUnset(this.store, "store");
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** The time source. Default: the system clock in UTC. */
  public AuditLogBuilder clock(Clock clock) {
    requireNoContext("clock");
    if (clockSet) {
      throw new IllegalStateException("clock was already set");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    clockSet = true;
    return this;
  }

  /**
   * The key that signs checkpoints. Without one, no checkpoints are written, {@link
   * AuditLog#cleanup()} and {@link AuditLog#checkpoint} are unavailable and verification always
   * starts at the beginning of each chain.
   */
  public AuditLogBuilder signer(CheckpointSigner signer) {
    requireUnset(this.signer, "signer");
    this.signer = Objects.requireNonNull(signer, "signer");
    return this;
  }

  /**
   * Signs a checkpoint automatically at every {@code interval}-th event of each chain. Default
   * 10,000; 0 turns periodic checkpoints off. Needs a {@link #signer}.
   */
  public AuditLogBuilder checkpointEvery(long interval) {
    if (interval < 0) {
      throw new IllegalArgumentException("interval must not be negative, got " + interval);
    }
    this.checkpointInterval = interval;
    this.checkpointIntervalSet = true;
    return this;
  }

  /**
   * The runtime on which the asynchronous writer runs; without one, {@link AuditLog#enqueue} is
   * unavailable. The writer is registered on the runtime by {@link #build()}; while the runtime
   * runs, it has a dedicated thread of its own ({@code <runtime>-audit-writer}) and takes none of
   * the runtime's shared worker threads. Closing the runtime flushes it and ends that thread.
   */
  public AuditLogBuilder runtime(IrisRuntime runtime) {
    requireNoContext("runtime");
    requireUnset(this.runtime, "runtime");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    return this;
  }

  /** Settings of the asynchronous writer. Default {@link AsyncWriterSettings#defaults()}. */
  public AuditLogBuilder asyncWriter(AsyncWriterSettings settings) {
    this.writerSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Retention periods. Default 365 days for every category. */
  public AuditLogBuilder retention(RetentionPolicy retention) {
    this.retention = Objects.requireNonNull(retention, "retention");
    return this;
  }

  /** Brute-force rules. Default {@link BruteForceRule#defaults()}; an empty list disables. */
  public AuditLogBuilder bruteForceRules(List<BruteForceRule> rules) {
    this.bruteForceRules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    return this;
  }

  /**
   * The tenants that exist: events for any other tenant are rejected with a {@link
   * com.techradium.iris.core.ValidationException} on {@code tenantId} before anything is written.
   * Default {@link TenantDirectory#acceptingAll()}.
   */
  public AuditLogBuilder tenants(TenantDirectory directory) {
    requireNoContext("tenants");
    requireUnset(this.tenants, "tenants");
    this.tenants = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** Host hooks for detections and write failures. Default: none. */
  public AuditLogBuilder listener(AuditListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Events deleted per retention batch. Default 1,000. */
  public AuditLogBuilder cleanupBatchSize(int size) {
    if (size < 1 || size > 100_000) {
      throw new IllegalArgumentException("cleanupBatchSize must be 1 to 100000, got " + size);
    }
    this.cleanupBatchSize = size;
    return this;
  }

  /**
   * The audit log.
   *
   * @throws IllegalStateException if no store was given
   */
  public AuditLog build() {
    if (store == null) {
      throw new IllegalStateException("AuditLog needs a store: builder().store(...)");
    }
    if (checkpointIntervalSet && checkpointInterval > 0 && signer == null) {
      throw new IllegalStateException("checkpointEvery needs a signer: builder().signer(...)");
    }
    return new AuditLog(this);
  }

  private static void requireUnset(@Nullable Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
