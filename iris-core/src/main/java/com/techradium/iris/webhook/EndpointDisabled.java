package com.techradium.iris.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * An endpoint was disabled by the dispatcher: it kept failing, or answered 410 Gone.
 *
 * @param endpoint the endpoint, as disabled
 * @param reason why, e.g. {@code "failing since 2026-01-01T00:00:00Z"} or {@code "410 Gone"}
 * @param at when
 */
public record EndpointDisabled(Endpoint endpoint, String reason, Instant at) {
  /**
   * Creates an {@code EndpointDisabled}, checking its components.
   *
   * @param endpoint the endpoint, as disabled
   * @param reason why, e.g. {@code "failing since 2026-01-01T00:00:00Z"} or {@code "410 Gone"}
   * @param at when
   */
  public EndpointDisabled {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
