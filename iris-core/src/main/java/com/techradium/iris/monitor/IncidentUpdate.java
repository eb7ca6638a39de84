package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of an incident's timeline.
 *
 * @param id UUIDv7
 * @param status the incident's status with this entry
 * @param message what was said, e.g. {@code "We found the cause and are rolling back."}
 * @param at when
 */
public record IncidentUpdate(UUID id, IncidentStatus status, String message, Instant at) {
  /**
   * Creates an {@code IncidentUpdate}, checking its components.
   *
   * @param id UUIDv7
   * @param status the incident's status with this entry
   * @param message what was said, e.g. {@code "We found the cause and are rolling back."}
   * @param at when
   */
  public IncidentUpdate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
