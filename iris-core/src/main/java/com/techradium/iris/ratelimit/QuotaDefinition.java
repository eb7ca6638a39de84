package com.techradium.iris.ratelimit;

import com.techradium.iris.core.Validation;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's daily or monthly allowance, counted per tenant or per API key, starting over by itself
 * at midnight (daily) or at midnight of the billing day (monthly) in {@code zone}.
 *
 * <pre>{@code
 * QuotaDefinition sms = QuotaDefinition.daily("sms-daily", 5_000, zone).forResource("sms");
 * QuotaDefinition perKey = QuotaDefinition.monthly("api-monthly", 1_000_000, zone, 1)
 *     .forEachApiKey().forResource("api");
 * }</pre>
 *
 * <p>A quota tied to a resource is taken from by every {@link RateLimiter#check} of that resource
 * (the request's cost, together with its rules, all or none) and by {@link
 * RateLimitQuotas#consume}; an untied quota (the default) only by {@code consume}.
 *
 * @param name unique per tenant: 1-64 of {@code a-z 0-9 . _ -}
 * @param period daily or monthly
 * @param limit units per period, 1 to 10^12
 * @param zone the tenant's time zone, in which the period starts
 * @param billingDay the day of the month a monthly period starts, 1 to 28 (1 for daily quotas)
 * @param perApiKey whether each API key has its own allowance (else the tenant shares one)
 * @param resource the resource whose checks take from it (not blank, at most 128 characters, no
 *     control characters), or null when only {@link RateLimitQuotas#consume} does
 */
public record QuotaDefinition(
    String name,
    QuotaPeriod period,
    long limit,
    ZoneId zone,
    int billingDay,
    boolean perApiKey,
    @Nullable String resource) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /**
   * Creates a {@code QuotaDefinition}, checking its components.
   *
   * @param name unique per tenant: 1-64 of {@code a-z 0-9 . _ -}
   * @param period daily or monthly
   * @param limit units per period, 1 to 10^12
   * @param zone the tenant's time zone, in which the period starts
   * @param billingDay the day of the month a monthly period starts, 1 to 28 (1 for daily quotas)
   * @param perApiKey whether each API key has its own allowance (else the tenant shares one)
   * @param resource the resource whose checks take from it (not blank, at most 128 characters, no
   *     control characters), or null when only {@link RateLimitQuotas#consume} does
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public QuotaDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(zone, "zone");
    Validation.of()
        .check(NAME.matcher(name).matches(), "quota.name", "must be 1-64 of a-z 0-9 . _ -")
        .range("quota.limit", limit, 1, 1_000_000_000_000L)
        .range("quota.billingDay", billingDay, 1, 28)
        .optionalText("quota.resource", resource, 128)
        .check(resource == null || !resource.isBlank(), "quota.resource", "must not be blank")
        .throwIfInvalid();
  }

  /**
   * A quota tied to no resource: only {@link RateLimitQuotas#consume} takes from it.
   *
   * @param name the quota's name, unique within the tenant
   * @param period daily or monthly
   * @param limit the most units per period
   * @param zone the time zone the periods begin in
   * @param billingDay the day of the month a monthly period begins
   * @param perApiKey true to count each API key separately
   */
  public QuotaDefinition(
      String name, QuotaPeriod period, long limit, ZoneId zone, int billingDay, boolean perApiKey) {
    this(name, period, limit, zone, billingDay, perApiKey, null);
  }

  /**
   * A daily quota for the whole tenant.
   *
   * @param name the quota's name
   * @param limit the most units per day
   * @param zone the time zone the day begins in
   * @return the quota
   */
  public static QuotaDefinition daily(String name, long limit, ZoneId zone) {
    return new QuotaDefinition(name, QuotaPeriod.DAILY, limit, zone, 1, false);
  }

  /**
   * A monthly quota for the whole tenant, starting on {@code billingDay}.
   *
   * @param name the quota's name
   * @param limit the most units per month
   * @param zone the time zone the month begins in
   * @param billingDay the day of the month the period begins
   * @return the quota
   */
  public static QuotaDefinition monthly(String name, long limit, ZoneId zone, int billingDay) {
    return new QuotaDefinition(name, QuotaPeriod.MONTHLY, limit, zone, billingDay, false);
  }

  /**
   * This quota counted for each API key separately.
   *
   * @return a copy counted per API key
   */
  public QuotaDefinition forEachApiKey() {
    return new QuotaDefinition(name, period, limit, zone, billingDay, true, resource);
  }

  /**
   * This quota taken from by every {@link RateLimiter#check} of {@code resource} as well: for a
   * per-key quota, by the checks that carry an API key.
   *
   * @param resource the resource whose checks take from it
   * @return a copy tied to the resource
   */
  public QuotaDefinition forResource(String resource) {
    Objects.requireNonNull(resource, "resource");
    return new QuotaDefinition(name, period, limit, zone, billingDay, perApiKey, resource);
  }
}
