package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditPosition;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.LoginCount;
import com.techradium.iris.core.LoginFailures;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
 * audit.record(AuditEvents.keyMisuse(tenant, "key-7", "scope").context(where).build());
 * audit.recordFailedLogin(FailedLogin.of(tenant, "alice").withContext(where));
 * VerificationReport report = audit.verify(tenant);
 * }</pre>
 *
 * <p><b>One way to record.</b> An event is made with {@link AuditEvent#builder} or, for the common
 * cases of each stream, {@link AuditEvents}; {@link #record} stores it durably, {@link #recordAll}
 * stores a batch atomically, {@link #enqueue} hands it to the asynchronous writer. Failed logins go
 * through {@link #recordFailedLogin}, which also runs brute-force detection (counted by the rate
 * limiter's login rules when one shares the context, whose {@code loginFailed} records its failed
 * logins here: see {@link com.techradium.iris.core.LoginFailures}). Other facades of the same
 * {@link com.techradium.iris.core.IrisContext} report through the context's events: each {@link
 * com.techradium.iris.core.SecurityNotice} is recorded as a security event and each {@link
 * com.techradium.iris.core.AdminNotice} as an admin event (on the asynchronous writer while it
 * runs).
 *
 * <p><b>Guarantees.</b> {@link #record} returns once the event is durable in the store. Input is
 * validated completely before anything is written (a {@code ValidationException} naming the
 * fields). Every operation that takes a tenant, read or write, first checks it against the
 * configured {@link com.techradium.iris.core.TenantDirectory}: an unknown tenant is a {@code
 * ValidationException} on {@code tenantId}, and nothing is read or written. A batch is written
 * atomically. Each event's hash covers its content and the previous event's hash ({@link
 * AuditChain}; keyed with a secret the store never holds when the builder has a {@link
 * AuditLogBuilder#chainKey chain key}), so {@link #verify} finds the first modified, deleted or
 * reordered event. Reading the log on someone's behalf ({@link #query}, the ready-made queries,
 * exports) is itself recorded as a data-access event.
 *
 * <p><b>Threads and lifecycle.</b> Thread-safe. The audit log owns no thread: the optional
 * asynchronous writer ({@link #enqueue}) runs on the {@link IrisRuntime} given to the builder,
 * which the host starts and closes; closing it flushes the buffer. The store, clock, signer and
 * runtime belong to the host.
 */
public final class AuditLog {
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The nightly chore (03:45 UTC) that applies retention with {@link #cleanup()}, declared on the
   * context's housekeeping when the log has a checkpoint signer, and run by the context's job queue
   * in its {@code cleanup} queue under the system tenant.
   */
  public static final String RETENTION_SCHEDULE = "audit-retention";

  /** The job type of {@link #RETENTION_SCHEDULE}. */
  public static final String RETENTION_TYPE = "iris.audit.cleanup";

  private final AuditStore store;
  private final Clock clock;
  private final TimeOrderedIds ids;
  private final @Nullable CheckpointSigner signer;
  private final CheckpointWriter checkpoints;
  private final RetentionPolicy retention;
  private final int cleanupBatchSize;
  private final ChainVerifier verifier;
  private final @Nullable AuditChainKey chainKey;
  private final BruteForceDetector bruteForce;
  private final AuditExporter exporter;
  private final @Nullable AsyncAuditWriter writer;
  private final KnownTenants tenants;
  private final LoginFailures loginFailures;

  AuditLog(AuditLogBuilder builder) {
    this.store = Objects.requireNonNull(builder.store);
    IrisContext context = builder.context();
    this.clock = context.clock();
    this.ids = context.ids();
    this.signer = builder.signer;
    this.checkpoints =
        new CheckpointWriter(
            store,
            signer,
            builder.checkpointInterval,
            builder.checkpointMaxAge,
            builder.checkpointSink);
    this.retention = builder.retention;
    this.cleanupBatchSize = builder.cleanupBatchSize;
    ChainKeyring chainKeys = builder.chainKeys();
    this.chainKey = chainKeys.current();
    this.verifier = new ChainVerifier(store, signer, chainKeys);
    this.bruteForce = new BruteForceDetector(store, builder.bruteForceRules, builder.listener);
    this.exporter = new AuditExporter(store, verifier);
    this.tenants = context.knownTenants();
    IrisRuntime runtime = context.runtime().orElse(null);
    if (runtime != null) {
      AsyncAuditWriter async =
          new AsyncAuditWriter(builder.writerSettings, this::write, builder.listener);
      runtime.register(async);
      this.writer = async;
    } else {
      this.writer = null;
    }
    if (signer != null) {
      context
          .housekeeping()
          .register(
              new HousekeepingTask(
                  RETENTION_SCHEDULE,
                  RETENTION_TYPE,
                  "45 3 * * *",
                  ZoneOffset.UTC,
                  () -> "{\"eventsDeleted\":" + cleanup().eventsDeleted() + "}"));
    }
    // Other facades of the context report security findings and admin changes as notices.
    AuditNotices.subscribe(context.events(), this::enqueueOrRecord);
    // The context's rate limiter hands its failed logins over to be recorded here.
    this.loginFailures = context.loginFailures();
    loginFailures.recordWith(
        (tenant, account, ip, count) ->
            recordCounted(
                FailedLogin.of(tenant, account)
                    .withContext(ip == null ? RequestContext.NONE : RequestContext.ip(ip)),
                count));
  }

  /**
   * A builder; {@link AuditLogBuilder#store(AuditStore)} is required.
   *
   * @return a new builder
   */
  public static AuditLogBuilder builder() {
    return new AuditLogBuilder();
  }

  // ---------------------------------------------------------------- recording

  /**
   * Records one event and returns it as stored, once it is durable.
   *
   * @param event the event to record
   * @return the stored record with its id, time, sequence and hash
   * @throws com.techradium.iris.core.StorageException if the store fails (nothing was written)
   * @throws com.techradium.iris.core.ValidationException if the event's tenant does not exist
   */
  public AuditRecord record(AuditEvent event) {
    return recordAll(List.of(Objects.requireNonNull(event, "event"))).get(0);
  }

  /**
   * Records a batch atomically: all events are stored, in order, or none.
   *
   * @param events the events, stored in list order
   * @return the stored records, in the same order
   * @throws com.techradium.iris.core.ValidationException if a tenant does not exist; nothing is
   *     written
   * @throws com.techradium.iris.core.StorageException if the store fails; nothing is written
   */
  public List<AuditRecord> recordAll(List<AuditEvent> events) {
    Objects.requireNonNull(events, "events");
    for (int i = 0; i < events.size(); i++) {
      Objects.requireNonNull(events.get(i), "events[" + i + "]");
    }
    Validation validation = Validation.of();
    for (int i = 0; i < events.size(); i++) {
      String where = events.size() == 1 ? null : "events[" + i + "]";
      tenants.check(validation, events.get(i).tenantId(), where);
    }
    validation.throwIfInvalid();
    if (events.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<NewAuditRecord> stamped = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      stamped.add(new NewAuditRecord(ids.next(), now, event, chainKey));
    }
    return write(stamped);
  }

  /**
   * Hands an event to the asynchronous batching writer and returns at once; it becomes durable
   * shortly after (see {@link #flush()}). When the buffer is full the configured {@link
   * FullBufferPolicy} applies: the call blocks for a while or throws {@link
   * AuditBufferFullException} — an event is never dropped silently.
   *
   * @param event the event to record
   * @throws IllegalStateException if the builder was given no runtime, or it has not started or is
   *     closing
   */
  public void enqueue(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    AsyncAuditWriter async = requireWriter();
    tenants.require(event.tenantId());
    async.enqueue(new NewAuditRecord(ids.next(), now(), event, chainKey));
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

  /**
   * Events enqueued and not yet written (0 without an asynchronous writer).
   *
   * @return the number of buffered events
   */
  public long pendingEvents() {
    return writer == null ? 0 : writer.pending();
  }

  /**
   * Hands {@code event} to the asynchronous writer while it runs (see {@link #enqueue}), and
   * otherwise records it synchronously (see {@link #record}): for hot paths such as logging every
   * API request from a filter, which keep working before the runtime starts and while it closes.
   *
   * @param event the event to record
   */
  public void enqueueOrRecord(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (writer != null && writer.isRunning()) {
      enqueue(event);
    } else {
      record(event);
    }
  }

  /**
   * Records a failed login and checks the brute-force rules; a detection is recorded as a {@link
   * SecurityEventKind#BRUTE_FORCE_DETECTED} event and passed to the {@link AuditListener}.
   *
   * <p>On its own the log counts failed-login events in its store against its {@link
   * AuditLogBuilder#bruteForceRules}. When a rate limiter shares the context, the failure is
   * counted once, by the limiter's login rules (its count is the one {@code loginSucceeded}
   * resets), and a detection is recorded when the failure starts a lockout; the log does not count
   * in its store then. Record each failed login either here or with the limiter's {@code
   * loginFailed}, not both.
   *
   * @param login the failed login, with its tenant, account and context
   * @return the recorded event and the detections it triggered
   * @throws com.techradium.iris.core.ValidationException on an invalid event, an unknown tenant or,
   *     with a rate limiter, input it cannot count; nothing is recorded or counted
   */
  public FailedLoginResult recordFailedLogin(FailedLogin login) {
    Objects.requireNonNull(login, "login");
    LoginFailures.Counter counter = loginFailures.counter().orElse(null);
    if (counter != null) {
      return recordCounted(
          login,
          () -> counter.count(login.tenantId(), login.account(), login.context().ipAddress()));
    }
    AuditRecord recorded = record(AuditEvents.failedLogin(login));
    List<BruteForceDetection> detections =
        bruteForce.afterFailedLogin(
            login.tenantId(),
            login.account(),
            login.context().ipAddress(),
            recorded.recordedAt(),
            this::record);
    return new FailedLoginResult(recorded, detections);
  }

  /**
   * Records a failed login counted by {@code count} (the rate limiter's login rules): validates the
   * event, counts, records it, and records a detection for each lockout the count started.
   */
  private FailedLoginResult recordCounted(FailedLogin login, Supplier<LoginCount> count) {
    AuditEvent event = AuditEvents.failedLogin(login);
    tenants.require(login.tenantId());
    LoginCount counted = count.get();
    AuditRecord recorded = record(event);
    List<BruteForceDetection> detections =
        bruteForce.afterLockouts(
            login.tenantId(), counted.lockouts(), recorded.recordedAt(), this::record);
    return new FailedLoginResult(recorded, detections);
  }

  // ---------------------------------------------------------------- reading

  /**
   * One page of the events matching {@code query}, newest first. The read is recorded as a
   * data-access event by {@code accessedBy} before the page is returned.
   *
   * @param query the conditions
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> query(AuditQuery query, PageRequest page, Accessor accessedBy) {
    return query("query", query, page, accessedBy);
  }

  /**
   * One user's activity (every stream), newest first; recorded as a read by {@code accessedBy}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param userId the user whose activity is read
   * @param since the earliest time included, or null for all time
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> userActivity(
      TenantId tenant,
      String userId,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    Objects.requireNonNull(userId, "userId");
    return query("user_activity", AuditQuery.userActivity(tenant, userId, since), page, accessedBy);
  }

  /**
   * Failed login attempts, newest first; recorded as a read by {@code accessedBy}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param since the earliest time included, or null for all time
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> failedLogins(
      TenantId tenant, @Nullable Instant since, PageRequest page, Accessor accessedBy) {
    return query("failed_logins", AuditQuery.failedLogins(tenant, since), page, accessedBy);
  }

  /**
   * Accesses to sensitive data, optionally of one data category, newest first; recorded as a read
   * by {@code accessedBy}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param dataCategory the data category, or null for every category
   * @param since the earliest time included, or null for all time
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> sensitiveAccess(
      TenantId tenant,
      @Nullable DataCategory dataCategory,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    return query(
        "sensitive_access",
        AuditQuery.sensitiveAccess(tenant, dataCategory, since),
        page,
        accessedBy);
  }

  /**
   * Admin activity, newest first; recorded as a read by {@code accessedBy}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param since the earliest time included, or null for all time
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> adminActivity(
      TenantId tenant, @Nullable Instant since, PageRequest page, Accessor accessedBy) {
    return query("admin_activity", AuditQuery.adminActivity(tenant, since), page, accessedBy);
  }

  /**
   * Security events of at least {@code minSeverity} (all when null), newest first; recorded as a
   * read by {@code accessedBy}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param minSeverity the lowest severity included, or null for all
   * @param since the earliest time included, or null for all time
   * @param page the page size and cursor
   * @param accessedBy who reads the events, recorded in the access log
   * @return one page of records
   */
  public Page<AuditRecord> securityEvents(
      TenantId tenant,
      @Nullable Severity minSeverity,
      @Nullable Instant since,
      PageRequest page,
      Accessor accessedBy) {
    return query(
        "security_events", AuditQuery.securityEvents(tenant, minSeverity, since), page, accessedBy);
  }

  private Page<AuditRecord> query(
      String view, AuditQuery query, PageRequest page, Accessor accessedBy) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(accessedBy, "accessedBy");
    tenants.require(query.tenantId());
    if (page.cursor() != null) {
      // A rejected read is no read: check the cursor before the read is recorded.
      AuditPosition.parse(page.cursor());
    }
    recordRead(query, accessedBy, "audit.query", Map.of("view", view));
    return verifier.appendedThroughChain(query.tenantId(), store.query(query, page));
  }

  /**
   * Streams the events matching {@code query} as JSON Lines (oldest first, one event per line with
   * its sequence and hashes, see {@link AuditExportVerifier}) in constant memory. The export is
   * recorded as a data-access event by {@code accessedBy} first. Events stored past their chain's
   * head are left out, as {@link #query} leaves them out ({@link ChainBreak.Kind#PAST_HEAD}).
   * {@code out} is flushed, not closed.
   *
   * @param query the conditions
   * @param accessedBy who exports the events, recorded in the access log
   * @param out where the lines are written
   * @return how many events were written
   */
  public ExportSummary exportJsonLines(AuditQuery query, Accessor accessedBy, Writer out) {
    Objects.requireNonNull(out, "out");
    AuditRecord access = recordRead(query, accessedBy, "audit.export", Map.of("format", "jsonl"));
    return new ExportSummary(exporter.jsonLines(query, out), access);
  }

  /**
   * As {@link #exportJsonLines(AuditQuery, Accessor, Writer)}, in UTF-8 to a stream.
   *
   * @param query the conditions
   * @param accessedBy who exports the events, recorded in the access log
   * @param out where the UTF-8 lines are written; flushed, not closed
   * @return how many events were written
   */
  public ExportSummary exportJsonLines(AuditQuery query, Accessor accessedBy, OutputStream out) {
    return exportJsonLines(query, accessedBy, utf8(out));
  }

  /**
   * Streams the events matching {@code query} as CSV with a header row (oldest first), in constant
   * memory; recorded as a data-access event by {@code accessedBy} first. Events stored past their
   * chain's head are left out, as in {@link #exportJsonLines(AuditQuery, Accessor, Writer)}. {@code
   * out} is flushed, not closed.
   *
   * @param query the conditions
   * @param accessedBy who exports the events, recorded in the access log
   * @param out where the CSV is written
   * @return how many events were written
   */
  public ExportSummary exportCsv(AuditQuery query, Accessor accessedBy, Writer out) {
    Objects.requireNonNull(out, "out");
    AuditRecord access = recordRead(query, accessedBy, "audit.export", Map.of("format", "csv"));
    return new ExportSummary(exporter.csv(query, out), access);
  }

  /**
   * As {@link #exportCsv(AuditQuery, Accessor, Writer)}, in UTF-8 to a stream.
   *
   * @param query the conditions
   * @param accessedBy who exports the events, recorded in the access log
   * @param out where the UTF-8 CSV is written; flushed, not closed
   * @return how many events were written
   */
  public ExportSummary exportCsv(AuditQuery query, Accessor accessedBy, OutputStream out) {
    return exportCsv(query, accessedBy, utf8(out));
  }

  private AuditRecord recordRead(
      AuditQuery query, Accessor accessedBy, String action, Map<String, String> details) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(accessedBy, "accessedBy");
    tenants.require(query.tenantId());
    return record(AuditEvents.auditRead(query, accessedBy, action, details));
  }

  // ---------------------------------------------------------------- integrity

  /**
   * Verifies every chain of {@code tenant} from its start (or retention checkpoint) to its head.
   *
   * @param tenant the tenant whose chains are verified
   * @return one verification per chain that has events
   */
  public VerificationReport verify(TenantId tenant) {
    return verify(tenant, null, null);
  }

  /**
   * Verifies the chains of {@code tenant} for events recorded in [{@code from}, {@code to}) (either
   * bound may be null). Each chain is walked from the latest signed checkpoint before the range
   * (its signature checked) or from the chain's start, so a range stays verifiable after retention
   * deleted older events. The report names the first broken link of each chain.
   *
   * @param tenant the tenant whose chains are verified
   * @param from the earliest recording time included, or null
   * @param to the recording time excluded, or null
   * @return one verification per chain that has events in the range
   */
  public VerificationReport verify(TenantId tenant, @Nullable Instant from, @Nullable Instant to) {
    requireTenant(tenant);
    Instant now = now();
    List<ChainVerification> chains = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      verifier.verifyChain(tenant, category, from, to).ifPresent(chains::add);
    }
    return new VerificationReport(tenant, now, chains);
  }

  /**
   * Verifies every chain of {@code tenant} as {@link #verify(TenantId)} does, and also against
   * checkpoints held outside the store (published by a {@link CheckpointSink}, e.g. read back with
   * {@link FileCheckpointSink#read}): each must verify with the configured key, and the chain must
   * still reach its sequence with the same hash. A checkpoint past a chain's head reports {@link
   * ChainBreak.Kind#TRUNCATED} even when the stored checkpoints were cut too; one recording another
   * hash reports {@link ChainBreak.Kind#CHECKPOINT_MISMATCH}. Checkpoints of other tenants are
   * ignored. Per chain, the report keeps the store's own break if it found one, else the first
   * external one.
   *
   * @param tenant the tenant whose chains are verified
   * @param external checkpoints kept outside the store
   * @return one verification per chain, with any checkpoint that failed reported as a break
   * @throws IllegalStateException if the builder was given no {@link CheckpointSigner}
   */
  public VerificationReport verify(TenantId tenant, Collection<Checkpoint> external) {
    Objects.requireNonNull(external, "external");
    CheckpointSigner key = requireSigner("verify against external checkpoints");
    return new ExternalCheckpoints(store, key, verifier).verify(verify(tenant), external);
  }

  /**
   * Signs a checkpoint at the current head of every chain of {@code tenant}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the new checkpoints, one per chain that has events
   * @throws IllegalStateException if the builder was given no {@link CheckpointSigner}
   */
  public List<Checkpoint> checkpoint(TenantId tenant) {
    requireTenant(tenant);
    return checkpoints.signHeads(requireSigner("checkpoint"), tenant, now());
  }

  /**
   * Up to {@code limit} checkpoints of one chain after {@code afterSequence}, ascending.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param category the chain's stream
   * @param afterSequence the sequence to list after; 0 from the start
   * @param limit the most checkpoints returned
   * @return the checkpoints, in ascending sequence order
   */
  public List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    requireTenant(tenant);
    Objects.requireNonNull(category, "category");
    return store.checkpoints(tenant, category, afterSequence, limit);
  }

  // ---------------------------------------------------------------- retention

  /**
   * Deletes events older than their category's retention period, for every tenant not on legal
   * hold, in bounded batches (deployment-wide: it takes no tenant). Before deleting part of a chain
   * it verifies that part and signs a checkpoint at its end, so the rest stays verifiable; a part
   * that fails verification is kept.
   *
   * @return how many events were deleted and which parts were kept
   * @throws IllegalStateException if the builder was given no {@link CheckpointSigner}
   */
  public CleanupReport cleanup() {
    CheckpointSigner key = requireSigner("cleanup");
    return new RetentionCleaner(store, verifier, key, retention, cleanupBatchSize, checkpoints)
        .cleanup(now());
  }

  /**
   * Places a legal hold on {@code tenant}: {@link #cleanup()} deletes none of its events until the
   * hold is released. Recorded as an admin event by {@code by}.
   *
   * @param tenant the tenant to hold
   * @param by who places the hold
   * @param reason why, for example a case number
   * @return the admin event that records the change
   */
  public AuditRecord placeLegalHold(TenantId tenant, Accessor by, String reason) {
    return legalHold(tenant, by, reason, true);
  }

  /**
   * Releases the legal hold of {@code tenant}; recorded as an admin event by {@code by}.
   *
   * @param tenant the held tenant
   * @param by who releases the hold
   * @param reason why
   * @return the admin event that records the change
   */
  public AuditRecord releaseLegalHold(TenantId tenant, Accessor by, String reason) {
    return legalHold(tenant, by, reason, false);
  }

  /**
   * Whether {@code tenant} is under legal hold.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return true while a hold is in place
   */
  public boolean hasLegalHold(TenantId tenant) {
    requireTenant(tenant);
    return store.hasLegalHold(tenant);
  }

  private AuditRecord legalHold(TenantId tenant, Accessor by, String reason, boolean held) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    requireTenant(tenant);
    AuditEvent event = AuditEvents.legalHold(tenant, by, reason, store.hasLegalHold(tenant), held);
    store.setLegalHold(tenant, held);
    return record(event);
  }

  // ---------------------------------------------------------------- internals

  /** The single write path: the store chains and stores the batch, then periodic checkpoints. */
  private List<AuditRecord> write(List<NewAuditRecord> batch) {
    List<AuditRecord> stored = store.append(batch);
    checkpoints.afterAppend(stored);
    return stored;
  }

  /** Throws a {@code ValidationException} on {@code tenantId} unless the directory knows it. */
  private void requireTenant(TenantId tenant) {
    tenants.require(Objects.requireNonNull(tenant, "tenant"));
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

  /**
   * Whether the builder was given a {@link CheckpointSigner}, without which {@link #cleanup()} and
   * {@link #checkpoint} are unavailable.
   *
   * @return true if checkpoints can be signed
   */
  public boolean signsCheckpoints() {
    return signer != null;
  }

  private CheckpointSigner requireSigner(String operation) {
    if (signer == null) {
      throw new IllegalStateException(
          operation + " needs a checkpoint key: AuditLog.builder().signer(...)");
    }
    return signer;
  }

  private static Writer utf8(OutputStream out) {
    return new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8);
  }
}
