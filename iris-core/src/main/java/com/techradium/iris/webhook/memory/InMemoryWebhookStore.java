package com.techradium.iris.webhook.memory;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.WebhookHealth;
import com.techradium.iris.webhook.spi.DeliveryCursors;
import com.techradium.iris.webhook.spi.EventBatches;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@link WebhookStore} in memory: complete and thread-safe (one lock per store), for tests,
 * demos and single-process tools. Nothing survives the JVM.
 */
public final class InMemoryWebhookStore implements WebhookStore {
  private record Key(TenantId tenant, UUID id) {}

  private final Map<Key, StoredEndpoint> endpoints = new HashMap<>();
  private final Map<Key, WebhookEvent> events = new HashMap<>();
  private final TreeMap<UUID, Delivery> deliveries = new TreeMap<>();
  private final Map<UUID, List<DeliveryAttempt>> attempts = new HashMap<>();

  /** An empty store. */
  public InMemoryWebhookStore() {}

  @Override
  public synchronized void insertEndpoint(StoredEndpoint endpoint) {
    Endpoint e = endpoint.endpoint();
    if (endpoints.putIfAbsent(new Key(e.tenant(), e.id()), endpoint) != null) {
      throw new IllegalStateException("endpoint " + e.id() + " exists already");
    }
  }

  @Override
  public synchronized boolean updateEndpoint(Endpoint endpoint) {
    Key key = new Key(endpoint.tenant(), endpoint.id());
    StoredEndpoint current = endpoints.get(key);
    if (current == null) {
      return false;
    }
    endpoints.put(key, new StoredEndpoint(endpoint, current.secrets()));
    return true;
  }

  @Override
  public synchronized boolean updateSecrets(
      TenantId tenant, UUID endpointId, SecretRing secrets, Instant now) {
    Key key = new Key(tenant, endpointId);
    StoredEndpoint current = endpoints.get(key);
    if (current == null) {
      return false;
    }
    Endpoint e = current.endpoint();
    endpoints.put(key, new StoredEndpoint(touched(e, now), secrets));
    return true;
  }

  private static Endpoint touched(Endpoint e, Instant now) {
    return new Endpoint(
        e.id(),
        e.tenant(),
        e.url(),
        e.description(),
        e.eventTypes(),
        e.enabled(),
        e.headers(),
        e.rateLimitPerSecond(),
        e.allowedCidrs(),
        e.fifo(),
        e.retrySchedule(),
        e.consecutiveFailures(),
        e.failingSince(),
        e.disabledReason(),
        e.createdAt(),
        now);
  }

  @Override
  public synchronized Optional<Endpoint> disableEndpoint(
      TenantId tenant, UUID endpointId, String reason, Instant now) {
    Key key = new Key(tenant, endpointId);
    StoredEndpoint current = endpoints.get(key);
    if (current == null || !current.endpoint().enabled()) {
      return Optional.empty();
    }
    Endpoint e = current.endpoint();
    Endpoint disabled =
        new Endpoint(
            e.id(),
            e.tenant(),
            e.url(),
            e.description(),
            e.eventTypes(),
            false,
            e.headers(),
            e.rateLimitPerSecond(),
            e.allowedCidrs(),
            e.fifo(),
            e.retrySchedule(),
            e.consecutiveFailures(),
            e.failingSince(),
            reason,
            e.createdAt(),
            now);
    endpoints.put(key, new StoredEndpoint(disabled, current.secrets()));
    return Optional.of(disabled);
  }

  @Override
  public synchronized Optional<StoredEndpoint> getEndpoint(TenantId tenant, UUID endpointId) {
    return Optional.ofNullable(endpoints.get(new Key(tenant, endpointId)));
  }

  @Override
  public synchronized List<Endpoint> listEndpoints(TenantId tenant) {
    return endpoints.values().stream()
        .map(StoredEndpoint::endpoint)
        .filter(e -> e.tenant().equals(tenant))
        .sorted(Comparator.comparing(Endpoint::id))
        .toList();
  }

  @Override
  public synchronized boolean deleteEndpoint(TenantId tenant, UUID endpointId) {
    if (endpoints.remove(new Key(tenant, endpointId)) == null) {
      return false;
    }
    deliveries
        .values()
        .removeIf(
            d -> {
              boolean gone = d.tenant().equals(tenant) && d.endpointId().equals(endpointId);
              if (gone) {
                attempts.remove(d.id());
              }
              return gone;
            });
    return true;
  }

  @Override
  public synchronized void insertEvents(
      List<WebhookEvent> newEvents, List<Delivery> newDeliveries) {
    EventBatches.check(newEvents, newDeliveries);
    for (WebhookEvent event : newEvents) {
      if (events.containsKey(new Key(event.tenant(), event.id()))) {
        throw new IllegalStateException("event " + event.id() + " exists already");
      }
    }
    for (WebhookEvent event : newEvents) {
      events.put(new Key(event.tenant(), event.id()), event);
    }
    for (Delivery d : newDeliveries) {
      deliveries.put(d.id(), d);
    }
  }

  @Override
  public synchronized Optional<WebhookEvent> getEvent(TenantId tenant, UUID eventId) {
    return Optional.ofNullable(events.get(new Key(tenant, eventId)));
  }

  @Override
  public synchronized Optional<Delivery> getDelivery(TenantId tenant, UUID deliveryId) {
    return Optional.ofNullable(deliveries.get(deliveryId)).filter(d -> d.tenant().equals(tenant));
  }

  @Override
  public synchronized Page<Delivery> listDeliveries(
      TenantId tenant, DeliveryQuery query, PageRequest page) {
    Optional<UUID> after = DeliveryCursors.start(page);
    var newestFirst =
        after.isPresent()
            ? deliveries.headMap(after.get(), false).descendingMap()
            : deliveries.descendingMap();
    List<Delivery> fetched = new ArrayList<>();
    for (Delivery d : newestFirst.values()) {
      if (d.tenant().equals(tenant) && query.matches(d)) {
        fetched.add(d);
        if (fetched.size() > page.limit()) {
          break;
        }
      }
    }
    return Page.fromOverfetch(fetched, page.limit(), DeliveryCursors::after);
  }

  @Override
  public synchronized Optional<Endpoint> recordAttempt(DeliveryAttempt attempt, Delivery delivery) {
    if (getDelivery(delivery.tenant(), delivery.id()).isPresent()) {
      deliveries.put(delivery.id(), delivery);
      attempts.computeIfAbsent(delivery.id(), id -> new ArrayList<>()).add(attempt);
    }
    Key key = new Key(attempt.tenant(), attempt.endpointId());
    StoredEndpoint current = endpoints.get(key);
    if (current == null) {
      return Optional.empty();
    }
    Endpoint e = current.endpoint();
    int failures = attempt.succeeded() ? 0 : e.consecutiveFailures() + 1;
    Instant since =
        attempt.succeeded() ? null : e.failingSince() != null ? e.failingSince() : attempt.at();
    Endpoint moved =
        new Endpoint(
            e.id(),
            e.tenant(),
            e.url(),
            e.description(),
            e.eventTypes(),
            e.enabled(),
            e.headers(),
            e.rateLimitPerSecond(),
            e.allowedCidrs(),
            e.fifo(),
            e.retrySchedule(),
            failures,
            since,
            e.disabledReason(),
            e.createdAt(),
            e.updatedAt());
    endpoints.put(key, new StoredEndpoint(moved, current.secrets()));
    return Optional.of(moved);
  }

  /** The attempts one by one under the store's lock: one atomic change. */
  @Override
  public synchronized List<Optional<Endpoint>> recordAttempts(
      List<DeliveryAttempt> attempts, List<Delivery> deliveries) {
    return WebhookStore.super.recordAttempts(attempts, deliveries);
  }

  @Override
  public synchronized boolean updateDelivery(Delivery delivery, DeliveryStatus expected) {
    Optional<Delivery> current = getDelivery(delivery.tenant(), delivery.id());
    if (current.isEmpty() || current.get().status() != expected) {
      return false;
    }
    deliveries.put(delivery.id(), delivery);
    return true;
  }

  @Override
  public synchronized List<DeliveryAttempt> attempts(TenantId tenant, UUID deliveryId) {
    if (getDelivery(tenant, deliveryId).isEmpty()) {
      return List.of();
    }
    return List.copyOf(attempts.getOrDefault(deliveryId, List.of()));
  }

  @Override
  public synchronized List<DeliveryAttempt> endpointAttempts(
      TenantId tenant, UUID endpointId, Instant since) {
    List<DeliveryAttempt> found = new ArrayList<>();
    for (Delivery d : deliveries.values()) {
      if (d.tenant().equals(tenant) && d.endpointId().equals(endpointId)) {
        for (DeliveryAttempt a : attempts.getOrDefault(d.id(), List.of())) {
          if (!a.at().isBefore(since)) {
            found.add(a);
          }
        }
      }
    }
    return found;
  }

  @Override
  public synchronized List<Delivery> failedDeliveries(
      TenantId tenant, UUID endpointId, Instant since, int limit) {
    return deliveries.values().stream()
        .filter(d -> d.tenant().equals(tenant) && d.endpointId().equals(endpointId))
        .filter(d -> d.status() == DeliveryStatus.FAILED && !d.createdAt().isBefore(since))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean hasEarlierPending(Delivery delivery) {
    return deliveries.headMap(delivery.id(), false).values().stream()
        .anyMatch(
            d ->
                d.tenant().equals(delivery.tenant())
                    && d.endpointId().equals(delivery.endpointId())
                    && d.status() == DeliveryStatus.PENDING);
  }

  @Override
  public synchronized int deleteFinishedEvents(Instant cutoff, int limit) {
    List<Key> old =
        events.values().stream()
            .filter(e -> e.createdAt().isBefore(cutoff))
            .filter(
                e ->
                    deliveries.values().stream()
                        .noneMatch(
                            d ->
                                d.tenant().equals(e.tenant())
                                    && d.eventId().equals(e.id())
                                    && d.status() == DeliveryStatus.PENDING))
            .limit(limit)
            .map(e -> new Key(e.tenant(), e.id()))
            .toList();
    for (Key key : old) {
      events.remove(key);
      deliveries
          .values()
          .removeIf(
              d -> {
                boolean gone = d.tenant().equals(key.tenant()) && d.eventId().equals(key.id());
                if (gone) {
                  attempts.remove(d.id());
                }
                return gone;
              });
    }
    return old.size();
  }

  @Override
  public synchronized WebhookHealth health() {
    long pending = 0;
    Instant oldest = null;
    for (Delivery d : deliveries.values()) {
      if (d.status() == DeliveryStatus.PENDING) {
        pending++;
        if (oldest == null || d.createdAt().isBefore(oldest)) {
          oldest = d.createdAt();
        }
      }
    }
    long failing = 0;
    long disabled = 0;
    for (StoredEndpoint s : endpoints.values()) {
      if (!s.endpoint().enabled()) {
        disabled++;
      } else if (s.endpoint().consecutiveFailures() > 0) {
        failing++;
      }
    }
    return new WebhookHealth(pending, oldest, failing, disabled);
  }

  @Override
  public String toString() {
    return "InMemoryWebhookStore";
  }
}
