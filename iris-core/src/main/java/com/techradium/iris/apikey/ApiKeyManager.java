package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.apikey.spi.HourlyUsage;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, validates, rotates and revokes API keys, counts their use and warns before they expire.
 *
 * <pre>{@code
 * ApiKeyManager keys = ApiKeyManager.builder()
 *     .store(new InMemoryApiKeyStore())          // or JdbcApiKeyStore on PostgreSQL
 *     .pepper(pepperBytes)                       // 32+ secret bytes of the host's
 *     .build();
 * IssuedApiKey issued = keys.create(tenant,
 *     NewApiKey.of("billing sync", "user-42").withScopes(Set.of("calls:*")), "user-42");
 * String shownOnce = issued.secret().reveal();   // iris_live_...
 * KeyValidation v = keys.validate(presented, request.ip(), Set.of("calls:read"));
 * if (v.valid()) { ... v.tenant(), v.tier() ... } else { ... v.check().reason() ... }
 * }</pre>
 *
 * <p><b>Keys.</b> {@code iris_live_} or {@code iris_test_}, 30 random base62 characters and a
 * 6-character CRC32 checksum: 46 characters matching {@link #KEY_PATTERN}. The full key is returned
 * once, at creation and at each rotation, as an {@link ApiKeySecret} whose {@code toString} is
 * redacted. The store keeps only its hash: HMAC-SHA256 under the host's {@linkplain
 * ApiKeyManagerBuilder#pepper pepper}, or plain SHA-256 without one (weaker: a copy of the store
 * alone is enough to test guesses). The key is never logged, never in an exception message and
 * never in a {@code toString}.
 *
 * <p><b>Validation</b> checks the format and checksum first (a malformed key costs no lookup),
 * hashes the key and looks the hash up in an in-process cache of positive lookups (Caffeine,
 * bounded, short time-to-live, keyed by the hash), then in the store; the stored hash is compared
 * in constant time. It returns a {@link KeyValidation}, never throws for a bad key, and never waits
 * on a write: usage is counted in memory and written in batches by a background thread. Refusals of
 * a key that exists are published as {@code SecurityNotice}s ({@code KEY_MISUSE}, with the reason,
 * never the key) for the audit log; malformed and unknown keys name no tenant and are not
 * published.
 *
 * <p><b>Revocation bound.</b> A revocation, rotation or update drops the key from this node's cache
 * at once. Other nodes drop it when the {@linkplain ApiKeyManagerBuilder#changeFeed change feed}
 * (Redis, from iris-redis) tells them: within its poll interval (default 250 ms) plus one Redis
 * round trip. Without a feed, or without a runtime to poll it, other nodes keep a cached key until
 * the cache's time-to-live (default 5 seconds) runs out.
 *
 * <p><b>Tenants.</b> Every operation that takes a tenant checks it against the context's tenant
 * directory, reads and writes alike, and a key of another tenant is reported as not found. {@link
 * #validate} takes no tenant: the key names it. The housekeeping operations ({@link #expireKeys},
 * {@link #sendExpiryWarnings}, {@link #deleteExpiredKeys}) are deployment-wide.
 *
 * <p><b>Threads and lifecycle.</b> Thread-safe. With a runtime on the context, a background service
 * ({@code <runtime>-api-keys}, a dedicated thread) polls the change feed and writes usage; without
 * one, call {@link #flushUsage()} yourself. The expiry chores are declared as one hourly {@link
 * HousekeepingTask} ({@value #HOUSEKEEPING_SCHEDULE}) that the context's job queue runs. Admin
 * changes are published as {@code AdminNotice}s for the audit log. The store, feed and runtime are
 * the host's.
 */
public final class ApiKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyManager.class);

  /**
   * The regular expression every IRIS API key matches, for secret scanners: {@value}. The last six
   * characters are a base62 CRC32 of the rest.
   */
  public static final String KEY_PATTERN = ApiKeyFormat.REGEX;

  /** The hourly chore that expires keys, sends expiry warnings and deletes old ended keys. */
  public static final String HOUSEKEEPING_SCHEDULE = "api-key-housekeeping";

  /** The job type of {@link #HOUSEKEEPING_SCHEDULE}. */
  public static final String HOUSEKEEPING_TYPE = "iris.apikey.housekeeping";

  /** The longest rotation grace period. */
  public static final Duration MAX_GRACE = Duration.ofDays(30);

  /** The longest period {@link #usage} reports on. */
  public static final Duration MAX_USAGE_PERIOD = Duration.ofDays(366);

  private static final int BATCH = 500;

  private final ApiKeyStore store;
  private final ApiKeyChangeFeed feed;
  private final Clock clock;
  private final KnownTenants tenants;
  private final IrisContext context;
  private final KeyHasher hasher;
  private final ValidationCache cache;
  private final UsageRecorder usage;
  private final KeyNotices notices;
  private final List<Duration> warningLeads;
  private final Duration retention;
  private final ApiKeyListener listener;

  ApiKeyManager(ApiKeyManagerBuilder builder) {
    this.store = Objects.requireNonNull(builder.store);
    this.context = builder.context();
    this.feed = builder.feed;
    this.clock = context.clock();
    this.tenants = context.knownTenants();
    this.hasher = new KeyHasher(builder.pepper);
    this.cache = new ValidationCache(builder.cacheTtl, builder.cacheSize);
    this.usage = new UsageRecorder(store, builder.maxPendingUsage);
    this.notices = new KeyNotices(context.events());
    this.warningLeads = builder.warningLeads.stream().sorted().toList();
    this.retention = builder.retention;
    this.listener = builder.listener;
    if (!hasher.peppered()) {
      LOG.warn(
          "API keys are hashed with plain SHA-256: set a pepper on ApiKeyManagerBuilder so that a"
              + " copy of the key store alone is not enough to test guesses");
    }
    context
        .runtime()
        .ifPresent(
            runtime ->
                runtime.register(
                    new ApiKeySync(
                        cache,
                        feed,
                        usage,
                        clock,
                        builder.pollInterval,
                        builder.usageFlushInterval)));
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                HOUSEKEEPING_SCHEDULE,
                HOUSEKEEPING_TYPE,
                "23 * * * *",
                ZoneOffset.UTC,
                () ->
                    "{\"expired\":"
                        + expireKeys()
                        + ",\"warned\":"
                        + sendExpiryWarnings()
                        + ",\"deleted\":"
                        + deleteExpiredKeys()
                        + "}"));
  }

  /**
   * A builder; {@link ApiKeyManagerBuilder#store(ApiKeyStore)} is required.
   *
   * @return a new builder
   */
  public static ApiKeyManagerBuilder builder() {
    return new ApiKeyManagerBuilder();
  }

  // ---------------------------------------------------------------- issuing

  /**
   * Creates a key and returns it with its secret, which is shown this once.
   *
   * @param actor who creates it (a user or service id), recorded in the admin event
   * @param tenant the tenant, known to the tenant directory
   * @param request the key's name, owner, mode, scopes, allow-list, tier and expiry
   * @return the key and its secret
   * @throws com.techradium.iris.core.ValidationException naming every rejected field; nothing is
   *     written
   */
  public IssuedApiKey create(TenantId tenant, NewApiKey request, String actor) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant();
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    KeyInput.name(v, request.name());
    KeyInput.owner(v, request.owner());
    v.text("actor", actor, KeyInput.MAX_TEXT);
    KeyInput.scopes(v, request.scopes());
    List<String> cidrs = KeyInput.allowedIps(v, request.allowedIps());
    KeyInput.expiry(v, request.expiresAt(), now);
    KeyInput.metadata(v, request.metadata());
    v.throwIfInvalid();
    String key = ApiKeyFormat.generate(request.mode());
    ApiKeyRecord record =
        new ApiKeyRecord(
            context.ids().next(),
            tenant,
            request.name(),
            request.owner(),
            request.mode(),
            ApiKeyFormat.hint(key),
            hasher.hash(key),
            null,
            null,
            null,
            KeyInput.sorted(request.scopes()),
            cidrs,
            request.tier(),
            request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MILLIS),
            request.metadata(),
            now.truncatedTo(ChronoUnit.MILLIS),
            null,
            null,
            null,
            null,
            null);
    store.insert(record);
    notices.admin(
        record,
        actor,
        "api_key.create",
        Map.of("name", record.name(), "mode", record.mode().name(), "tier", record.tier().name()));
    return new IssuedApiKey(KeyViews.view(record, now), new ApiKeySecret(key));
  }

  /**
   * Gives the key a new secret and returns it (shown this once). The old secret keeps working until
   * {@code grace} has passed (zero: it stops at once), so clients can switch without downtime;
   * {@link ApiKey#previousSecretLastSeenAt()} tells when it was last used. Rotating again during a
   * grace period ends the older secret at once.
   *
   * @param grace zero to {@link #MAX_GRACE}
   * @param tenant the tenant, known to the tenant directory
   * @param id the key's id
   * @param actor who rotates it, recorded in the admin event
   * @return the key and its new secret
   * @throws NotFoundException if the tenant has no such key
   * @throws ConflictException if the key is revoked or expired
   */
  public IssuedApiKey rotate(TenantId tenant, UUID id, Duration grace, String actor) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    v.check(
        !grace.isNegative() && grace.compareTo(MAX_GRACE) <= 0,
        "grace",
        "must be between 0 and 30 days");
    v.text("actor", actor, KeyInput.MAX_TEXT);
    v.throwIfInvalid();
    AtomicReference<@Nullable String> issued = new AtomicReference<>();
    AtomicReference<@Nullable ApiKeyRecord> before = new AtomicReference<>();
    ApiKeyRecord rotated =
        store
            .update(
                tenant,
                id,
                current -> {
                  if (current.endedAt(now)) {
                    throw new ConflictException(
                        "API key " + id + " is revoked or expired and cannot be rotated");
                  }
                  String key = ApiKeyFormat.generate(current.mode());
                  issued.set(key);
                  before.set(current);
                  Instant graceEnd = grace.isZero() ? null : now.plus(grace);
                  return current.withRotatedSecret(
                      hasher.hash(key), ApiKeyFormat.hint(key), graceEnd, now);
                })
            .orElseThrow(() -> notFound(id));
    changed(Objects.requireNonNull(before.get()));
    notices.admin(
        rotated, actor, "api_key.rotate", Map.of("graceSeconds", Long.toString(grace.toSeconds())));
    return new IssuedApiKey(
        KeyViews.view(rotated, now), new ApiKeySecret(Objects.requireNonNull(issued.get())));
  }

  /**
   * Revokes the key and any rotated-away secret, at once on this node and on every node within the
   * documented bound. Revoking a revoked key changes nothing and returns it.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the key's id
   * @param actor who revokes it, recorded in the admin event
   * @return the key, revoked
   * @throws NotFoundException if the tenant has no such key
   */
  public ApiKey revoke(TenantId tenant, UUID id, String actor) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    v.text("actor", actor, KeyInput.MAX_TEXT);
    v.throwIfInvalid();
    AtomicReference<@Nullable ApiKeyRecord> before = new AtomicReference<>();
    ApiKeyRecord revoked =
        store
            .update(
                tenant,
                id,
                current -> {
                  if (current.revokedAt() != null) {
                    return current;
                  }
                  before.set(current);
                  return current.withRevoked(now);
                })
            .orElseThrow(() -> notFound(id));
    ApiKeyRecord old = before.get();
    if (old != null) {
      changed(old);
      notices.admin(revoked, actor, "api_key.revoke", Map.of("name", revoked.name()));
    }
    return KeyViews.view(revoked, now);
  }

  /**
   * Changes a key's name, scopes, allow-list or tier (the non-null parts of {@code change}); every
   * node sees the change within the revocation bound.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the key's id
   * @param change the parts to change
   * @param actor who changes it, recorded in the admin event
   * @return the key as changed
   * @throws com.techradium.iris.core.ValidationException naming every rejected field
   * @throws NotFoundException if the tenant has no such key
   */
  public ApiKey update(TenantId tenant, UUID id, ApiKeyUpdate change, String actor) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant();
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    if (change.name() != null) {
      KeyInput.name(v, change.name());
    }
    if (change.scopes() != null) {
      KeyInput.scopes(v, change.scopes());
    }
    List<String> cidrs =
        change.allowedIps() == null ? null : KeyInput.allowedIps(v, change.allowedIps());
    v.text("actor", actor, KeyInput.MAX_TEXT);
    v.throwIfInvalid();
    AtomicReference<@Nullable ApiKeyRecord> before = new AtomicReference<>();
    ApiKeyRecord updated =
        store
            .update(
                tenant,
                id,
                current -> {
                  before.set(current);
                  return current.withAttributes(
                      change.name() != null ? change.name() : current.name(),
                      change.scopes() != null ? KeyInput.sorted(change.scopes()) : current.scopes(),
                      cidrs != null ? cidrs : current.allowedCidrs(),
                      change.tier() != null ? change.tier() : current.tier());
                })
            .orElseThrow(() -> notFound(id));
    changed(Objects.requireNonNull(before.get()));
    Map<String, String> details = new TreeMap<>();
    if (change.name() != null) {
      details.put("name", updated.name());
    }
    if (change.scopes() != null) {
      details.put("scopes", String.join(" ", updated.scopes()));
    }
    if (change.allowedIps() != null) {
      details.put("allowedIps", String.join(" ", updated.allowedCidrs()));
    }
    if (change.tier() != null) {
      details.put("tier", updated.tier().name());
    }
    notices.admin(updated, actor, "api_key.update", details);
    return KeyViews.view(updated, now);
  }

  // ---------------------------------------------------------------- validating

  /**
   * {@link #validate(String, String, Set)} with no required scope.
   *
   * @param key the key the caller presented
   * @param ip the caller's IP address, or null when unknown
   * @return the result: valid, or the reason for the refusal
   */
  public KeyValidation validate(String key, @Nullable String ip) {
    return validate(key, ip, Set.of());
  }

  /**
   * Validates a presented key for a request from {@code ip} that needs {@code requiredScopes}. A
   * refusal is a value ({@link KeyValidation#check()}), never an exception; only a store failure on
   * a cache miss throws ({@code StorageException}).
   *
   * @param key what the caller presented, as is (any length, any characters)
   * @param ip the caller's address (IPv4, IPv6, or IPv4-mapped IPv6), or null if unknown: a key
   *     with an allow-list then refuses it
   * @param requiredScopes concrete scopes the request needs, each allowed by a granted scope or
   *     wildcard
   * @return the result: valid, or the reason for the refusal
   */
  public KeyValidation validate(String key, @Nullable String ip, Set<String> requiredScopes) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requiredScopes, "requiredScopes");
    if (!ApiKeyFormat.wellFormed(key)) {
      return KeyValidation.malformed();
    }
    String hash = hasher.hash(key);
    Optional<CachedKey> found = cache.get(hash, this::load);
    if (found.isEmpty()) {
      return KeyValidation.unknown();
    }
    CachedKey cached = found.get();
    ApiKeyRecord record = cached.record();
    boolean previous = cached.previousSecret();
    if (!KeyHasher.sameHash(hash, previous ? record.previousHash() : record.secretHash())
        || !tenants.exists(record.tenant())) {
      return KeyValidation.unknown();
    }
    Instant now = clock.instant();
    KeyCheck check = check(cached, now, ip, requiredScopes);
    if (check != KeyCheck.VALID) {
      notices.misuse(record, check, ip);
      return new KeyValidation(check, record.id(), record.tenant(), Set.of(), null, false);
    }
    usage.record(record.tenant(), record.id(), now, previous);
    return new KeyValidation(
        KeyCheck.VALID, record.id(), record.tenant(), cached.scopes(), record.tier(), previous);
  }

  private static KeyCheck check(
      CachedKey cached, Instant now, @Nullable String ip, Set<String> required) {
    ApiKeyRecord record = cached.record();
    if (record.revokedAt() != null) {
      return KeyCheck.REVOKED;
    }
    if (cached.previousSecret()
        && (record.previousExpiresAt() == null || !record.previousExpiresAt().isAfter(now))) {
      return KeyCheck.REVOKED;
    }
    if (record.expiresAt() != null && !record.expiresAt().isAfter(now)) {
      return KeyCheck.EXPIRED;
    }
    if (!cached.allowsAddress(ip)) {
      return KeyCheck.IP_NOT_ALLOWED;
    }
    if (!cached.allowsScopes(required)) {
      return KeyCheck.MISSING_SCOPE;
    }
    return KeyCheck.VALID;
  }

  private @Nullable CachedKey load(String hash) {
    return store
        .findByHash(hash)
        .map(r -> CachedKey.of(r, !KeyHasher.sameHash(hash, r.secretHash())))
        .orElse(null);
  }

  /** Drops a key's secrets from this node's cache and tells the other nodes. */
  private void changed(ApiKeyRecord before) {
    List<String> hashes = new ArrayList<>(2);
    hashes.add(before.secretHash());
    if (before.previousHash() != null) {
      hashes.add(before.previousHash());
    }
    hashes.forEach(cache::invalidate);
    try {
      feed.publish(hashes);
    } catch (RuntimeException e) {
      LOG.warn(
          "API key {} changed, but the change feed failed: other nodes see the change when their"
              + " cache entry expires",
          before.id(),
          e);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * One key of the tenant, whatever its status.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the key's id
   * @return the key, or empty if the tenant has none with this id
   */
  public Optional<ApiKey> get(TenantId tenant, UUID id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    tenants.require(tenant);
    Instant now = clock.instant();
    return store.get(tenant, id).map(r -> KeyViews.view(r, now));
  }

  /**
   * One page of the tenant's active keys (neither revoked nor expired), oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param page the page size and cursor
   * @return one page of keys
   */
  public Page<ApiKey> listActive(TenantId tenant, PageRequest page) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(page, "page");
    tenants.require(tenant);
    Instant now = clock.instant();
    return store.listActive(tenant, now, page).map(r -> KeyViews.view(r, now));
  }

  /**
   * How many active keys the tenant has.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the number of active keys
   */
  public long countActive(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    tenants.require(tenant);
    return store.countActive(tenant, clock.instant());
  }

  /**
   * The tenant's active keys that expire within {@code within} from now, soonest first (at most
   * 1,000).
   *
   * @param tenant the tenant, known to the tenant directory
   * @param within how far ahead to look
   * @return the expiring keys, soonest first
   */
  public List<ApiKey> expiring(TenantId tenant, Duration within) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(within, "within");
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    v.check(
        within.compareTo(Duration.ofMillis(1)) >= 0 && within.compareTo(MAX_USAGE_PERIOD) <= 0,
        "within",
        "must be between 1 ms and 366 days");
    v.throwIfInvalid();
    Instant now = clock.instant();
    return store.expiring(tenant, now, now.plus(within), 1000).stream()
        .map(r -> KeyViews.view(r, now))
        .toList();
  }

  /**
   * A key's validations per hour and per UTC day in {@code [from, to)} ({@code from} rounded down
   * to the hour), as written so far.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the key's id
   * @param from the start of the range, inclusive
   * @param to the end of the range, exclusive
   * @return the counts per hour and per day
   * @throws NotFoundException if the tenant has no such key
   */
  public UsageStats usage(TenantId tenant, UUID id, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Validation v = Validation.of();
    tenants.check(v, tenant, null);
    v.check(from.isBefore(to), "to", "must be after from");
    v.check(
        Duration.between(from, to).compareTo(MAX_USAGE_PERIOD) <= 0,
        "to",
        "must be at most 366 days after from");
    v.throwIfInvalid();
    if (store.get(tenant, id).isEmpty()) {
      throw notFound(id);
    }
    Instant start = from.truncatedTo(ChronoUnit.HOURS);
    List<HourlyUsage> hours = store.usage(tenant, id, start, to);
    Map<LocalDate, Long> days = new TreeMap<>();
    List<UsageStats.Hour> hourly = new ArrayList<>(hours.size());
    long total = 0;
    for (HourlyUsage h : hours) {
      hourly.add(new UsageStats.Hour(h.hour(), h.count()));
      days.merge(LocalDate.ofInstant(h.hour(), ZoneOffset.UTC), h.count(), Long::sum);
      total += h.count();
    }
    List<UsageStats.Day> daily =
        days.entrySet().stream().map(e -> new UsageStats.Day(e.getKey(), e.getValue())).toList();
    return new UsageStats(id, start, to, total, hourly, daily);
  }

  /**
   * Writes the usage counted in memory so far (normally done by the background service every flush
   * interval, and when the runtime closes).
   *
   * @return how many validations were written
   * @throws com.techradium.iris.core.StorageException if the store fails; the counts are kept
   */
  public long flushUsage() {
    return usage.flush(clock.instant());
  }

  // ---------------------------------------------------------------- expiry

  /**
   * Deployment-wide: marks every key whose expiry has passed as expired, once, and publishes an
   * admin event for each (actor {@code system}).
   *
   * @return how many keys were marked by this call
   */
  public int expireKeys() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    int total = 0;
    while (true) {
      List<ApiKeyRecord> expired = store.expireDue(now, BATCH);
      for (ApiKeyRecord key : expired) {
        notices.admin(
            key,
            "system",
            "api_key.expire",
            Map.of("expiresAt", Objects.requireNonNull(key.expiresAt()).toString()));
      }
      total += expired.size();
      if (expired.size() < BATCH) {
        return total;
      }
    }
  }

  /**
   * Deployment-wide: delivers each due expiry warning to the listener, once per key and lead time
   * (30, 7 and 1 days by default). A key that is first seen with less than a lead time left gets
   * the smallest lead time that covers what is left, not every larger one. Delivery is once across
   * nodes: each warning is claimed in the store before it is delivered.
   *
   * @return how many warnings were delivered
   */
  public int sendExpiryWarnings() {
    Instant now = clock.instant();
    Duration longest = warningLeads.get(warningLeads.size() - 1);
    int delivered = 0;
    for (ApiKeyRecord key : store.expiringBefore(now, now.plus(longest), 10_000)) {
      Duration left = Duration.between(now, Objects.requireNonNull(key.expiresAt()));
      Duration lead = ExpiryLeads.due(warningLeads, left);
      if (lead == null || !ExpiryLeads.owed(key.warnedLead(), lead)) {
        continue;
      }
      AtomicReference<@Nullable ApiKeyRecord> claimed = new AtomicReference<>();
      store.update(
          key.tenant(),
          key.id(),
          current -> {
            if (current.revokedAt() != null || !ExpiryLeads.owed(current.warnedLead(), lead)) {
              return current;
            }
            ApiKeyRecord marked = current.withWarned(lead);
            claimed.set(marked);
            return marked;
          });
      ApiKeyRecord marked = claimed.get();
      if (marked != null) {
        delivered++;
        try {
          listener.onExpiryWarning(
              new ExpiryWarning(
                  marked.tenant(),
                  marked.id(),
                  marked.name(),
                  marked.owner(),
                  Objects.requireNonNull(marked.expiresAt()),
                  lead));
        } catch (RuntimeException e) {
          LOG.warn("the expiry warning listener failed for API key {}", marked.id(), e);
        }
      }
    }
    return delivered;
  }

  /**
   * Deployment-wide: deletes keys revoked or expired more than the retention period ago (default 90
   * days), with their usage counts.
   *
   * @return how many keys were deleted
   */
  public int deleteExpiredKeys() {
    Instant cutoff = clock.instant().minus(retention);
    int total = 0;
    while (true) {
      int deleted = store.deleteEnded(cutoff, BATCH);
      total += deleted;
      if (deleted < BATCH) {
        return total;
      }
    }
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException("no API key " + id);
  }
}
