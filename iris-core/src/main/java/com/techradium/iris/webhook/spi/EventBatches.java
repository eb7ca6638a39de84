package com.techradium.iris.webhook.spi;

import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.WebhookEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The check every {@link WebhookStore#insertEvents} makes before it writes anything: at least one
 * event, distinct event ids, and every delivery belonging to one of the events, of its tenant.
 * Stateless.
 */
public final class EventBatches {
  private EventBatches() {}

  /**
   * Checks a batch of events and their deliveries.
   *
   * @param events the events published together
   * @param deliveries their deliveries
   * @throws ValidationException on {@code events} if empty or an id repeats, on {@code deliveries}
   *     if one's event is not among {@code events} or is of another tenant
   * @throws NullPointerException if a list or an element is null
   */
  public static void check(List<WebhookEvent> events, List<Delivery> deliveries) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(deliveries, "deliveries");
    Map<UUID, WebhookEvent> byId = new HashMap<>();
    Validation v = Validation.of();
    v.check(!events.isEmpty(), "events", "must not be empty");
    for (WebhookEvent event : events) {
      Objects.requireNonNull(event, "event");
      if (byId.putIfAbsent(event.id(), event) != null) {
        v.check(false, "events", "has the id " + event.id() + " twice");
      }
    }
    for (Delivery delivery : deliveries) {
      Objects.requireNonNull(delivery, "delivery");
      WebhookEvent event = byId.get(delivery.eventId());
      if (event == null || !event.tenant().equals(delivery.tenant())) {
        v.check(
            false,
            "deliveries",
            "delivery " + delivery.id() + " is not of an event of the batch and its tenant");
      }
    }
    v.throwIfInvalid();
  }
}
