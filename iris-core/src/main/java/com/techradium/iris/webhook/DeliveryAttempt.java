package com.techradium.iris.webhook;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP attempt of a delivery.
 *
 * @param id the attempt's id (UUIDv7)
 * @param tenant its tenant
 * @param deliveryId the delivery
 * @param endpointId the endpoint
 * @param number 1 for the first attempt of the delivery
 * @param at when it was made
 * @param statusCode the HTTP status received; null if none (refused, timed out, reset)
 * @param latencyMillis time from connect to the end of the response, or to the failure
 * @param error why it failed; null if it succeeded
 * @param responseExcerpt the start of the response body, at most 1 KiB; null if none
 * @param succeeded whether the endpoint answered 2xx
 */
public record DeliveryAttempt(
    UUID id,
    TenantId tenant,
    UUID deliveryId,
    UUID endpointId,
    int number,
    Instant at,
    @Nullable Integer statusCode,
    long latencyMillis,
    @Nullable String error,
    @Nullable String responseExcerpt,
    boolean succeeded) {
  /**
   * Creates a {@code DeliveryAttempt}, checking its components.
   *
   * @param id the attempt's id (UUIDv7)
   * @param tenant its tenant
   * @param deliveryId the delivery
   * @param endpointId the endpoint
   * @param number 1 for the first attempt of the delivery
   * @param at when it was made
   * @param statusCode the HTTP status received; null if none (refused, timed out, reset)
   * @param latencyMillis time from connect to the end of the response, or to the failure
   * @param error why it failed; null if it succeeded
   * @param responseExcerpt the start of the response body, at most 1 KiB; null if none
   * @param succeeded whether the endpoint answered 2xx
   */
  public DeliveryAttempt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(at, "at");
  }
}
