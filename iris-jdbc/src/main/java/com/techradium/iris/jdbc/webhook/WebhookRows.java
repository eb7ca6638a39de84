package com.techradium.iris.jdbc.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookAttemptsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookDeliveriesRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEndpointsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEventsRecord;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jooq.JSONB;

/** Rows of the webhook tables to values and back. */
final class WebhookRows {
  /** The most values each {@link #cached} cache keeps. */
  private static final int MAX_CACHED = 1024;

  // An endpoint's JSON columns, parsed, by their text: every attempt reads its endpoint, and
  // parsing the same four documents again was most of the JSON work per attempt. Values are
  // immutable.
  private static final Cache<String, Set<String>> EVENT_TYPES = cache();
  private static final Cache<String, Map<String, String>> HEADERS = cache();
  private static final Cache<String, List<String>> CIDRS = cache();
  private static final Cache<String, List<Duration>> SCHEDULES = cache();

  private static <T> Cache<String, T> cache() {
    return Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
  }

  private WebhookRows() {}

  /** {@code parse} of the column's text, from {@code cache} when it was parsed before. */
  private static <T> T cached(Cache<String, T> cache, JSONB json, Function<String, T> parse) {
    return cache.get(json.data(), parse);
  }

  static JSONB json(Object value) {
    return JSONB.valueOf(IrisJson.write(value));
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return IrisJson.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StorageException("unreadable webhook endpoint column", e);
    }
  }

  static void fill(IrisWebhookEndpointsRecord r, Endpoint e) {
    r.setTenantId(e.tenant().value());
    r.setId(e.id());
    r.setUrl(e.url());
    r.setDescription(e.description());
    r.setEventTypes(json(e.eventTypes().stream().sorted().toList()));
    r.setEnabled(e.enabled());
    r.setHeaders(json(e.headers()));
    r.setRateLimit(e.rateLimitPerSecond());
    r.setAllowedCidrs(json(e.allowedCidrs()));
    r.setFifo(e.fifo());
    r.setRetryScheduleMs(json(e.retrySchedule().stream().map(Duration::toMillis).toList()));
    r.setConsecutiveFailures(e.consecutiveFailures());
    r.setFailingSince(e.failingSince());
    r.setDisabledReason(e.disabledReason());
    r.setCreatedAt(e.createdAt());
    r.setUpdatedAt(e.updatedAt());
  }

  static void fill(IrisWebhookEndpointsRecord r, SecretRing secrets) {
    r.setSecretCurrent(secrets.current());
    r.setSecretPrevious(secrets.previous());
    r.setSecretPreviousUntil(secrets.previousUntil());
  }

  static Endpoint endpoint(IrisWebhookEndpointsRecord r) {
    return new Endpoint(
        r.getId(),
        TenantId.of(r.getTenantId()),
        r.getUrl(),
        r.getDescription(),
        cached(
            EVENT_TYPES,
            r.getEventTypes(),
            j -> Set.copyOf(read(j, new TypeReference<List<String>>() {}))),
        r.getEnabled(),
        cached(
            HEADERS,
            r.getHeaders(),
            j -> Map.copyOf(read(j, new TypeReference<Map<String, String>>() {}))),
        r.getRateLimit(),
        cached(
            CIDRS,
            r.getAllowedCidrs(),
            j -> List.copyOf(read(j, new TypeReference<List<String>>() {}))),
        r.getFifo(),
        cached(
            SCHEDULES,
            r.getRetryScheduleMs(),
            j ->
                read(j, new TypeReference<List<Long>>() {}).stream()
                    .map(Duration::ofMillis)
                    .toList()),
        r.getConsecutiveFailures(),
        r.getFailingSince(),
        r.getDisabledReason(),
        r.getCreatedAt(),
        r.getUpdatedAt());
  }

  static StoredEndpoint stored(IrisWebhookEndpointsRecord r) {
    return new StoredEndpoint(
        endpoint(r),
        new SecretRing(r.getSecretCurrent(), r.getSecretPrevious(), r.getSecretPreviousUntil()));
  }

  static WebhookEvent event(IrisWebhookEventsRecord r) {
    return new WebhookEvent(
        r.getId(), TenantId.of(r.getTenantId()), r.getType(), r.getPayload(), r.getCreatedAt());
  }

  static IrisWebhookDeliveriesRecord row(Delivery d) {
    return new IrisWebhookDeliveriesRecord(
        d.tenant().value(),
        d.id(),
        d.eventId(),
        d.endpointId(),
        d.eventType(),
        d.status().name(),
        d.attempts(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        d.lastStatusCode(),
        d.lastError(),
        d.createdAt(),
        d.updatedAt());
  }

  static Delivery delivery(IrisWebhookDeliveriesRecord r) {
    return new Delivery(
        r.getId(),
        TenantId.of(r.getTenantId()),
        r.getEventId(),
        r.getEndpointId(),
        r.getEventType(),
        DeliveryStatus.valueOf(r.getStatus()),
        r.getAttempts(),
        r.getNextAttemptAt(),
        r.getLastAttemptAt(),
        r.getLastStatusCode(),
        r.getLastError(),
        r.getCreatedAt(),
        r.getUpdatedAt());
  }

  static DeliveryAttempt attempt(IrisWebhookAttemptsRecord r) {
    return new DeliveryAttempt(
        r.getId(),
        TenantId.of(r.getTenantId()),
        r.getDeliveryId(),
        r.getEndpointId(),
        r.getNumber(),
        r.getAttemptedAt(),
        r.getStatusCode(),
        r.getLatencyMillis(),
        r.getError(),
        r.getResponseExcerpt(),
        r.getSucceeded());
  }
}
