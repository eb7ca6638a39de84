package com.techradium.iris.webhook;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event on its way to one endpoint.
 *
 * @param id the delivery's id (UUIDv7)
 * @param tenant its tenant
 * @param eventId the event delivered
 * @param endpointId the endpoint it goes to
 * @param eventType the event's type, for filtering
 * @param status where it stands
 * @param attempts attempts made so far
 * @param nextAttemptAt when the next attempt is due; null unless pending
 * @param lastAttemptAt when the last attempt was made; null before the first
 * @param lastStatusCode the HTTP status of the last attempt; null if none was received
 * @param lastError why the last attempt failed; null if it succeeded or none was made
 * @param createdAt when the event was published
 * @param updatedAt when this record last changed
 */
public record Delivery(
    UUID id,
    TenantId tenant,
    UUID eventId,
    UUID endpointId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant lastAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt) {
  /**
   * Creates a {@code Delivery}, checking its components.
   *
   * @param id the delivery's id (UUIDv7)
   * @param tenant its tenant
   * @param eventId the event delivered
   * @param endpointId the endpoint it goes to
   * @param eventType the event's type, for filtering
   * @param status where it stands
   * @param attempts attempts made so far
   * @param nextAttemptAt when the next attempt is due; null unless pending
   * @param lastAttemptAt when the last attempt was made; null before the first
   * @param lastStatusCode the HTTP status of the last attempt; null if none was received
   * @param lastError why the last attempt failed; null if it succeeded or none was made
   * @param createdAt when the event was published
   * @param updatedAt when this record last changed
   */
  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * A new pending delivery, due at {@code now}.
   *
   * @param id the delivery's id
   * @param tenant the owning tenant
   * @param eventId the event delivered
   * @param endpointId the endpoint it goes to
   * @param eventType the event's type
   * @param now the facade's current time, when it is due
   * @return the delivery, pending
   */
  public static Delivery pending(
      UUID id, TenantId tenant, UUID eventId, UUID endpointId, String eventType, Instant now) {
    return new Delivery(
        id,
        tenant,
        eventId,
        endpointId,
        eventType,
        DeliveryStatus.PENDING,
        0,
        now,
        null,
        null,
        null,
        now,
        now);
  }

  /**
   * The same delivery after an attempt, moved to {@code status}.
   *
   * @param status the status after the attempt
   * @param next when to try again, or null if no attempt follows
   * @param at when the attempt was made
   * @param statusCode the HTTP status, or null if no response came
   * @param error why the attempt failed, or null
   * @return a copy after the attempt
   */
  public Delivery attempted(
      DeliveryStatus status,
      @Nullable Instant next,
      Instant at,
      @Nullable Integer statusCode,
      @Nullable String error) {
    return new Delivery(
        id,
        tenant,
        eventId,
        endpointId,
        eventType,
        status,
        attempts + 1,
        next,
        at,
        statusCode,
        error,
        createdAt,
        at);
  }

  /**
   * The same delivery, given up without an attempt (endpoint gone or disabled).
   *
   * @param reason why it was given up
   * @param now the facade's current time
   * @return a copy, failed
   */
  public Delivery givenUp(String reason, Instant now) {
    return new Delivery(
        id,
        tenant,
        eventId,
        endpointId,
        eventType,
        DeliveryStatus.FAILED,
        attempts,
        null,
        lastAttemptAt,
        lastStatusCode,
        reason,
        createdAt,
        now);
  }

  /**
   * The same delivery, pending again and due at {@code now} (a manual retry or a recovery).
   *
   * @param now the facade's current time
   * @return a copy, pending
   */
  public Delivery requeued(Instant now) {
    return new Delivery(
        id,
        tenant,
        eventId,
        endpointId,
        eventType,
        DeliveryStatus.PENDING,
        attempts,
        now,
        lastAttemptAt,
        lastStatusCode,
        lastError,
        createdAt,
        now);
  }
}
