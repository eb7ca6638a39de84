package com.techradium.iris.apikey.spi;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Validations of one key counted in one hour, to add to the stored count.
 *
 * @param tenant the key's tenant
 * @param keyId the key
 * @param hour the start of the hour (UTC, whole hours only)
 * @param count how many validations to add, at least 1
 */
public record UsageIncrement(TenantId tenant, UUID keyId, Instant hour, long count) {
  /**
   * Creates a {@code UsageIncrement}, checking its components.
   *
   * @param tenant the key's tenant
   * @param keyId the key
   * @param hour the start of the hour (UTC, whole hours only)
   * @param count how many validations to add, at least 1
   * @throws IllegalArgumentException if {@code hour} is not a whole hour or {@code count} is below
   *     1
   */
  public UsageIncrement {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(hour, "hour");
    if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      throw new IllegalArgumentException("hour must be a whole hour, got " + hour);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
  }
}
