package com.techradium.iris.audit;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.core.Validation;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident audit trail of a multi-tenant application: audit, security, data-access and
 * admin events in one model, hash-chained per tenant and category, with queries, verification,
 * signed checkpoints, retention, export and brute-force detection.
 *
 * <pre>{@code
 * AuditLog audit = AuditLog.builder()
 *     .store(new InMemoryAuditStore())            // or JdbcAuditStore on PostgreSQL
 *     .signer(new HmacCheckpointSigner("k1", secret))
 *     .build();
 * audit.record(AuditEvent.builder(tenant, AuditCategory.AUDIT)
 *     .actor("u-42").action("invoice.approve").target("invoice", "inv-7").build());
 * audit.recordFailedLogin(tenant, "alice", RequestContext.ip("203.0.113.9"));
 * VerificationReport report = audit.verify(tenant);
 * }</pre>
 *
 * <p><b>Guarantees.</b> {@link #record} returns once the event is durable in the store. Input is
 * validated completely before anything is written ({@link com.techradium.iris.core
 * .ValidationException} naming the fields). A batch is written atomically. Each event's hash covers
 * its content and the previous event's hash ({@link AuditChain}), so {@link #verify} finds the
 * first modified, deleted or reordered event. Reading the log on someone's behalf ({@link #query},
 * the ready-made queries, exports) is itself recorded as a data-access event.
 *
 * <p><b>Threads and lifecycle.</b> Thread-safe. The audit log owns no thread: the optional
 * asynchronous writer ({@link #enqueue}) runs on the {@link IrisRuntime} given to the builder,
 * which the host starts and closes; closing it flushes the buffer. The store, clock, signer and
 * runtime belong to the host.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

  /** The longest HTTP path {@link #recordApiRequest} keeps. */
  public static final int MAX_PATH_LENGTH = 2048;

  private final AuditStore store;
  private final Clock clock;
  private final TimeOrderedIds ids;
  private final @Nullable CheckpointSigner signer;
  private final long checkpointInterval;
  private final RetentionPolicy retention;
  private final int cleanupBatchSize;
  private final ChainVerifier verifier;
  private final BruteForceDetector bruteForce;
  private final AuditExporter exporter;
  private final @Nullable AsyncAuditWriter writer;

  private AuditLog(Builder builder) {
    this.store = Objects.requireNonNull(builder.store);
    this.clock = builder.clock;
    this.ids = new TimeOrderedIds(clock);
    this.signer = builder.signer;
    this.checkpointInterval = builder.signer == null ? 0 : builder.checkpointInterval;
    this.retention = builder.retention;
    this.cleanupBatchSize = builder.cleanupBatchSize;
    this.verifier = new ChainVerifier(store, signer);
    this.bruteForce = new BruteForceDetector(store, builder.bruteForceRules, builder.listener);
    this.exporter = new AuditExporter(store);
    if (builder.runtime != null) {
      AsyncAuditWriter async =
          new AsyncAuditWriter(builder.writerSettings, this::write, builder.listener);
      builder.runtime.register(async);
      this.writer = async;
    } else {
      this.writer = null;
    }
  }

  /** A builder; {@link Builder#store(AuditStore)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- recording

  /**
   * Records one event and returns it as stored, once it is durable.
   *
   * @throws com.techradium.iris.core.StorageException if the store fails (nothing was written)
   */
  public AuditRecord record(AuditEvent event) {
    return recordAll(List.of(event)).get(0);
  }

  /** Records a batch atomically: all events are stored, in order, or none. */
  public List<AuditRecord> recordAll(List<AuditEvent> events) {
    Objects.requireNonNull(events, "events");
    Validation validation = Validation.of();
    for (int i = 0; i < events.size(); i++) {
      validation.required("events[" + i + "]", events.get(i));
    }
    validation.throwIfInvalid();
    if (events.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<NewAuditRecord> stamped = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      stamped.add(new NewAuditRecord(ids.next(), now, event));
    }
    return write(stamped);
  }

  /**
   * Hands an event to the asynchronous batching writer and returns at once; it becomes durable
   * shortly after (see {@link #flush()}). When the buffer is full the configured {@link
   * FullBufferPolicy} applies: the call blocks for a while or throws {@link
   * AuditBufferFullException} — an event is never dropped silently.
   *
   * @throws IllegalStateException if the builder was given no runtime
   */
  public void enqueue(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    requireWriter().enqueue(new NewAuditRecord(ids.next(), now(), event));
  }

  /**
   * Waits until every event enqueued before this call is durable (up to 30 seconds).
   *
   * @throws com.techradium.iris.core.StorageException if a batch write failed meanwhile (the events
   *     stay buffered and are retried) or the wait timed out
   */
  public void flush() {
    requireWriter().flush(FLUSH_TIMEOUT);
  }

  /** Events enqueued and not yet written (0 without an asynchronous writer). */
  public long pendingEvents() {
    return writer == null ? 0 : writer.pending();
  }

  /**
   * Records a failed login of {@code account} and checks the brute-force rules; a detection is
   * recorded as a {@link SecurityEventKind#BRUTE_FORCE_DETECTED} event and passed to the {@link
   * AuditListener}.
   *
   * @param account the account id the caller tried to log in as
   * @param reason why it failed (e.g. {@code "bad_password"}), or null
   * @return the recorded event and the detections it triggered
   */
  public FailedLoginResult recordFailedLogin(
      TenantId tenant, String account, RequestContext where, @Nullable String reason) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (reason != null) {
      metadata.put("reason", reason);
    }
    AuditRecord recorded =
        record(
            AuditEvent.builder(tenant, AuditCategory.SECURITY)
                .securityKind(SecurityEventKind.FAILED_LOGIN)
                .actor(account, ActorType.USER)
                .action("user.login")
                .outcome(Outcome.FAILURE)
                .target("account", account)
                .context(where)
                .metadata(metadata)
                .build());
    List<BruteForceDetection> detections =
        bruteForce.afterFailedLogin(
            tenant, account, where.ipAddress(), recorded.recordedAt(), this::record);
    return new FailedLoginResult(recorded, detections);
  }

  /**
   * Records a failed login without a reason; see {@link #recordFailedLogin(TenantId, String,
   * RequestContext, String)}.
   */
  public FailedLoginResult recordFailedLogin(
      TenantId tenant, String account, RequestContext where) {
    return recordFailedLogin(tenant, account, where, null);
  }

  /**
   * Records a security event of {@code kind} with its default severity.
   *
   * @param action what was attempted, e.g. {@code "api.call"}
   */
  public AuditRecord recordSecurityEvent(
      TenantId tenant,
      SecurityEventKind kind,
      String actorId,
      ActorType actorType,
      String action,
      RequestContext where,
      Map<String, ?> metadata) {
    return record(
        AuditEvent.builder(tenant, AuditCategory.SECURITY)
            .securityKind(kind)
            .actor(actorId, actorType)
            .action(action)
            .outcome(Outcome.DENIED)
            .context(where)
            .metadata(metadata)
            .build());
  }

  /** Records that {@code actorId} exceeded the rate limit {@code limitName}. */
  public AuditRecord recordRateLimitViolation(
      TenantId tenant,
      String actorId,
      ActorType actorType,
      String limitName,
      RequestContext where) {
    return recordSecurityEvent(
        tenant,
        SecurityEventKind.RATE_LIMIT_VIOLATION,
        actorId,
        actorType,
        "rate_limit.exceeded",
        where,
        Map.of("limit", limitName));
  }

  /** Records a misuse of API key {@code apiKeyId} (wrong scope, wrong IP, revoked key...). */
  public AuditRecord recordKeyMisuse(
      TenantId tenant, String apiKeyId, String reason, RequestContext where) {
    return record(
        AuditEvent.builder(tenant, AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.KEY_MISUSE)
            .actor(apiKeyId, ActorType.API_KEY)
            .action("api_key.misuse")
            .outcome(Outcome.DENIED)
            .target("api_key", apiKeyId)
            .context(where)
            .metadata(Map.of("reason", reason))
            .build());
  }

  /**
   * Records that {@code actorId} read sensitive data: the records' type and ids, the kind of data
   * (PII, PHI...) and the purpose.
   */
  public AuditRecord recordDataAccess(
      TenantId tenant,
      String actorId,
      DataCategory dataCategory,
      String targetType,
      List<String> recordIds,
      @Nullable String purpose,
      RequestContext where) {
    return record(
        AuditEvent.builder(tenant, AuditCategory.DATA_ACCESS)
            .actor(actorId, ActorType.USER)
            .action(targetType + ".read")
            .dataCategory(dataCategory)
            .target(targetType, recordIds.size() == 1 ? recordIds.get(0) : null)
            .recordIds(recordIds)
            .purpose(purpose)
            .context(where)
            .build());
  }

  /**
   * Records a privileged action with the target's value before and after (JSON, either may be
   * null).
   */
  public AuditRecord recordAdminAction(
      TenantId tenant,
      String actorId,
      String action,
      String targetType,
      String targetId,
      @Nullable String beforeJson,
      @Nullable String afterJson,
      RequestContext where) {
    return record(
        AuditEvent.builder(tenant, AuditCategory.ADMIN)
            .actor(actorId, ActorType.USER)
            .action(action)
            .severity(Severity.MEDIUM)
            .target(targetType, targetId)
            .before(beforeJson)
            .after(afterJson)
            .context(where)
            .build());
  }

  /**
   * Records one API request, for hosts that log every request from a filter. The outcome follows
   * the status (2xx/3xx success, 401/403 denied, other 4xx failure, 5xx error). With an
   * asynchronous writer the event is {@linkplain #enqueue enqueued}, otherwise recorded
   * synchronously.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the request path (without query string), at most {@value #MAX_PATH_LENGTH} chars
   * @param status the HTTP status, 100 to 599
   * @param latency how long the request took
   * @param apiKeyId the API key used, if any (its id, never the secret)
   * @param actorId the authenticated user, if any
   */
  public void recordApiRequest(
      TenantId tenant,
      String method,
      String path,
      int status,
      Duration latency,
      @Nullable String apiKeyId,
      @Nullable String actorId,
      RequestContext where) {
    Validation.of()
        .text("method", method, 16)
        .check(method == null || method.matches("[A-Za-z]+"), "method", "must be letters only")
        .text("path", path, MAX_PATH_LENGTH)
        .range("status", status, 100, 599)
        .required("latency", latency)
        .check(latency == null || !latency.isNegative(), "latency", "must not be negative")
        .throwIfInvalid();
    String actor = actorId != null ? actorId : apiKeyId != null ? apiKeyId : "anonymous";
    ActorType type =
        actorId != null
            ? ActorType.USER
            : apiKeyId != null ? ActorType.API_KEY : ActorType.ANONYMOUS;
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("method", method.toUpperCase(java.util.Locale.ROOT));
    metadata.put("path", path);
    metadata.put("status", status);
    metadata.put("latencyMicros", latency.toNanos() / 1000);
    if (apiKeyId != null) {
      metadata.put("apiKeyId", apiKeyId);
    }
    AuditEvent event =
        AuditEvent.builder(tenant, AuditCategory.AUDIT)
            .actor(actor, type)
            .action("api.request")
            .outcome(outcomeOf(status))
            .severity(status >= 500 ? Severity.LOW : Severity.INFO)
            .target("http_path", path)
            .context(where)
            .metadata(metadata)
            .build();
    if (writer != null) {
      enqueue(event);
    } else {
      record(event);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * One page of the events matching {@code query}, newest first. The read is recorded as a
   * data-access event by {@code accessedBy} before the page is returned.
   */
  public Page<AuditRecord> query(AuditQuery query, PageRequest page, Accessor accessedBy) {
    return query("query", query, page, accessedBy);
  }

  /** One user's activity (every stream), newest first; recorded as a read by {@code accessedBy}. */
  public Page<AuditRecord> userActivity(
      TenantId tenant,
      String userId,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    return query(
        "user_activity",
        AuditQuery.forTenant(tenant).actorId(userId).from(since).build(),
        page,
        accessedBy);
  }

  /** Failed login attempts, newest first; recorded as a read by {@code accessedBy}. */
  public Page<AuditRecord> failedLogins(
      TenantId tenant, @Nullable Instant since, PageRequest page, Accessor accessedBy) {
    return query(
        "failed_logins",
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.FAILED_LOGIN)
            .from(since)
            .build(),
        page,
        accessedBy);
  }

  /**
   * Accesses to sensitive data, optionally of one data category, newest first; recorded as a read
   * by {@code accessedBy}.
   */
  public Page<AuditRecord> sensitiveAccess(
      TenantId tenant,
      @Nullable DataCategory dataCategory,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    return query(
        "sensitive_access",
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.DATA_ACCESS)
            .dataCategory(dataCategory)
            .from(since)
            .build(),
        page,
        accessedBy);
  }

  /** Admin activity, newest first; recorded as a read by {@code accessedBy}. */
  public Page<AuditRecord> adminActivity(
      TenantId tenant, @Nullable Instant since, PageRequest page, Accessor accessedBy) {
    return query(
        "admin_activity",
        AuditQuery.forTenant(tenant).categories(AuditCategory.ADMIN).from(since).build(),
        page,
        accessedBy);
  }

  /**
   * Security events of at least {@code minSeverity} (all when null), newest first; recorded as a
   * read by {@code accessedBy}.
   */
  public Page<AuditRecord> securityEvents(
      TenantId tenant,
      @Nullable Severity minSeverity,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    return query(
        "security_events",
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .minSeverity(minSeverity)
            .from(since)
            .build(),
        page,
        accessedBy);
  }

  private Page<AuditRecord> query(
      String view, AuditQuery query, PageRequest page, Accessor accessedBy) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(accessedBy, "accessedBy");
    recordRead(query, accessedBy, "audit.query", Map.of("view", view));
    return store.query(query, page);
  }

  /**
   * Streams the events matching {@code query} as JSON Lines (oldest first, one event per line with
   * its sequence and hashes, see {@link AuditExportVerifier}) in constant memory. The export is
   * recorded as a data-access event by {@code accessedBy} first. {@code out} is flushed, not
   * closed.
   */
  public ExportSummary exportJsonLines(AuditQuery query, Accessor accessedBy, Writer out) {
    Objects.requireNonNull(out, "out");
    AuditRecord access = recordRead(query, accessedBy, "audit.export", Map.of("format", "jsonl"));
    return new ExportSummary(exporter.jsonLines(query, out), access);
  }

  /** As {@link #exportJsonLines(AuditQuery, Accessor, Writer)}, in UTF-8 to a stream. */
  public ExportSummary exportJsonLines(AuditQuery query, Accessor accessedBy, OutputStream out) {
    return exportJsonLines(query, accessedBy, utf8(out));
  }

  /**
   * Streams the events matching {@code query} as CSV with a header row (oldest first), in constant
   * memory; recorded as a data-access event by {@code accessedBy} first. {@code out} is flushed,
   * not closed.
   */
  public ExportSummary exportCsv(AuditQuery query, Accessor accessedBy, Writer out) {
    Objects.requireNonNull(out, "out");
    AuditRecord access = recordRead(query, accessedBy, "audit.export", Map.of("format", "csv"));
    return new ExportSummary(exporter.csv(query, out), access);
  }

  /** As {@link #exportCsv(AuditQuery, Accessor, Writer)}, in UTF-8 to a stream. */
  public ExportSummary exportCsv(AuditQuery query, Accessor accessedBy, OutputStream out) {
    return exportCsv(query, accessedBy, utf8(out));
  }

  private AuditRecord recordRead(
      AuditQuery query, Accessor accessedBy, String action, Map<String, String> details) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(accessedBy, "accessedBy");
    Map<String, Object> metadata = new LinkedHashMap<>(details);
    metadata.put("filter", query.describe());
    return record(
        AuditEvent.builder(query.tenantId(), AuditCategory.DATA_ACCESS)
            .actor(accessedBy.actorId(), accessedBy.actorType())
            .action(action)
            .dataCategory(DataCategory.AUDIT_TRAIL)
            .target("audit_log", query.tenantId().value())
            .purpose(accessedBy.purpose())
            .context(accessedBy.context())
            .metadata(metadata)
            .build());
  }

  // ---------------------------------------------------------------- integrity

  /**
   * Verifies every chain of {@code tenant} from its start (or retention checkpoint) to its head.
   */
  public VerificationReport verify(TenantId tenant) {
    return verify(tenant, null, null);
  }

  /**
   * Verifies the chains of {@code tenant} for events recorded in [{@code from}, {@code to}) (either
   * bound may be null). Each chain is walked from the latest signed checkpoint before the range
   * (its signature checked) or from the chain's start, so a range stays verifiable after retention
   * deleted older events. The report names the first broken link of each chain.
   */
  public VerificationReport verify(TenantId tenant, @Nullable Instant from, @Nullable Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Instant now = now();
    List<ChainVerification> chains = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      verifier.verifyChain(tenant, category, from, to).ifPresent(chains::add);
    }
    return new VerificationReport(tenant, now, chains);
  }

  /**
   * Signs a checkpoint at the current head of every chain of {@code tenant}.
   *
   * @throws IllegalStateException if the builder was given no {@link CheckpointSigner}
   */
  public List<Checkpoint> checkpoint(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    CheckpointSigner key = requireSigner("checkpoint");
    Instant now = now();
    List<Checkpoint> made = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      Optional<ChainHead> head = store.head(tenant, category);
      if (head.isPresent()) {
        Checkpoint checkpoint =
            Checkpoint.sign(key, tenant, category, head.get().sequence(), head.get().hash(), now);
        store.saveCheckpoint(checkpoint);
        made.add(checkpoint);
      }
    }
    return List.copyOf(made);
  }

  /** Up to {@code limit} checkpoints of one chain after {@code afterSequence}, ascending. */
  public List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    return store.checkpoints(tenant, category, afterSequence, limit);
  }

  // ---------------------------------------------------------------- retention

  /**
   * Deletes events older than their category's retention period, for every tenant not on legal
   * hold, in bounded batches. Before deleting part of a chain it verifies that part and signs a
   * checkpoint at its end, so the rest stays verifiable; a part that fails verification is kept.
   *
   * @throws IllegalStateException if the builder was given no {@link CheckpointSigner}
   */
  public CleanupReport cleanup() {
    CheckpointSigner key = requireSigner("cleanup");
    return new RetentionCleaner(store, verifier, key, retention, cleanupBatchSize).cleanup(now());
  }

  /**
   * Places a legal hold on {@code tenant}: {@link #cleanup()} deletes none of its events until the
   * hold is released. Recorded as an admin event by {@code by}.
   */
  public AuditRecord placeLegalHold(TenantId tenant, Accessor by, String reason) {
    return legalHold(tenant, by, reason, true);
  }

  /** Releases the legal hold of {@code tenant}; recorded as an admin event by {@code by}. */
  public AuditRecord releaseLegalHold(TenantId tenant, Accessor by, String reason) {
    return legalHold(tenant, by, reason, false);
  }

  /** Whether {@code tenant} is under legal hold. */
  public boolean hasLegalHold(TenantId tenant) {
    return store.hasLegalHold(tenant);
  }

  private AuditRecord legalHold(TenantId tenant, Accessor by, String reason, boolean held) {
    Objects.requireNonNull(by, "by");
    Validation.of().text("reason", reason, AuditEvent.MAX_PURPOSE_LENGTH).throwIfInvalid();
    boolean before = store.hasLegalHold(tenant);
    AuditEvent event =
        AuditEvent.builder(tenant, AuditCategory.ADMIN)
            .actor(by.actorId(), by.actorType())
            .action(held ? "audit.legal_hold.place" : "audit.legal_hold.release")
            .severity(Severity.HIGH)
            .target("audit_log", tenant.value())
            .before("{\"legalHold\":" + before + "}")
            .after("{\"legalHold\":" + held + "}")
            .purpose(reason)
            .context(by.context())
            .build();
    store.setLegalHold(tenant, held);
    return record(event);
  }

  // ---------------------------------------------------------------- internals

  /** The single write path: the store chains and stores the batch, then periodic checkpoints. */
  private List<AuditRecord> write(List<NewAuditRecord> batch) {
    List<AuditRecord> stored = store.append(batch);
    if (checkpointInterval > 0) {
      for (AuditRecord record : stored) {
        if (record.sequence() % checkpointInterval == 0) {
          try {
            store.saveCheckpoint(
                Checkpoint.sign(
                    signer,
                    record.tenantId(),
                    record.category(),
                    record.sequence(),
                    record.hash(),
                    record.recordedAt()));
          } catch (RuntimeException e) {
            LOG.warn("audit: periodic checkpoint at #{} failed", record.sequence(), e);
          }
        }
      }
    }
    return stored;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private AsyncAuditWriter requireWriter() {
    if (writer == null) {
      throw new IllegalStateException(
          "no asynchronous writer: give AuditLog.builder().runtime(runtime) an IrisRuntime");
    }
    return writer;
  }

  private CheckpointSigner requireSigner(String operation) {
    if (signer == null) {
      throw new IllegalStateException(
          operation + " needs a checkpoint key: AuditLog.builder().signer(...)");
    }
    return signer;
  }

  private static Outcome outcomeOf(int status) {
    if (status >= 500) {
      return Outcome.ERROR;
    }
    if (status == 401 || status == 403) {
      return Outcome.DENIED;
    }
    return status >= 400 ? Outcome.FAILURE : Outcome.SUCCESS;
  }

  private static Writer utf8(OutputStream out) {
    return new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8);
  }

  /**
   * Configures an {@link AuditLog}. Only the store is required. Each part can be set once. Not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable AuditStore store;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private @Nullable CheckpointSigner signer;
    private long checkpointInterval = 10_000;
    private boolean checkpointIntervalSet;
    private @Nullable IrisRuntime runtime;
    private AsyncWriterSettings writerSettings = AsyncWriterSettings.defaults();
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private List<BruteForceRule> bruteForceRules = BruteForceRule.defaults();
    private AuditListener listener = AuditListener.NONE;
    private int cleanupBatchSize = 1000;

    private Builder() {}

    /** Where events are kept. Required. */
    public Builder store(AuditStore store) {
      requireUnset(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The time source. Default: the system clock in UTC. */
    public Builder clock(Clock clock) {
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
    public Builder signer(CheckpointSigner signer) {
      requireUnset(this.signer, "signer");
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Signs a checkpoint automatically at every {@code interval}-th event of each chain. Default
     * 10,000; 0 turns periodic checkpoints off. Needs a {@link #signer}.
     */
    public Builder checkpointEvery(long interval) {
      if (interval < 0) {
        throw new IllegalArgumentException("interval must not be negative, got " + interval);
      }
      this.checkpointInterval = interval;
      this.checkpointIntervalSet = true;
      return this;
    }

    /**
     * The runtime on which the asynchronous writer runs; without one, {@link AuditLog#enqueue} is
     * unavailable. The writer is registered on the runtime by {@link #build()}.
     */
    public Builder runtime(IrisRuntime runtime) {
      requireUnset(this.runtime, "runtime");
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /** Settings of the asynchronous writer. Default {@link AsyncWriterSettings#defaults()}. */
    public Builder asyncWriter(AsyncWriterSettings settings) {
      this.writerSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Retention periods. Default 365 days for every category. */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** Brute-force rules. Default {@link BruteForceRule#defaults()}; an empty list disables. */
    public Builder bruteForceRules(List<BruteForceRule> rules) {
      this.bruteForceRules = List.copyOf(Objects.requireNonNull(rules, "rules"));
      return this;
    }

    /** Host hooks for detections and write failures. Default: none. */
    public Builder listener(AuditListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Events deleted per retention batch. Default 1,000. */
    public Builder cleanupBatchSize(int size) {
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
}
