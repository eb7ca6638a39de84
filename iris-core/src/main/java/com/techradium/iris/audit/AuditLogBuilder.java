package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link AuditLog}. Only the store is required; every other part has the default its
 * setter documents.
 *
 * <p>Each part can be set once: a second call is an {@link IllegalStateException} ("{@code <part>
 * was already set}"). Each setter validates its argument (null is a {@link NullPointerException}
 * naming it, a number out of range an {@link IllegalArgumentException}); {@link #build()} checks
 * the parts together. Building writes nothing to the store and starts no thread: with a {@link
 * #runtime}, the asynchronous writer is registered on the runtime and starts with it. Not
 * thread-safe.
 */
public final class AuditLogBuilder {
  /** The largest {@link #checkpointEvery} interval. */
  public static final long MAX_CHECKPOINT_INTERVAL = 1_000_000_000L;

  /** The largest {@link #cleanupBatchSize}. */
  public static final int MAX_CLEANUP_BATCH_SIZE = 100_000;

  @Nullable AuditStore store;
  @Nullable CheckpointSigner signer;
  long checkpointInterval = 10_000;
  private boolean checkpointIntervalSet;
  @Nullable Duration checkpointMaxAge = DEFAULT_CHECKPOINT_MAX_AGE;
  private boolean checkpointMaxAgeSet;
  @Nullable CheckpointSink checkpointSink;
  @Nullable AuditChainKey chainKey;
  @Nullable List<AuditChainKey> retiredChainKeys;

  /** The default {@link #checkpointAtLeastEvery} bound: one minute. */
  public static final Duration DEFAULT_CHECKPOINT_MAX_AGE = Duration.ofMinutes(1);

  AsyncWriterSettings writerSettings = AsyncWriterSettings.defaults();
  private boolean writerSettingsSet;
  RetentionPolicy retention = RetentionPolicy.defaults();
  private boolean retentionSet;
  List<BruteForceRule> bruteForceRules = BruteForceRule.defaults();
  private boolean bruteForceRulesSet;
  AuditListener listener = AuditListener.NONE;
  private boolean listenerSet;
  int cleanupBatchSize = 1000;
  private boolean cleanupBatchSizeSet;

  private final ContextParts contextParts = new ContextParts("clock, runtime and tenants");

  AuditLogBuilder() {}

  /**
   * The shared context: its clock, runtime (if it has one) and tenant directory count as set here,
   * and the audit log declares its retention chore on the context's {@linkplain
   * IrisContext#housekeeping() housekeeping}, which the context's job queue runs. Default: a
   * private context from {@link #clock}, {@link #runtime} and {@link #tenants}.
   *
   * @param context the shared context
   * @return this builder
   */
  public AuditLogBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * Where events are kept. Required.
   *
   * @param store the audit store
   * @return this builder
   */
  public AuditLogBuilder store(AuditStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public AuditLogBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The key that signs checkpoints. Default: none — no checkpoints are written, {@link
   * AuditLog#cleanup()} and {@link AuditLog#checkpoint} are unavailable and verification always
   * starts at the beginning of each chain.
   *
   * @param signer the checkpoint signer
   * @return this builder
   */
  public AuditLogBuilder signer(CheckpointSigner signer) {
    this.signer = BuilderChecks.setOnce("signer", this.signer, signer);
    return this;
  }

  /**
   * Keys the hash chains: every event recorded from now on is linked with HMAC-SHA256 under {@code
   * key} instead of plain SHA-256 (see {@link com.techradium.iris.audit.spi.AuditChain}), so that
   * someone who can write to the store but does not hold the key cannot append an event that
   * verifies, even with a recomputed hash. {@link AuditLog#verify} then checks keyed events with
   * the key their link names: a plain link after a keyed one is {@link
   * ChainBreak.Kind#UNKEYED_LINK}, a link of a key the log was not given {@link
   * ChainBreak.Kind#UNKNOWN_CHAIN_KEY}, one made with another secret under the same key id {@link
   * ChainBreak.Kind#MODIFIED}.
   *
   * <p>Every process recording to or verifying the same chains needs the key; the store never
   * receives it. Events recorded before the key was configured keep their plain hashes and still
   * verify; once a chain is keyed, keep configuring a key (a process without one would append plain
   * links, which verification reports). Default: none, the plain SHA-256 chain.
   *
   * @param key the current chain key
   * @return this builder
   */
  public AuditLogBuilder chainKey(AuditChainKey key) {
    this.chainKey = BuilderChecks.setOnce("chainKey", this.chainKey, key);
    return this;
  }

  /**
   * Former {@linkplain #chainKey chain keys}, used only to verify the events they chained after a
   * new key took over (a new key id). Needs a {@link #chainKey}; key ids must be distinct from each
   * other and from it. Default: none.
   *
   * @param keys the retired keys
   * @return this builder
   */
  public AuditLogBuilder retiredChainKeys(List<AuditChainKey> keys) {
    Objects.requireNonNull(keys, "keys");
    for (int i = 0; i < keys.size(); i++) {
      Objects.requireNonNull(keys.get(i), "keys[" + i + "]");
    }
    this.retiredChainKeys =
        BuilderChecks.setOnce("retiredChainKeys", this.retiredChainKeys, List.copyOf(keys));
    return this;
  }

  /**
   * Signs a checkpoint automatically at every {@code interval}-th event of each chain: 0 to {@value
   * #MAX_CHECKPOINT_INTERVAL}, 0 turning periodic checkpoints off. Default 10,000 with a {@link
   * #signer}; a positive interval needs one.
   *
   * @param interval the number of events between checkpoints, 0 for none
   * @return this builder
   */
  public AuditLogBuilder checkpointEvery(long interval) {
    BuilderChecks.inRange("checkpointEvery", interval, 0, MAX_CHECKPOINT_INTERVAL);
    checkpointIntervalSet = BuilderChecks.markSet("checkpointEvery", checkpointIntervalSet);
    this.checkpointInterval = interval;
    return this;
  }

  /**
   * Bounds the unprotected tail of each chain in time as well as in count: an append that comes at
   * least {@code maxAge} after the chain's last periodic checkpoint (made by this process, or its
   * first append to the chain since it started) signs one at the new last event. Between 1 second
   * and 1 day; default {@link #DEFAULT_CHECKPOINT_MAX_AGE}. It works with periodic checkpoints, so
   * {@code checkpointEvery(0)} turns it off too. While no events arrive no checkpoint is needed:
   * the tail does not grow.
   *
   * @param maxAge the longest time between periodic checkpoints of a chain
   * @return this builder
   */
  public AuditLogBuilder checkpointAtLeastEvery(Duration maxAge) {
    java.util.Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.compareTo(Duration.ofSeconds(1)) < 0 || maxAge.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "checkpointAtLeastEvery must be between 1 second and 1 day, got " + maxAge);
    }
    checkpointMaxAgeSet = BuilderChecks.markSet("checkpointAtLeastEvery", checkpointMaxAgeSet);
    this.checkpointMaxAge = maxAge;
    return this;
  }

  /**
   * Publishes every signed checkpoint outside the store as well, e.g. {@link FileCheckpointSink},
   * so that verification against the copies ({@link AuditLog#verify(TenantId,
   * java.util.Collection)}) detects a tail cut together with its checkpoints. Default: none.
   *
   * @param sink where checkpoints are published
   * @return this builder
   */
  public AuditLogBuilder checkpointSink(CheckpointSink sink) {
    this.checkpointSink = BuilderChecks.setOnce("checkpointSink", this.checkpointSink, sink);
    return this;
  }

  /**
   * The runtime on which the asynchronous writer runs. Default: none, and {@link AuditLog#enqueue}
   * is unavailable. {@link #build()} registers the writer on the runtime; while the runtime runs,
   * the writer has a dedicated thread of its own ({@code <runtime>-audit-writer}) and takes none of
   * the runtime's shared worker threads. Closing the runtime flushes it and ends that thread.
   *
   * @param runtime the runtime the writer runs on
   * @return this builder
   */
  public AuditLogBuilder runtime(IrisRuntime runtime) {
    contextParts.runtime(runtime);
    return this;
  }

  /**
   * Settings of the asynchronous writer. Default {@link AsyncWriterSettings#defaults()}. Needs a
   * {@link #runtime}.
   *
   * @param settings the writer's settings
   * @return this builder
   */
  public AuditLogBuilder asyncWriter(AsyncWriterSettings settings) {
    Objects.requireNonNull(settings, "asyncWriter");
    writerSettingsSet = BuilderChecks.markSet("asyncWriter", writerSettingsSet);
    this.writerSettings = settings;
    return this;
  }

  /**
   * Retention periods. Default {@link RetentionPolicy#defaults()}: 365 days for every category.
   *
   * @param retention the retention periods
   * @return this builder
   */
  public AuditLogBuilder retention(RetentionPolicy retention) {
    Objects.requireNonNull(retention, "retention");
    retentionSet = BuilderChecks.markSet("retention", retentionSet);
    this.retention = retention;
    return this;
  }

  /**
   * Brute-force rules. Default {@link BruteForceRule#defaults()}; an empty list disables detection.
   * Two rules of one scope and window are refused: they would share their detection events.
   *
   * @param rules the rules; empty to disable detection
   * @return this builder
   */
  public AuditLogBuilder bruteForceRules(List<BruteForceRule> rules) {
    Objects.requireNonNull(rules, "bruteForceRules");
    List<BruteForceRule> copy = List.copyOf(rules);
    Set<String> actions = new HashSet<>();
    for (BruteForceRule rule : copy) {
      if (!actions.add(rule.detectionAction())) {
        throw BuilderChecks.duplicate("brute-force rule", rule.detectionAction());
      }
    }
    bruteForceRulesSet = BuilderChecks.markSet("bruteForceRules", bruteForceRulesSet);
    this.bruteForceRules = copy;
    return this;
  }

  /**
   * The tenants that exist: every operation on any other tenant, read or write, is rejected with a
   * {@link com.techradium.iris.core.ValidationException} on {@code tenantId} before anything is
   * read or written. Default {@link TenantDirectory#acceptingAll()}.
   *
   * @param directory the tenant directory
   * @return this builder
   */
  public AuditLogBuilder tenants(TenantDirectory directory) {
    contextParts.tenants(directory);
    return this;
  }

  /**
   * Host hooks for detections and write failures. Default {@link AuditListener#NONE}.
   *
   * @param listener the listener
   * @return this builder
   */
  public AuditLogBuilder listener(AuditListener listener) {
    Objects.requireNonNull(listener, "listener");
    listenerSet = BuilderChecks.markSet("listener", listenerSet);
    this.listener = listener;
    return this;
  }

  /**
   * Events deleted per retention batch, 1 to {@value #MAX_CLEANUP_BATCH_SIZE}. Default 1,000.
   *
   * @param size events per delete batch
   * @return this builder
   */
  public AuditLogBuilder cleanupBatchSize(int size) {
    BuilderChecks.inRange("cleanupBatchSize", size, 1, MAX_CLEANUP_BATCH_SIZE);
    cleanupBatchSizeSet = BuilderChecks.markSet("cleanupBatchSize", cleanupBatchSizeSet);
    this.cleanupBatchSize = size;
    return this;
  }

  /**
   * The audit log. Writes nothing and starts nothing.
   *
   * @return the audit log
   * @throws IllegalStateException if no store was given, a positive {@link #checkpointEvery} was
   *     given without a {@link #signer}, {@link #asyncWriter} settings without a {@link #runtime},
   *     or {@link #retiredChainKeys} without a {@link #chainKey}
   * @throws IllegalArgumentException if two chain keys share a key id
   */
  public AuditLog build() {
    if (store == null) {
      throw new IllegalStateException("AuditLog needs a store: builder().store(...)");
    }
    if (checkpointIntervalSet && checkpointInterval > 0 && signer == null) {
      throw new IllegalStateException("checkpointEvery needs a signer: builder().signer(...)");
    }
    if (writerSettingsSet && context().runtime().isEmpty()) {
      throw new IllegalStateException("asyncWriter needs a runtime: builder().runtime(...)");
    }
    if (retiredChainKeys != null && chainKey == null) {
      throw new IllegalStateException("retiredChainKeys needs a chainKey: builder().chainKey(...)");
    }
    return new AuditLog(this);
  }

  /**
   * The chain keys: the current one and the retired ones.
   *
   * @throws IllegalArgumentException if two of them share a key id
   */
  ChainKeyring chainKeys() {
    return new ChainKeyring(
        chainKey, retiredChainKeys == null ? List.of() : retiredChainKeys, "retiredChainKeys");
  }
}
