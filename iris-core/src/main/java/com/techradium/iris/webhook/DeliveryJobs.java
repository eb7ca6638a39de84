package com.techradium.iris.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.WorkItem;
import com.techradium.iris.core.internal.IrisJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The delivery jobs a dispatcher submits, and their payloads. A delivery is sent by a job of its
 * own ({@link WebhookDispatcher#DELIVERY_TYPE}), which also makes its retries; the first attempts
 * of deliveries published together to one endpoint that asks for neither order nor a rate are sent
 * by one job for up to {@value #MAX_BATCH} of them ({@link WebhookDispatcher#DELIVERY_BATCH_TYPE}),
 * which hands every delivery it does not see through (a retry, or one after a failure) to a job of
 * its own. Such a hand-off carries the delivery's idempotency key, so a batch job run again after a
 * lost worker never gives a delivery a second job.
 */
final class DeliveryJobs {
  /** The most deliveries one batch job sends. */
  static final int MAX_BATCH = 64;

  /** How often a delivery job may fail outright (storage errors, lost workers) before it ends. */
  static final int ATTEMPTS = 25;

  private static final String SINGLE_START = "{\"deliveryId\":\"";
  private static final String SINGLE_END = "\"}";
  private static final String BATCH_START = "{\"deliveryIds\":[";
  private static final String BATCH_END = "]}";
  private static final int UUID_TEXT = 36;

  /** The prefix of a hand-off's idempotency key, followed by the delivery's id. */
  private static final String HAND_OFF_KEY = "iris.webhook.delivery:";

  private final String queue;

  DeliveryJobs(String queue) {
    this.queue = queue;
  }

  /**
   * The jobs of newly published deliveries: a batch job per endpoint and up to {@value #MAX_BATCH}
   * deliveries where the endpoint allows it, a job per delivery otherwise.
   */
  List<WorkItem> published(List<Delivery> deliveries, Map<UUID, Endpoint> endpoints, Instant now) {
    Map<UUID, List<Delivery>> batched = new LinkedHashMap<>();
    List<WorkItem> items = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      Endpoint endpoint = endpoints.get(delivery.endpointId());
      if (endpoint == null || endpoint.fifo() || endpoint.rateLimitPerSecond() != null) {
        items.add(single(delivery.tenant(), delivery.id(), now, null));
      } else {
        batched.computeIfAbsent(endpoint.id(), id -> new ArrayList<>()).add(delivery);
      }
    }
    for (List<Delivery> ofEndpoint : batched.values()) {
      for (int from = 0; from < ofEndpoint.size(); from += MAX_BATCH) {
        List<Delivery> chunk =
            ofEndpoint.subList(from, Math.min(ofEndpoint.size(), from + MAX_BATCH));
        Delivery first = chunk.get(0);
        items.add(
            chunk.size() == 1
                ? single(first.tenant(), first.id(), now, null)
                : new WorkItem(
                    first.tenant(),
                    queue,
                    WebhookDispatcher.DELIVERY_BATCH_TYPE,
                    batchPayloadOf(chunk.stream().map(Delivery::id).toList()),
                    now,
                    ATTEMPTS,
                    null));
      }
    }
    return items;
  }

  /** The job of a delivery sent again on demand (it is failed, so no job of its own runs). */
  WorkItem requeued(Delivery delivery, Instant now) {
    return single(delivery.tenant(), delivery.id(), now, null);
  }

  /**
   * The job of a delivery a batch job hands off, due at {@code runAt}; keyed by the delivery, so
   * handing it off again returns the job it has.
   */
  WorkItem handedOff(Delivery delivery, @Nullable Instant runAt) {
    return single(delivery.tenant(), delivery.id(), runAt, HAND_OFF_KEY + delivery.id());
  }

  private WorkItem single(
      TenantId tenant, UUID deliveryId, @Nullable Instant runAt, @Nullable String key) {
    return new WorkItem(
        tenant,
        queue,
        WebhookDispatcher.DELIVERY_TYPE,
        SINGLE_START + deliveryId + SINGLE_END,
        runAt,
        ATTEMPTS,
        key);
  }

  /**
   * The delivery a job's payload names: read straight from the text this class writes, parsed as
   * JSON otherwise.
   */
  static UUID deliveryIdOf(String payload) {
    int start = SINGLE_START.length();
    if (payload.length() == start + UUID_TEXT + SINGLE_END.length()
        && payload.startsWith(SINGLE_START)
        && payload.endsWith(SINGLE_END)) {
      return UUID.fromString(payload.substring(start, start + UUID_TEXT));
    }
    return UUID.fromString(IrisJson.parse("payload", payload).path("deliveryId").asText());
  }

  static String batchPayloadOf(List<UUID> deliveryIds) {
    StringBuilder text =
        new StringBuilder(BATCH_START.length() + deliveryIds.size() * (UUID_TEXT + 3) + 2);
    text.append(BATCH_START);
    for (int i = 0; i < deliveryIds.size(); i++) {
      text.append(i == 0 ? "\"" : ",\"").append(deliveryIds.get(i)).append('"');
    }
    return text.append(BATCH_END).toString();
  }

  /**
   * The deliveries a batch job's payload names, in order: read straight from the text {@link
   * #batchPayloadOf} writes, parsed as JSON otherwise.
   */
  static List<UUID> batchIdsOf(String payload) {
    List<UUID> ids = batchIdsAsWritten(payload);
    if (ids != null) {
      return ids;
    }
    ids = new ArrayList<>();
    for (JsonNode id : IrisJson.parse("payload", payload).path("deliveryIds")) {
      ids.add(UUID.fromString(id.asText()));
    }
    return ids;
  }

  /** The ids of a payload exactly as {@link #batchPayloadOf} writes it; null for any other text. */
  private static @Nullable List<UUID> batchIdsAsWritten(String payload) {
    int each = UUID_TEXT + 3; // the id, its quotes and the comma before the next
    int end = payload.length() - BATCH_END.length();
    if (!payload.startsWith(BATCH_START)
        || !payload.endsWith(BATCH_END)
        || (end - BATCH_START.length() + 1) % each != 0) {
      return null;
    }
    List<UUID> ids = new ArrayList<>();
    for (int at = BATCH_START.length(); at < end; at += each) {
      boolean quoted = payload.charAt(at) == '"' && payload.charAt(at + UUID_TEXT + 1) == '"';
      boolean separated = at + each - 1 == end || payload.charAt(at + each - 1) == ',';
      if (!quoted || !separated) {
        return null;
      }
      ids.add(UUID.fromString(payload.substring(at + 1, at + 1 + UUID_TEXT)));
    }
    return ids;
  }
}
