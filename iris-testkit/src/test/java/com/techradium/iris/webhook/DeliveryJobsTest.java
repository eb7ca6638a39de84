package com.techradium.iris.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryJobsTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final DeliveryJobs jobs = new DeliveryJobs("webhooks");

  private static Endpoint endpoint(boolean fifo, Integer rate) {
    return new Endpoint(
        UUID.randomUUID(),
        TENANT,
        "https://hooks.example.com/in",
        null,
        Set.of(),
        true,
        Map.of(),
        rate,
        List.of(),
        fifo,
        List.of(),
        0,
        null,
        null,
        NOW,
        NOW);
  }

  private static List<Delivery> deliveries(Endpoint endpoint, int count) {
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deliveries.add(
          Delivery.pending(
              UUID.randomUUID(), TENANT, UUID.randomUUID(), endpoint.id(), "call.completed", NOW));
    }
    return deliveries;
  }

  @Test
  void aBatchPayloadNamesItsDeliveriesInOrderAndReadsBackAsJsonToo() {
    List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    String payload = DeliveryJobs.batchPayloadOf(ids);

    assertThat(DeliveryJobs.batchIdsOf(payload)).containsExactlyElementsOf(ids);
    assertThat(DeliveryJobs.batchIdsOf(payload.replace(",", " , "))).containsExactlyElementsOf(ids);
    assertThat(
            com.techradium.iris.core.internal.IrisJson.parse("payload", payload)
                .path("deliveryIds"))
        .hasSize(3);
  }

  @Test
  void aDeliveryPayloadReadsBackAsWrittenOrAsJson() {
    Delivery delivery = deliveries(endpoint(false, null), 1).get(0);

    String payload = jobs.requeued(delivery, NOW).payload();

    assertThat(DeliveryJobs.deliveryIdOf(payload)).isEqualTo(delivery.id());
    assertThat(DeliveryJobs.deliveryIdOf(payload.replace(":", " : "))).isEqualTo(delivery.id());
  }

  @Test
  void publishedDeliveriesShareAJobPerEndpointUnlessItAsksForOrderOrRate() {
    Endpoint plain = endpoint(false, null);
    Endpoint fifo = endpoint(true, null);
    Endpoint limited = endpoint(false, 10);
    List<Delivery> all = new ArrayList<>(deliveries(plain, 3));
    all.addAll(deliveries(fifo, 2));
    all.addAll(deliveries(limited, 2));

    List<WorkItem> items =
        jobs.published(all, Map.of(plain.id(), plain, fifo.id(), fifo, limited.id(), limited), NOW);

    assertThat(items)
        .extracting(WorkItem::type)
        .containsExactlyInAnyOrder(
            WebhookDispatcher.DELIVERY_BATCH_TYPE,
            WebhookDispatcher.DELIVERY_TYPE,
            WebhookDispatcher.DELIVERY_TYPE,
            WebhookDispatcher.DELIVERY_TYPE,
            WebhookDispatcher.DELIVERY_TYPE);
    WorkItem batch =
        items.stream()
            .filter(i -> i.type().equals(WebhookDispatcher.DELIVERY_BATCH_TYPE))
            .findFirst()
            .orElseThrow();
    assertThat(DeliveryJobs.batchIdsOf(batch.payload()))
        .containsExactlyElementsOf(all.subList(0, 3).stream().map(Delivery::id).toList());
    assertThat(items).allSatisfy(i -> assertThat(i.idempotencyKey()).isNull());
  }

  @Test
  void aHandOffIsKeyedByItsDeliverySoHandingItOffAgainFindsTheSameJob() {
    Delivery delivery = deliveries(endpoint(false, null), 1).get(0);

    WorkItem first = jobs.handedOff(delivery, NOW);
    WorkItem again = jobs.handedOff(delivery, NOW.plusSeconds(5));

    assertThat(first.idempotencyKey()).isNotNull().isEqualTo(again.idempotencyKey());
    assertThat(first.payload()).isEqualTo(again.payload());
    assertThat(DeliveryJobs.deliveryIdOf(first.payload())).isEqualTo(delivery.id());
    assertThat(jobs.handedOff(deliveries(endpoint(false, null), 1).get(0), NOW).idempotencyKey())
        .isNotEqualTo(first.idempotencyKey());
  }
}
