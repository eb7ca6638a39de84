package com.techradium.iris.testkit.webhook;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.testkit.ContractSupport;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Fixtures shared by the webhook store contract groups: endpoints, events and deliveries made on
 * the test's clock with fresh ids.
 */
public abstract class WebhookContractSupport extends ContractSupport<WebhookStore> {
  private @Nullable TimeOrderedIds ids;

  /** Constructor for the contract groups, which extend this class. */
  public WebhookContractSupport() {}

  /**
   * A fresh UUIDv7 on the test's clock.
   *
   * @return an id later than every id this test made before
   */
  protected UUID id() {
    if (ids == null) {
      ids = new TimeOrderedIds(clock);
    }
    return ids.next();
  }

  /**
   * The sealed-looking bytes of a key; stores keep them opaque.
   *
   * @param seed picks the bytes: equal seeds give equal bytes
   * @return 44 bytes
   */
  protected static byte[] sealed(int seed) {
    byte[] bytes = new byte[44];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed * 31 + i);
    }
    return bytes;
  }

  /**
   * A new enabled endpoint of {@code tenant} receiving every type, saved in the store.
   *
   * @param tenant the endpoint's tenant
   * @return the endpoint as saved
   */
  protected Endpoint endpoint(TenantId tenant) {
    return endpoint(tenant, Set.of());
  }

  /**
   * A new enabled endpoint of {@code tenant} receiving {@code types}, saved in the store with every
   * field set (headers, rate, allowed network, retry schedule) and one secret.
   *
   * @param tenant the endpoint's tenant
   * @param types the event types it receives; empty for every type
   * @return the endpoint as saved
   */
  protected Endpoint endpoint(TenantId tenant, Set<String> types) {
    Instant now = clock.instant();
    Endpoint endpoint =
        new Endpoint(
            id(),
            tenant,
            "https://hooks.example.com/" + tenant.value(),
            "orders",
            types,
            true,
            Map.of("x-team", "billing"),
            10,
            List.of("203.0.113.0/24"),
            false,
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)),
            0,
            null,
            null,
            now,
            now);
    store().insertEndpoint(new StoredEndpoint(endpoint, new SecretRing(sealed(1), null, null)));
    return endpoint;
  }

  /**
   * Publishes an event of {@code type} with one pending delivery per endpoint given, at the test
   * clock's now.
   *
   * @param tenant the event's tenant
   * @param type the event type
   * @param endpoints the endpoints to deliver to
   * @return the deliveries, in the order of {@code endpoints}
   */
  protected List<Delivery> publish(TenantId tenant, String type, Endpoint... endpoints) {
    Instant now = clock.instant();
    WebhookEvent event = new WebhookEvent(id(), tenant, type, "{\"n\":1}", now);
    List<Delivery> deliveries = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      deliveries.add(Delivery.pending(id(), tenant, event.id(), endpoint.id(), type, now));
    }
    store().insertEvents(List.of(event), deliveries);
    return deliveries;
  }

  /**
   * An attempt of {@code delivery} at the clock's time: HTTP 200 if it succeeded, else HTTP 500
   * with an error.
   *
   * @param delivery the delivery attempted
   * @param succeeded whether the receiver accepted it
   * @param latencyMillis how long the attempt took, in milliseconds
   * @return the attempt, numbered after the delivery's previous attempts; not yet recorded
   */
  protected DeliveryAttempt attempt(Delivery delivery, boolean succeeded, long latencyMillis) {
    return new DeliveryAttempt(
        id(),
        delivery.tenant(),
        delivery.id(),
        delivery.endpointId(),
        delivery.attempts() + 1,
        clock.instant(),
        succeeded ? 200 : 500,
        latencyMillis,
        succeeded ? null : "HTTP 500",
        succeeded ? "ok" : "boom",
        succeeded);
  }

  /**
   * Records an attempt with the delivery moved to {@code status}; a pending delivery is due again
   * five seconds later.
   *
   * @param delivery the delivery attempted
   * @param succeeded whether the receiver accepted it
   * @param status the delivery's status after the attempt
   * @return the delivery as recorded
   */
  protected Delivery attempted(Delivery delivery, boolean succeeded, DeliveryStatus status) {
    DeliveryAttempt attempt = attempt(delivery, succeeded, 40);
    Instant next = status == DeliveryStatus.PENDING ? clock.instant().plusSeconds(5) : null;
    Delivery after =
        delivery.attempted(status, next, attempt.at(), attempt.statusCode(), attempt.error());
    store().recordAttempt(attempt, after);
    return after;
  }
}
