package com.techradium.iris.apikey.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored count of one key's validations in one hour.
 *
 * @param hour the start of the hour (UTC)
 * @param count validations counted in it
 */
public record HourlyUsage(Instant hour, long count) {
  /**
   * Creates a {@code HourlyUsage}, checking its components.
   *
   * @param hour the start of the hour (UTC)
   * @param count validations counted in it
   */
  public HourlyUsage {
    Objects.requireNonNull(hour, "hour");
  }
}
