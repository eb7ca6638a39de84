package com.techradium.iris.webhook.spi;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the webhook dispatcher keeps endpoints, events, deliveries and attempts.
 *
 * <p>Every method but {@link #health} works on one tenant's data and must never read, change or
 * count another tenant's. The dispatcher validates input and decides every rule (retry times,
 * auto-disable, stats); a store only locks, loads and saves. Each method is one atomic change. Time
 * is passed in ({@code now}); a store reads no clock. Implementations must be thread-safe; a store
 * built on a host-owned client never closes it.
 *
 * <p>The contract suite {@code WebhookStoreContract} in iris-testkit states the behaviour every
 * store must show.
 */
public interface WebhookStore {
  /**
   * Saves a new endpoint.
   *
   * @param endpoint the endpoint with its sealed keys
   */
  void insertEndpoint(StoredEndpoint endpoint);

  /**
   * Replaces the endpoint's fields (not its keys) with {@code endpoint}'s.
   *
   * @param endpoint the endpoint's new fields
   * @return false if the tenant has no such endpoint
   */
  boolean updateEndpoint(Endpoint endpoint);

  /**
   * Replaces the endpoint's sealed keys.
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @param secrets the new sealed keys
   * @param now the facade's current time
   * @return false if the tenant has no such endpoint
   */
  boolean updateSecrets(TenantId tenant, UUID endpointId, SecretRing secrets, Instant now);

  /**
   * Disables an enabled endpoint, recording {@code reason}.
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @param reason why it is disabled
   * @param now the facade's current time
   * @return the endpoint as disabled, or empty if it did not exist or was disabled already (so that
   *     exactly one caller announces a disabling)
   */
  Optional<Endpoint> disableEndpoint(TenantId tenant, UUID endpointId, String reason, Instant now);

  /**
   * The tenant's endpoint with its keys.
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @return the endpoint with its keys, or empty if the tenant has none with this id
   */
  Optional<StoredEndpoint> getEndpoint(TenantId tenant, UUID endpointId);

  /**
   * The tenant's endpoints, oldest first.
   *
   * @param tenant the owning tenant
   * @return the endpoints, oldest first
   */
  List<Endpoint> listEndpoints(TenantId tenant);

  /**
   * Deletes the endpoint with its deliveries and their attempts (events stay).
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @return false if the tenant has no such endpoint
   */
  boolean deleteEndpoint(TenantId tenant, UUID endpointId);

  /**
   * Saves events, published together, and their pending deliveries (one per subscribed endpoint),
   * all or nothing. Every delivery belongs to one of {@code events}, of the same tenant; a store
   * writes them with as few statements as it can (the PostgreSQL store: one per table).
   *
   * @param events the events, at least one, with distinct ids
   * @param deliveries their deliveries
   * @throws com.techradium.iris.core.ValidationException if {@code events} is empty or has an id
   *     twice, or a delivery's event is not among them (field {@code deliveries}); nothing saved
   */
  void insertEvents(List<WebhookEvent> events, List<Delivery> deliveries);

  /**
   * Saves events with their deliveries as {@link #insertEvents(List, List)} and runs {@code
   * alongside} (the dispatcher submits the delivery jobs there), so that both commit together where
   * the store can make them: the PostgreSQL store runs {@code alongside} in its transaction, where
   * a job store over the same data source joins it. The default saves, then runs {@code alongside}:
   * two separate changes, so a crash between them leaves pending deliveries that no job sends. If
   * {@code alongside} throws, the store undoes the events where it can and the exception reaches
   * the caller.
   *
   * @param events the events, at least one, with distinct ids
   * @param deliveries their deliveries
   * @param alongside work to commit with the events
   * @throws com.techradium.iris.core.ValidationException as {@link #insertEvents(List, List)}
   */
  default void insertEvents(
      List<WebhookEvent> events, List<Delivery> deliveries, Runnable alongside) {
    insertEvents(events, deliveries);
    alongside.run();
  }

  /**
   * The tenant's event.
   *
   * @param tenant the owning tenant
   * @param eventId the event's id
   * @return the event, or empty if the tenant has none with this id
   */
  Optional<WebhookEvent> getEvent(TenantId tenant, UUID eventId);

  /**
   * The tenant's delivery.
   *
   * @param tenant the owning tenant
   * @param deliveryId the delivery's id
   * @return the delivery, or empty if the tenant has none with this id
   */
  Optional<Delivery> getDelivery(TenantId tenant, UUID deliveryId);

  /**
   * The tenant's delivery with its endpoint and event, as one attempt needs them; empty if the
   * tenant has no such delivery. The default reads them one by one; a store that can read them in
   * one round trip (a join) should override it. Hot path: called once per delivery attempt.
   *
   * @param tenant the owning tenant
   * @param deliveryId the delivery's id
   * @return the delivery with its endpoint and event, or empty
   */
  default Optional<AttemptTarget> loadAttempt(TenantId tenant, UUID deliveryId) {
    return getDelivery(tenant, deliveryId)
        .map(
            d ->
                new AttemptTarget(
                    d,
                    getEndpoint(tenant, d.endpointId()).orElse(null),
                    getEvent(tenant, d.eventId()).orElse(null)));
  }

  /**
   * {@link #loadAttempt} for several deliveries, of any tenants, at once: the dispatcher reads the
   * deliveries of attempts starting together with one call. The default reads them one by one; a
   * store that can read them in one round trip should override it.
   *
   * @param keys the deliveries, each with its tenant
   * @return per key, in order, what {@link #loadAttempt} returns for it
   */
  default List<Optional<AttemptTarget>> loadAttempts(List<DeliveryKey> keys) {
    List<Optional<AttemptTarget>> loaded = new java.util.ArrayList<>(keys.size());
    for (DeliveryKey key : keys) {
      loaded.add(loadAttempt(key.tenant(), key.deliveryId()));
    }
    return loaded;
  }

  /**
   * The tenant's deliveries matching {@code query}, newest first (by id, which is time-ordered),
   * one page at a time; the cursor is the last id of the previous page ({@code DeliveryCursors}).
   *
   * @param tenant the owning tenant
   * @param query the filters
   * @param page the page size and cursor
   * @return one page of deliveries
   */
  Page<Delivery> listDeliveries(TenantId tenant, DeliveryQuery query, PageRequest page);

  /**
   * Records one attempt and the delivery's new state, and moves the endpoint's failure streak: a
   * succeeded attempt clears it, a failed one adds one failure and sets {@code failingSince} to the
   * attempt's time if it was unset. All in one atomic change.
   *
   * @param attempt the attempt to record
   * @param delivery the delivery in its new state
   * @return the endpoint after the change; empty if it no longer exists (the attempt is still
   *     recorded if the delivery exists)
   */
  Optional<Endpoint> recordAttempt(DeliveryAttempt attempt, Delivery delivery);

  /**
   * {@link #recordAttempt} for several attempts at once, in order, as one atomic change: the
   * dispatcher records the attempts finishing together with one call. Each attempt's endpoint is
   * returned as it is after the whole batch (several attempts of one endpoint move its streak in
   * order, and each gets the result). The default records them one by one, each atomic on its own;
   * a store that can do it in fewer round trips should override it.
   *
   * @param attempts the attempts, each of the delivery at the same position of {@code deliveries}
   * @param deliveries the deliveries in their new states
   * @return per attempt, in order, its endpoint after the change, or empty if it no longer exists
   * @throws com.techradium.iris.core.ValidationException on {@code deliveries} if the lists differ
   *     in size or an attempt is not of the delivery beside it (tenant and id); nothing recorded
   */
  default List<Optional<Endpoint>> recordAttempts(
      List<DeliveryAttempt> attempts, List<Delivery> deliveries) {
    AttemptBatches.check(attempts, deliveries);
    java.util.Map<UUID, Optional<Endpoint>> last = new java.util.HashMap<>();
    for (int i = 0; i < attempts.size(); i++) {
      last.put(attempts.get(i).endpointId(), recordAttempt(attempts.get(i), deliveries.get(i)));
    }
    List<Optional<Endpoint>> after = new java.util.ArrayList<>(attempts.size());
    for (DeliveryAttempt attempt : attempts) {
      after.add(last.get(attempt.endpointId()));
    }
    return after;
  }

  /**
   * Replaces a delivery's state if it is still in status {@code expected}.
   *
   * @param delivery the delivery in its new state
   * @param expected the status the stored delivery must still have
   * @return false if the tenant has no such delivery or its status changed meanwhile
   */
  boolean updateDelivery(Delivery delivery, DeliveryStatus expected);

  /**
   * The attempts of the tenant's delivery, oldest first.
   *
   * @param tenant the owning tenant
   * @param deliveryId the delivery's id
   * @return the attempts, oldest first
   */
  List<DeliveryAttempt> attempts(TenantId tenant, UUID deliveryId);

  /**
   * The attempts made to the tenant's endpoint at or after {@code since}.
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @param since the earliest attempt time included
   * @return the attempts
   */
  List<DeliveryAttempt> endpointAttempts(TenantId tenant, UUID endpointId, Instant since);

  /**
   * The endpoint's failed deliveries created at or after {@code since}, oldest first, at most
   * {@code limit}.
   *
   * @param tenant the owning tenant
   * @param endpointId the endpoint's id
   * @param since the earliest creation time included
   * @param limit the most deliveries returned
   * @return the failed deliveries, oldest first
   */
  List<Delivery> failedDeliveries(TenantId tenant, UUID endpointId, Instant since, int limit);

  /**
   * Whether the endpoint has a pending delivery created before {@code delivery} (by id order), for
   * strict ordering.
   *
   * @param delivery the delivery about to be attempted
   * @return true if an earlier delivery to the same endpoint is pending
   */
  boolean hasEarlierPending(Delivery delivery);

  /**
   * Deletes, across every tenant, up to {@code limit} events created before {@code cutoff} none of
   * whose deliveries is pending, with their deliveries and attempts.
   *
   * @param cutoff events created before this time are deleted
   * @param limit the most events deleted in one call
   * @return how many events were deleted
   */
  int deleteFinishedEvents(Instant cutoff, int limit);

  /**
   * Deployment-wide counts across every tenant, for {@code WebhookDispatcher.health()}.
   *
   * @return the deployment-wide counts
   */
  WebhookHealth health();
}
