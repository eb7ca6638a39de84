package com.techradium.iris.ratelimit;

import java.time.Instant;
import java.util.Objects;

/**
 * A quota's use in its current period, as read or after a consumption.
 *
 * @param quota the quota's name
 * @param subject whose allowance: {@code "tenant"} or the API key's public id
 * @param used units used this period
 * @param limit units per period
 * @param periodStart when this period began
 * @param resetsAt when the next begins
 * @param allowed for a consumption, whether it was taken (false: over the limit, nothing taken)
 */
public record QuotaUsage(
    String quota,
    String subject,
    long used,
    long limit,
    Instant periodStart,
    Instant resetsAt,
    boolean allowed) {
  /**
   * Creates a {@code QuotaUsage}, checking its components.
   *
   * @param quota the quota's name
   * @param subject whose allowance: {@code "tenant"} or the API key's public id
   * @param used units used this period
   * @param limit units per period
   * @param periodStart when this period began
   * @param resetsAt when the next begins
   * @param allowed for a consumption, whether it was taken (false: over the limit, nothing taken)
   */
  public QuotaUsage {
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(resetsAt, "resetsAt");
  }

  /**
   * Units left this period.
   *
   * @return the limit minus the units used, never below 0
   */
  public long remaining() {
    return Math.max(0, limit - used);
  }
}
