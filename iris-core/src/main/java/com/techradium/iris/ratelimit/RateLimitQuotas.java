package com.techradium.iris.ratelimit;

import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.ratelimit.spi.QuotaAdd;
import com.techradium.iris.ratelimit.spi.QuotaWindows;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's daily and monthly quotas, reached through {@link RateLimiter#quotas()}: definitions,
 * consumption, usage and manual reset. A quota tied to a resource is also taken from by {@link
 * RateLimiter#check} with the request's rules, all or none. A period starts over by itself at the
 * tenant's midnight (or billing day) in the quota's time zone: usage is kept per period, so nothing
 * has to run at midnight. A quota that counts per API key needs the key on every call; a
 * tenant-wide quota takes none. Thread-safe.
 */
public final class RateLimitQuotas {
  /** The subject of a tenant-wide quota's usage. */
  public static final String TENANT_SUBJECT = "tenant";

  private final RateLimitStore store;
  private final Clock clock;
  private final KnownTenants tenants;
  private final ViolationRecorder violations;
  private final Consumer<TenantId> changed;

  RateLimitQuotas(
      RateLimitStore store,
      Clock clock,
      KnownTenants tenants,
      ViolationRecorder violations,
      Consumer<TenantId> changed) {
    this.store = store;
    this.clock = clock;
    this.tenants = tenants;
    this.violations = violations;
    this.changed = changed;
  }

  /**
   * Creates or replaces one of the tenant's quotas. A quota tied to a resource ({@link
   * QuotaDefinition#forResource}) is taken from by this limiter's checks of that resource at once,
   * by other nodes' within their {@link RateLimiterBuilder#configTtl}.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param quota the quota
   */
  public void define(TenantId tenant, QuotaDefinition quota) {
    Objects.requireNonNull(quota, "quota");
    tenants.require(tenant);
    store.saveQuota(tenant, quota);
    changed.accept(tenant);
  }

  /**
   * The tenant's quotas, by name.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the quotas, ordered by name
   */
  public List<QuotaDefinition> list(TenantId tenant) {
    tenants.require(tenant);
    return store.quotas(tenant);
  }

  /**
   * Takes {@code amount} from the quota's current period unless that would pass its limit; the
   * usage's {@link QuotaUsage#allowed()} says which. A refusal is recorded as a violation.
   *
   * @param apiKey the key's public id for a per-key quota; null for a tenant-wide one
   * @param tenant the tenant, known to the tenant directory
   * @param quota the quota's name
   * @param amount the units to take, 1 to 10^9
   * @return the usage after the call, with whether it was allowed
   * @throws ValidationException on {@code quota} (unknown), {@code apiKey} (missing or given
   *     wrongly) or {@code amount} (not 1 to 10^9)
   */
  public QuotaUsage consume(TenantId tenant, String quota, @Nullable String apiKey, long amount) {
    Instant now = clock.instant();
    Validation v = Validation.of().range("amount", amount, 1, 1_000_000_000L);
    QuotaDefinition definition = definition(tenant, quota, apiKey, v);
    String subject = subject(apiKey);
    Instant start = QuotaWindows.periodStart(definition, now);
    QuotaAdd add =
        store.addUsage(tenant, definition.name(), subject, start, amount, definition.limit());
    if (!add.added()) {
      refused(tenant, definition, apiKey, now);
    }
    return usage(definition, subject, add.used(), now, add.added());
  }

  /**
   * The quota's usage in its current period.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param quota the quota's name
   * @param apiKey the key's public id for a per-key quota; null for a tenant-wide one
   * @return the usage
   */
  public QuotaUsage usage(TenantId tenant, String quota, @Nullable String apiKey) {
    Instant now = clock.instant();
    QuotaDefinition definition = definition(tenant, quota, apiKey, Validation.of());
    String subject = subject(apiKey);
    long used =
        store.usage(tenant, definition.name(), subject, QuotaWindows.periodStart(definition, now));
    return usage(definition, subject, used, now, true);
  }

  /**
   * Sets the quota's current period back to zero.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param quota the quota's name
   * @param apiKey the key's public id for a per-key quota; null for a tenant-wide one
   * @return the usage, at zero
   */
  public QuotaUsage reset(TenantId tenant, String quota, @Nullable String apiKey) {
    Instant now = clock.instant();
    QuotaDefinition definition = definition(tenant, quota, apiKey, Validation.of());
    String subject = subject(apiKey);
    store.resetUsage(tenant, definition.name(), subject, QuotaWindows.periodStart(definition, now));
    return usage(definition, subject, 0, now, true);
  }

  /** Records a refusal of {@code quota} as a violation of rule {@code quota.<name>}. */
  void refused(TenantId tenant, QuotaDefinition quota, @Nullable String apiKey, Instant now) {
    violations.denied(
        tenant,
        RateLimitDecision.QUOTA_PREFIX + quota.name(),
        apiKey == null ? "tenant" : "key=" + apiKey,
        new ViolationRecorder.Who(
            apiKey == null ? tenant.value() : apiKey,
            apiKey == null ? NoticeActor.SERVICE : NoticeActor.API_KEY,
            null),
        now,
        true);
  }

  private QuotaDefinition definition(
      TenantId tenant, String quota, @Nullable String apiKey, Validation v) {
    Objects.requireNonNull(quota, "quota");
    boolean known = tenants.exists(tenant);
    tenants.check(v, tenant, null);
    v.optionalText("apiKey", apiKey, RateLimitRequest.MAX_VALUE_LENGTH);
    QuotaDefinition definition = known ? store.quota(tenant, quota).orElse(null) : null;
    if (known) {
      v.check(definition != null, "quota", "unknown quota " + quota);
    }
    if (definition != null) {
      v.check(
          definition.perApiKey() == (apiKey != null),
          "apiKey",
          definition.perApiKey()
              ? "is required by a per-key quota"
              : "must be null for a tenant-wide quota");
    }
    v.throwIfInvalid();
    return Objects.requireNonNull(definition);
  }

  /** The subject of a quota's usage: the tenant's, or the API key's. */
  static String subject(@Nullable String apiKey) {
    return apiKey == null ? TENANT_SUBJECT : "key:" + apiKey;
  }

  private static QuotaUsage usage(
      QuotaDefinition definition, String subject, long used, Instant now, boolean allowed) {
    return new QuotaUsage(
        definition.name(),
        subject,
        used,
        definition.limit(),
        QuotaWindows.periodStart(definition, now),
        QuotaWindows.periodEnd(definition, now),
        allowed);
  }
}
