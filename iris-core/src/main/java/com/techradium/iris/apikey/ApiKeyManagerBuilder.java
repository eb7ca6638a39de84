package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link ApiKeyManager}. Only the store is required; every other part has the default
 * its setter documents. Each part can be set once ("{@code <part> was already set}"), each setter
 * checks its argument, and {@link #build()} writes nothing and starts no thread: with a runtime,
 * the background service is registered on it and starts with it. Not thread-safe.
 */
public final class ApiKeyManagerBuilder {
  /** The shortest pepper accepted, in bytes. */
  public static final int MIN_PEPPER_BYTES = 32;

  @Nullable ApiKeyStore store;
  ApiKeyChangeFeed feed = ApiKeyChangeFeed.NONE;
  private boolean feedSet;
  byte @Nullable [] pepper;
  Duration cacheTtl = Duration.ofSeconds(5);
  private boolean cacheTtlSet;
  long cacheSize = 100_000;
  private boolean cacheSizeSet;
  Duration pollInterval = Duration.ofMillis(250);
  private boolean pollIntervalSet;
  Duration usageFlushInterval = Duration.ofSeconds(5);
  private boolean usageFlushIntervalSet;
  int maxPendingUsage = 100_000;
  private boolean maxPendingUsageSet;
  List<Duration> warningLeads =
      List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1));
  private boolean warningLeadsSet;
  Duration retention = Duration.ofDays(90);
  private boolean retentionSet;
  ApiKeyListener listener = ApiKeyListener.NONE;
  private boolean listenerSet;

  private final ContextParts contextParts = new ContextParts("clock, runtime and tenants");

  ApiKeyManagerBuilder() {}

  /**
   * The shared context: its clock, runtime (if any), tenant directory, events (admin and security
   * notices go there, for the audit log) and housekeeping (the hourly expiry chore). Default: a
   * private context from {@link #clock}, {@link #runtime} and {@link #tenants}.
   *
   * @param context the shared context
   * @return this builder
   */
  public ApiKeyManagerBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * Where keys and usage are kept. Required.
   *
   * @param store the key store
   * @return this builder
   */
  public ApiKeyManagerBuilder store(ApiKeyStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * How nodes tell each other about revoked, rotated and updated keys (iris-redis's {@code
   * RedisApiKeyChangeFeed}). Default {@link ApiKeyChangeFeed#NONE}: other nodes see a change when
   * their cache entry expires ({@link #cacheTtl}).
   *
   * @param feed the change feed
   * @return this builder
   */
  public ApiKeyManagerBuilder changeFeed(ApiKeyChangeFeed feed) {
    Objects.requireNonNull(feed, "changeFeed");
    feedSet = BuilderChecks.markSet("changeFeed", feedSet);
    this.feed = feed;
    return this;
  }

  /**
   * The server-side secret keys are hashed under (HMAC-SHA256), at least {@value #MIN_PEPPER_BYTES}
   * bytes, kept outside the key store (an environment secret, a KMS). Changing it invalidates every
   * key. The array is copied. Default: none, and keys are hashed with plain SHA-256, the weaker
   * mode.
   *
   * @param pepper the pepper bytes
   * @return this builder
   */
  public ApiKeyManagerBuilder pepper(byte[] pepper) {
    Objects.requireNonNull(pepper, "pepper");
    if (this.pepper != null) {
      throw BuilderChecks.alreadySet("pepper");
    }
    if (pepper.length < MIN_PEPPER_BYTES) {
      throw new IllegalArgumentException(
          "pepper must be at least " + MIN_PEPPER_BYTES + " bytes, got " + pepper.length);
    }
    this.pepper = pepper.clone();
    return this;
  }

  /**
   * How long a positive lookup stays in the validation cache, 1 ms to 1 hour. Default 5 seconds:
   * without a change feed, the time in which other nodes may still accept a revoked key.
   *
   * @param ttl the cache time
   * @return this builder
   */
  public ApiKeyManagerBuilder cacheTtl(Duration ttl) {
    BuilderChecks.positive("cacheTtl", ttl);
    BuilderChecks.inRange("cacheTtl", ttl.toMillis(), 1, Duration.ofHours(1).toMillis());
    cacheTtlSet = BuilderChecks.markSet("cacheTtl", cacheTtlSet);
    this.cacheTtl = ttl;
    return this;
  }

  /**
   * The most keys the validation cache holds, 0 (no cache) to 10,000,000. Default 100,000.
   *
   * @param size the cache's capacity, in keys
   * @return this builder
   */
  public ApiKeyManagerBuilder cacheSize(long size) {
    BuilderChecks.inRange("cacheSize", size, 0, 10_000_000);
    cacheSizeSet = BuilderChecks.markSet("cacheSize", cacheSizeSet);
    this.cacheSize = size;
    return this;
  }

  /**
   * How often the change feed is read, 1 ms to 1 minute. Default 250 ms.
   *
   * @param interval the poll interval
   * @return this builder
   */
  public ApiKeyManagerBuilder pollInterval(Duration interval) {
    BuilderChecks.positive("pollInterval", interval);
    BuilderChecks.inRange("pollInterval", interval.toMillis(), 1, 60_000);
    pollIntervalSet = BuilderChecks.markSet("pollInterval", pollIntervalSet);
    this.pollInterval = interval;
    return this;
  }

  /**
   * How often usage counted in memory is written, 1 ms to 1 hour. Default 5 seconds.
   *
   * @param interval the flush interval
   * @return this builder
   */
  public ApiKeyManagerBuilder usageFlushInterval(Duration interval) {
    BuilderChecks.positive("usageFlushInterval", interval);
    BuilderChecks.inRange("usageFlushInterval", interval.toMillis(), 1, 3_600_000);
    usageFlushIntervalSet = BuilderChecks.markSet("usageFlushInterval", usageFlushIntervalSet);
    this.usageFlushInterval = interval;
    return this;
  }

  /**
   * The most (key, hour) counters held between flushes, 1 to 10,000,000; validations past it are
   * not counted. Default 100,000.
   *
   * @param max the most counters held
   * @return this builder
   */
  public ApiKeyManagerBuilder maxPendingUsage(int max) {
    BuilderChecks.inRange("maxPendingUsage", max, 1, 10_000_000);
    maxPendingUsageSet = BuilderChecks.markSet("maxPendingUsage", maxPendingUsageSet);
    this.maxPendingUsage = max;
    return this;
  }

  /**
   * Lead times of expiry warnings, 1 to 10 distinct durations of 1 minute to 366 days. Default 30,
   * 7 and 1 days.
   *
   * @param leads the lead times
   * @return this builder
   */
  public ApiKeyManagerBuilder warningLeads(List<Duration> leads) {
    Objects.requireNonNull(leads, "warningLeads");
    List<Duration> copy = List.copyOf(leads);
    BuilderChecks.inRange("warningLeads", copy.size(), 1, 10);
    for (Duration lead : copy) {
      if (lead.compareTo(Duration.ofMinutes(1)) < 0 || lead.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException(
            "warningLeads must be between 1 minute and 366 days, got " + lead);
      }
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("warningLeads must be distinct, got " + copy);
    }
    warningLeadsSet = BuilderChecks.markSet("warningLeads", warningLeadsSet);
    this.warningLeads = copy;
    return this;
  }

  /**
   * How long revoked and expired keys are kept before {@link ApiKeyManager#deleteExpiredKeys()}
   * deletes them, 1 day to 10 years. Default 90 days.
   *
   * @param retention how long ended keys are kept
   * @return this builder
   */
  public ApiKeyManagerBuilder retention(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    BuilderChecks.inRange("retention (days)", retention.toDays(), 1, 3653);
    retentionSet = BuilderChecks.markSet("retention", retentionSet);
    this.retention = retention;
    return this;
  }

  /**
   * Receives expiry warnings. Default {@link ApiKeyListener#NONE}.
   *
   * @param listener the listener
   * @return this builder
   */
  public ApiKeyManagerBuilder listener(ApiKeyListener listener) {
    Objects.requireNonNull(listener, "listener");
    listenerSet = BuilderChecks.markSet("listener", listenerSet);
    this.listener = listener;
    return this;
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public ApiKeyManagerBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The runtime for the background service (change feed and usage writes). Default: none; call
   * {@link ApiKeyManager#flushUsage()} yourself.
   *
   * @param runtime the runtime
   * @return this builder
   */
  public ApiKeyManagerBuilder runtime(IrisRuntime runtime) {
    contextParts.runtime(runtime);
    return this;
  }

  /**
   * The tenants that exist. Default {@link TenantDirectory#acceptingAll()}.
   *
   * @param directory the tenant directory
   * @return this builder
   */
  public ApiKeyManagerBuilder tenants(TenantDirectory directory) {
    contextParts.tenants(directory);
    return this;
  }

  /**
   * The key manager. Writes nothing and starts nothing.
   *
   * @return the key manager
   * @throws IllegalStateException if no store was given
   */
  public ApiKeyManager build() {
    if (store == null) {
      throw new IllegalStateException("ApiKeyManager needs a store: builder().store(...)");
    }
    return new ApiKeyManager(this);
  }
}
