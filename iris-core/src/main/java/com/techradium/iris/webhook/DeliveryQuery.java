package com.techradium.iris.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the delivery history; null fields match everything.
 *
 * @param endpointId only this endpoint's deliveries
 * @param eventType only events of this type
 * @param status only deliveries in this status
 * @param from only deliveries created at or after this instant
 * @param to only deliveries created before this instant
 */
public record DeliveryQuery(
    @Nullable UUID endpointId,
    @Nullable String eventType,
    @Nullable DeliveryStatus status,
    @Nullable Instant from,
    @Nullable Instant to) {
  /**
   * Every delivery.
   *
   * @return the query without filters
   */
  public static DeliveryQuery all() {
    return new DeliveryQuery(null, null, null, null, null);
  }

  /**
   * Every delivery to one endpoint.
   *
   * @param endpointId the endpoint's id
   * @return the query
   */
  public static DeliveryQuery endpoint(UUID endpointId) {
    return new DeliveryQuery(endpointId, null, null, null, null);
  }

  /**
   * The same query restricted to {@code status}.
   *
   * @param status the status
   * @return a copy restricted to that status
   */
  public DeliveryQuery withStatus(DeliveryStatus status) {
    return new DeliveryQuery(endpointId, eventType, status, from, to);
  }

  /**
   * Whether {@code delivery} matches.
   *
   * @param delivery the delivery to test
   * @return true if it matches
   */
  public boolean matches(Delivery delivery) {
    return (endpointId == null || endpointId.equals(delivery.endpointId()))
        && (eventType == null || eventType.equals(delivery.eventType()))
        && (status == null || status == delivery.status())
        && (from == null || !delivery.createdAt().isBefore(from))
        && (to == null || delivery.createdAt().isBefore(to));
  }
}
