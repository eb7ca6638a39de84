package com.techradium.iris.ratelimit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An amount to add to one quota period's usage, up to a limit: what {@link
 * RateLimitStore#addUsage(com.techradium.iris.core.TenantId, java.util.List)} takes, one per quota
 * a request uses.
 *
 * @param quota the quota's name
 * @param subject whose allowance: {@code "tenant"} or {@code "key:<public id>"}
 * @param periodStart the start of the period the usage belongs to
 * @param amount units to add, at least 1
 * @param limit the most the period's usage may reach
 */
public record QuotaCharge(
    String quota, String subject, Instant periodStart, long amount, long limit) {
  /**
   * Creates a {@code QuotaCharge}, checking its components.
   *
   * @param quota the quota's name
   * @param subject whose allowance: {@code "tenant"} or {@code "key:<public id>"}
   * @param periodStart the start of the period the usage belongs to
   * @param amount units to add, at least 1
   * @param limit the most the period's usage may reach
   * @throws IllegalArgumentException if a component is out of range
   */
  public QuotaCharge {
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(periodStart, "periodStart");
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be at least 1, got " + amount);
    }
  }

  /**
   * Whether adding this charge to {@code used} would pass its limit.
   *
   * @param used the units used so far in the period
   * @return true if {@code used} plus the charge's amount passes the limit
   */
  public boolean exceeds(long used) {
    return used + amount > limit;
  }
}
