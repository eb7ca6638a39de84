package com.techradium.iris.webhook;

import java.util.Objects;
import java.util.UUID;

/**
 * An endpoint's delivery figures over the last hour, day and week.
 *
 * @param endpointId the endpoint
 * @param lastHour the last hour
 * @param lastDay the last 24 hours
 * @param lastWeek the last 7 days
 */
public record EndpointStats(
    UUID endpointId, WindowStats lastHour, WindowStats lastDay, WindowStats lastWeek) {
  /**
   * Creates an {@code EndpointStats}, checking its components.
   *
   * @param endpointId the endpoint
   * @param lastHour the last hour
   * @param lastDay the last 24 hours
   * @param lastWeek the last 7 days
   */
  public EndpointStats {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(lastHour, "lastHour");
    Objects.requireNonNull(lastDay, "lastDay");
    Objects.requireNonNull(lastWeek, "lastWeek");
  }
}
