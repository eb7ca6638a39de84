package com.techradium.iris.apikey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A key's validations counted per hour and per day (UTC) over a period, as written so far (counts
 * reach the store in batches, so the last flush interval may be missing).
 *
 * @param keyId the key
 * @param from start of the period (inclusive, a whole hour)
 * @param to end of the period (exclusive)
 * @param total validations in the period
 * @param hourly counts per hour with use, oldest first
 * @param daily counts per UTC day with use, oldest first
 */
public record UsageStats(
    UUID keyId, Instant from, Instant to, long total, List<Hour> hourly, List<Day> daily) {
  /**
   * Creates a {@code UsageStats}, checking its components and copying its collections.
   *
   * @param keyId the key
   * @param from start of the period (inclusive, a whole hour)
   * @param to end of the period (exclusive)
   * @param total validations in the period
   * @param hourly counts per hour with use, oldest first
   * @param daily counts per UTC day with use, oldest first
   */
  public UsageStats {
    Objects.requireNonNull(keyId, "keyId");
    hourly = List.copyOf(hourly);
    daily = List.copyOf(daily);
  }

  /**
   * Validations in one hour.
   *
   * @param start the start of the hour
   * @param count the validations in it
   */
  public record Hour(Instant start, long count) {}

  /**
   * Validations in one UTC day.
   *
   * @param date the UTC day
   * @param count the validations in it
   */
  public record Day(LocalDate date, long count) {}
}
