package com.techradium.iris.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.spi.SecretRing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Nothing of tenant A is readable, changeable or countable through tenant B. */
public abstract class WebhookTenancyContract extends WebhookContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public WebhookTenancyContract() {}

  @Test
  void anotherTenantCannotReadAnything() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Endpoint endpoint = endpoint(a);
    Delivery delivery = publish(a, "call.completed", endpoint).get(0);
    attempted(delivery, false, DeliveryStatus.FAILED);

    assertThat(store().getEndpoint(b, endpoint.id())).isEmpty();
    assertThat(store().listEndpoints(b)).isEmpty();
    assertThat(store().getEvent(b, delivery.eventId())).isEmpty();
    assertThat(store().getDelivery(b, delivery.id())).isEmpty();
    assertThat(store().loadAttempt(b, delivery.id())).isEmpty();
    assertThat(store().listDeliveries(b, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(store().attempts(b, delivery.id())).isEmpty();
    assertThat(store().endpointAttempts(b, endpoint.id(), Instant.EPOCH)).isEmpty();
    assertThat(store().failedDeliveries(b, endpoint.id(), Instant.EPOCH, 10)).isEmpty();
  }

  @Test
  void anotherTenantCannotChangeAnything() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Endpoint endpoint = endpoint(a);
    Delivery delivery = publish(a, "call.completed", endpoint).get(0);
    Instant now = clock.instant();
    Endpoint asB =
        new Endpoint(
            endpoint.id(),
            b,
            "https://evil.example.com",
            null,
            endpoint.eventTypes(),
            true,
            endpoint.headers(),
            null,
            endpoint.allowedCidrs(),
            false,
            endpoint.retrySchedule(),
            0,
            null,
            null,
            now,
            now);
    Delivery deliveryAsB =
        new Delivery(
            delivery.id(),
            b,
            delivery.eventId(),
            delivery.endpointId(),
            delivery.eventType(),
            DeliveryStatus.FAILED,
            0,
            null,
            null,
            null,
            "x",
            now,
            now);

    assertThat(store().updateEndpoint(asB)).isFalse();
    assertThat(store().updateSecrets(b, endpoint.id(), new SecretRing(sealed(9), null, null), now))
        .isFalse();
    assertThat(store().disableEndpoint(b, endpoint.id(), "x", now)).isEmpty();
    assertThat(store().updateDelivery(deliveryAsB, DeliveryStatus.PENDING)).isFalse();
    assertThat(store().deleteEndpoint(b, endpoint.id())).isFalse();

    var stored = store().getEndpoint(a, endpoint.id()).orElseThrow();
    assertThat(stored.endpoint()).isEqualTo(endpoint);
    assertThat(stored.secrets().current()).isEqualTo(sealed(1));
    assertThat(store().getDelivery(a, delivery.id())).contains(delivery);
  }

  @Test
  void anotherTenantsPendingDeliveryDoesNotHoldAFifoQueue() {
    TenantId a = newTenant();
    Endpoint endpoint = endpoint(a);
    Delivery first = publish(a, "call.completed", endpoint).get(0);
    Delivery asB =
        new Delivery(
            first.id(),
            newTenant(),
            first.eventId(),
            first.endpointId(),
            first.eventType(),
            DeliveryStatus.PENDING,
            0,
            null,
            null,
            null,
            null,
            first.createdAt(),
            first.createdAt());
    Delivery second = publish(a, "call.completed", endpoint).get(0);

    assertThat(store().hasEarlierPending(second)).isTrue();
    assertThat(store().hasEarlierPending(asB)).isFalse();
  }
}
