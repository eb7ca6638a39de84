package com.techradium.iris.ratelimit;

import com.techradium.iris.core.Validation;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's daily or monthly allowance, counted per tenant or per API key, starting over by itself
 * at midnight (daily) or at midnight of the billing day (monthly) in {@code zone}.
 *
 * @param name unique per tenant: 1-64 of {@code a-z 0-9 . _ -}
 * @param period daily or monthly
 * @param limit units per period, 1 to 10^12
 * @param zone the tenant's time zone, in which the period starts
 * @param billingDay the day of the month a monthly period starts, 1 to 28 (1 for daily quotas)
 * @param perApiKey whether each API key has its own allowance (else the tenant shares one)
 */
public record QuotaDefinition(
    String name, QuotaPeriod period, long limit, ZoneId zone, int billingDay, boolean perApiKey) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public QuotaDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(zone, "zone");
    Validation.of()
        .check(NAME.matcher(name).matches(), "quota.name", "must be 1-64 of a-z 0-9 . _ -")
        .range("quota.limit", limit, 1, 1_000_000_000_000L)
        .range("quota.billingDay", billingDay, 1, 28)
        .throwIfInvalid();
  }

  /** A daily quota for the whole tenant. */
  public static QuotaDefinition daily(String name, long limit, ZoneId zone) {
    return new QuotaDefinition(name, QuotaPeriod.DAILY, limit, zone, 1, false);
  }

  /** A monthly quota for the whole tenant, starting on {@code billingDay}. */
  public static QuotaDefinition monthly(String name, long limit, ZoneId zone, int billingDay) {
    return new QuotaDefinition(name, QuotaPeriod.MONTHLY, limit, zone, billingDay, false);
  }

  /** This quota counted for each API key separately. */
  public QuotaDefinition forEachApiKey() {
    return new QuotaDefinition(name, period, limit, zone, billingDay, true);
  }
}
