package com.techradium.iris.webhook;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.webhook.spi.EndpointStatsTally;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Webhooks for a tenant's endpoints: publish an event and every subscribed endpoint gets it, signed
 * as Standard Webhooks says, retried with backoff until it succeeds or its schedule ends, with the
 * same {@code webhook-id} on every attempt.
 *
 * <pre>{@code
 * WebhookDispatcher webhooks = WebhookDispatcher.builder()
 *     .context(context)                              // deliveries run on the context's job queue
 *     .store(new InMemoryWebhookStore())             // or JdbcWebhookStore.of(dataSource)
 *     .transport(OkHttpWebhookTransport.create())    // iris-webhook-okhttp, SSRF guard on
 *     .secretKey(aesKey)                             // seals endpoint secrets at rest
 *     .build();
 * CreatedEndpoint created = webhooks.createEndpoint(tenant,
 *     EndpointSpec.builder("https://example.com/hooks").eventTypes("call.completed").build());
 * webhooks.publish(tenant, "call.completed", "{\"callId\":\"c1\",\"durationSeconds\":42}");
 * }</pre>
 *
 * <p>{@link #publish} writes the event and one delivery per subscribed endpoint, then submits the
 * delivery jobs to the context's job queue (queue {@code webhooks}); inside a host transaction
 * joined with {@code JdbcTransaction} all of it commits or rolls back with the host's change. A
 * delivery has a job of its own, except that the first attempts of up to 64 deliveries published
 * together (by {@link #publishAll}) to an endpoint that asks for neither order nor a rate share one
 * job, which sends them in turn and hands any delivery that fails, or follows a failure, to a job
 * of its own. A delivery is retried on the endpoint's schedule (default {@link
 * RetrySchedule#defaults()}, up to 24 hours between attempts), honours {@code Retry-After} on 429
 * and 503 (1 s to 1 h), and gives up at once on 410 Gone, which also disables the endpoint. An
 * endpoint failing continuously for 24 hours (or a configured count of attempts) is disabled; the
 * {@link EndpointDisabledListener} is told and an {@code endpoint.disabled} event is published to
 * the tenant's other endpoints.
 *
 * <p>Every operation takes a tenant and checks it, reads included; the event catalog, {@link
 * #health()} and {@link #deliveryCounts()} are deployment-wide. Bad input is a {@link
 * ValidationException} naming every bad field, and nothing is written. Thread-safe. The host owns
 * the store, transport and key.
 */
public final class WebhookDispatcher {
  /** The work type of delivery jobs. */
  public static final String DELIVERY_TYPE = "iris.webhook.deliver";

  /**
   * The work type of batch jobs: the first attempts of up to 64 deliveries published together to
   * one endpoint, sent in turn while they succeed.
   */
  public static final String DELIVERY_BATCH_TYPE = "iris.webhook.deliver-batch";

  /** How many events one {@link #publishAll} call publishes at most. */
  public static final int MAX_PUBLISH_ALL = 1000;

  /** How many failed deliveries one {@link #recover} call re-sends at most. */
  public static final int MAX_RECOVER = 10_000;

  /** Name of the nightly retention chore. */
  public static final String RETENTION_SCHEDULE = "webhook-retention";

  /** Events deleted per retention batch. */
  static final int CLEANUP_BATCH = 1000;

  private final WebhookStore store;
  private final WebhookSender sender;
  private final IrisContext context;
  private final KnownTenants tenants;
  private final EventCatalog catalog;
  private final SecretSealer sealer;
  private final int maxPayloadBytes;
  private final boolean allowHttp;
  private final String queue;
  private final Duration retention;
  private final DeliveryRunner runner;
  private final DeliveryJobs jobs;

  WebhookDispatcher(WebhookDispatcherBuilder b) {
    this.store = Objects.requireNonNull(b.store);
    this.context = b.context();
    this.tenants = context.knownTenants();
    this.catalog = new EventCatalog(b.eventTypes.values());
    this.sealer = new SecretSealer(Objects.requireNonNull(b.secretKey));
    this.sender = new WebhookSender(Objects.requireNonNull(b.transport), sealer);
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.allowHttp = b.allowHttp;
    this.queue = b.queue;
    this.retention = b.retention;
    this.jobs = new DeliveryJobs(queue);
    this.runner = new DeliveryRunner(this, sender, b, store, jobs);
    context.deferredWork().register(DELIVERY_TYPE, runner::run);
    context.deferredWork().register(DELIVERY_BATCH_TYPE, runner::runBatch);
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                RETENTION_SCHEDULE,
                "iris.webhook.cleanup",
                "45 3 * * *",
                ZoneOffset.UTC,
                () -> "{\"eventsDeleted\":" + cleanup() + "}"));
  }

  /**
   * Starts configuring a dispatcher.
   *
   * @return a new builder
   */
  public static WebhookDispatcherBuilder builder() {
    return new WebhookDispatcherBuilder();
  }

  // ---- endpoints -----------------------------------------------------------------------------

  /**
   * Creates an endpoint, enabled, with the spec's secret or a new one.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param spec the endpoint's settings
   * @return the endpoint and its secret, which is not shown again
   * @throws ValidationException naming every bad field; nothing written
   */
  public CreatedEndpoint createEndpoint(TenantId tenant, EndpointSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Validation v = checkTenant(Validation.of(), tenant);
    EndpointChecks.check(v, spec, catalog, allowHttp, true);
    v.throwIfInvalid();
    Instant now = now();
    UUID id = context.ids().next();
    String secret = spec.secret() != null ? spec.secret() : WebhookSigner.newSecret();
    byte[] key = WebhookSigner.decode(secret, "secret");
    Endpoint endpoint =
        new Endpoint(
            id,
            tenant,
            spec.url(),
            spec.description(),
            spec.eventTypes(),
            true,
            spec.headers(),
            spec.rateLimitPerSecond(),
            spec.allowedCidrs(),
            spec.fifo(),
            spec.retrySchedule(),
            0,
            null,
            null,
            now,
            now);
    store.insertEndpoint(
        new StoredEndpoint(endpoint, new SecretRing(sealer.seal(tenant, id, key), null, null)));
    return new CreatedEndpoint(endpoint, new EndpointSecret(secret));
  }

  /**
   * Replaces an endpoint's settings (not its secret, state or failure streak).
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @param spec the new settings
   * @return the updated endpoint
   * @throws ValidationException naming every bad field; nothing written
   * @throws NotFoundException if the tenant has no such endpoint
   */
  public Endpoint updateEndpoint(TenantId tenant, UUID endpointId, EndpointSpec spec) {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(spec, "spec");
    Validation v = checkTenant(Validation.of(), tenant);
    EndpointChecks.check(v, spec, catalog, allowHttp, false);
    v.throwIfInvalid();
    Endpoint current = requireEndpoint(tenant, endpointId).endpoint();
    Endpoint updated =
        new Endpoint(
            endpointId,
            tenant,
            spec.url(),
            spec.description(),
            spec.eventTypes(),
            current.enabled(),
            spec.headers(),
            spec.rateLimitPerSecond(),
            spec.allowedCidrs(),
            spec.fifo(),
            spec.retrySchedule(),
            current.consecutiveFailures(),
            current.failingSince(),
            current.disabledReason(),
            current.createdAt(),
            now());
    if (!store.updateEndpoint(updated)) {
      throw NotFoundException.of("endpoint", endpointId);
    }
    return updated;
  }

  /**
   * Enables an endpoint and clears its failure streak.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the endpoint, enabled
   * @throws NotFoundException if absent
   */
  public Endpoint enableEndpoint(TenantId tenant, UUID endpointId) {
    return setEnabled(tenant, endpointId, true, null);
  }

  /**
   * Disables an endpoint; its pending deliveries are given up when they come due.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the endpoint, disabled
   * @throws NotFoundException if the tenant has no such endpoint
   */
  public Endpoint disableEndpoint(TenantId tenant, UUID endpointId) {
    return setEnabled(tenant, endpointId, false, "disabled by a caller");
  }

  private Endpoint setEnabled(
      TenantId tenant, UUID endpointId, boolean on, @Nullable String reason) {
    Objects.requireNonNull(endpointId, "endpointId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    Endpoint updated =
        requireEndpoint(tenant, endpointId).endpoint().withEnabled(on, reason, now());
    if (!store.updateEndpoint(updated)) {
      throw NotFoundException.of("endpoint", endpointId);
    }
    return updated;
  }

  /**
   * The tenant's endpoint.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the endpoint, or empty if the tenant has none with this id
   */
  public Optional<Endpoint> getEndpoint(TenantId tenant, UUID endpointId) {
    Objects.requireNonNull(endpointId, "endpointId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.getEndpoint(tenant, endpointId).map(StoredEndpoint::endpoint);
  }

  /**
   * The tenant's endpoints, oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the endpoints, oldest first
   */
  public List<Endpoint> listEndpoints(TenantId tenant) {
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.listEndpoints(tenant);
  }

  /**
   * Deletes an endpoint with its deliveries.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return whether it existed
   */
  public boolean deleteEndpoint(TenantId tenant, UUID endpointId) {
    Objects.requireNonNull(endpointId, "endpointId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.deleteEndpoint(tenant, endpointId);
  }

  /**
   * Gives the endpoint a new secret. For {@code grace} the old secret signs too (the {@code
   * webhook-signature} header carries both), so receivers can switch without losing a delivery.
   *
   * @param grace 0 to 30 days; zero drops the old secret at once
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the new secret, not shown again
   * @throws NotFoundException if the tenant has no such endpoint
   */
  public EndpointSecret rotateSecret(TenantId tenant, UUID endpointId, Duration grace) {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(grace, "grace");
    Validation v = checkTenant(Validation.of(), tenant);
    v.check(
        !grace.isNegative() && grace.compareTo(Duration.ofDays(30)) <= 0,
        "grace",
        "must be between 0 and 30 days");
    v.throwIfInvalid();
    StoredEndpoint current = requireEndpoint(tenant, endpointId);
    Instant now = now();
    String secret = WebhookSigner.newSecret();
    byte[] sealed = sealer.seal(tenant, endpointId, WebhookSigner.decode(secret, "secret"));
    SecretRing ring =
        grace.isZero()
            ? new SecretRing(sealed, null, null)
            : new SecretRing(sealed, current.secrets().current(), now.plus(grace));
    if (!store.updateSecrets(tenant, endpointId, ring, now)) {
      throw NotFoundException.of("endpoint", endpointId);
    }
    return new EndpointSecret(secret);
  }

  // ---- events --------------------------------------------------------------------------------

  /**
   * The event catalog: the 17 defaults and the host's own. Deployment-wide.
   *
   * @return the event types, defaults first
   */
  public List<EventType> eventTypes() {
    return catalog.all();
  }

  /**
   * Publishes an event: stores it with one delivery per enabled endpoint subscribed to its type and
   * submits a delivery job for each. Inside a joined host transaction, all of it commits with the
   * host.
   *
   * @param payload a JSON document satisfying the type's schema, at most the payload limit (256 KiB
   *     by default) in UTF-8
   * @param tenant the tenant, known to the tenant directory
   * @param type the event type, registered in the catalog
   * @return the stored event
   * @throws ValidationException unknown type, payload not JSON, too large or failing the schema;
   *     nothing written
   * @throws IllegalStateException if no job queue was built on the dispatcher's context
   */
  public WebhookEvent publish(TenantId tenant, String type, String payload) {
    Validation v = checkTenant(Validation.of(), tenant);
    checkEvent(v, "", type, payload);
    v.throwIfInvalid();
    return store(tenant, List.of(new NewEvent(type, payload))).get(0);
  }

  /**
   * Publishes several events of one tenant together, as {@link #publish} does one, all or nothing:
   * one transaction for all of them (the PostgreSQL store writes the events, their deliveries and
   * their delivery jobs with one statement per table), much cheaper per event than one {@link
   * #publish} each. Inside a joined host transaction, all of it commits with the host.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param events the events, at most {@value #MAX_PUBLISH_ALL}, in the order their ids ascend
   * @return the stored events, in the order of {@code events}; empty if {@code events} is empty
   * @throws ValidationException naming every bad field ({@code events}, {@code events[i].type},
   *     {@code events[i].payload}); nothing written
   * @throws IllegalStateException if no job queue was built on the dispatcher's context
   */
  public List<WebhookEvent> publishAll(TenantId tenant, List<NewEvent> events) {
    Objects.requireNonNull(events, "events");
    Validation v = checkTenant(Validation.of(), tenant);
    v.check(
        events.size() <= MAX_PUBLISH_ALL,
        "events",
        "must be at most " + MAX_PUBLISH_ALL + " events");
    for (int i = 0; i < events.size(); i++) {
      NewEvent event = events.get(i);
      v.required("events[" + i + "]", event);
      if (event != null) {
        checkEvent(v, "events[" + i + "].", event.type(), event.payload());
      }
    }
    v.throwIfInvalid();
    return events.isEmpty() ? List.of() : store(tenant, events);
  }

  /** Checks one event's type and payload; {@code prefix} leads the field names. */
  private void checkEvent(
      Validation v, String prefix, @Nullable String type, @Nullable String payload) {
    v.required(prefix + "type", type);
    v.required(prefix + "payload", payload);
    if (type == null || payload == null) {
      return;
    }
    v.check(catalog.contains(type), prefix + "type", "unknown event type " + type);
    int size = payload.getBytes(StandardCharsets.UTF_8).length;
    v.check(
        size <= maxPayloadBytes,
        prefix + "payload",
        "must be at most " + maxPayloadBytes + " bytes");
    if (!catalog.contains(type) || size > maxPayloadBytes) {
      return;
    }
    List<String> problems = catalog.problems(type, payload);
    if (problems == null) {
      v.check(false, prefix + "payload", "must be a JSON document");
    } else {
      for (String problem : problems) {
        v.check(false, prefix + "payload", "does not match the schema of " + type + ": " + problem);
      }
    }
  }

  /**
   * Stores checked events with their deliveries (the tenant's endpoints listed once) and submits
   * their jobs, in one store call.
   */
  private List<WebhookEvent> store(TenantId tenant, List<NewEvent> events) {
    requireRunner();
    Instant now = now();
    Map<UUID, Endpoint> endpoints = new LinkedHashMap<>();
    store.listEndpoints(tenant).forEach(endpoint -> endpoints.put(endpoint.id(), endpoint));
    List<WebhookEvent> stored = new ArrayList<>(events.size());
    List<Delivery> deliveries = new ArrayList<>();
    for (NewEvent e : events) {
      WebhookEvent event =
          new WebhookEvent(context.ids().next(), tenant, e.type(), e.payload(), now);
      stored.add(event);
      for (Endpoint endpoint : endpoints.values()) {
        if (endpoint.enabled() && endpoint.subscribesTo(event.type())) {
          deliveries.add(
              Delivery.pending(
                  context.ids().next(), tenant, event.id(), endpoint.id(), event.type(), now));
        }
      }
    }
    store.insertEvents(
        stored,
        deliveries,
        () -> context.deferredWork().submit(jobs.published(deliveries, endpoints, now)));
    return stored;
  }

  private void requireRunner() {
    if (!context.deferredWork().hasRunner()) {
      throw new IllegalStateException(
          "no job queue runs deliveries: build a JobQueue on the dispatcher's context");
    }
  }

  /**
   * The tenant's event.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param eventId the event's id
   * @return the event, or empty if the tenant has none with this id
   */
  public Optional<WebhookEvent> getEvent(TenantId tenant, UUID eventId) {
    Objects.requireNonNull(eventId, "eventId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.getEvent(tenant, eventId);
  }

  // ---- deliveries ----------------------------------------------------------------------------

  /**
   * The tenant's delivery.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param deliveryId the delivery's id
   * @return the delivery, or empty if the tenant has none with this id
   */
  public Optional<Delivery> getDelivery(TenantId tenant, UUID deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.getDelivery(tenant, deliveryId);
  }

  /**
   * The tenant's delivery history matching {@code query}, newest first, a page at a time.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param query the filters
   * @param page the page size and cursor
   * @return one page of deliveries
   */
  public Page<Delivery> listDeliveries(TenantId tenant, DeliveryQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.listDeliveries(tenant, query, page);
  }

  /**
   * The attempts of the tenant's delivery, oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param deliveryId the delivery's id
   * @return the attempts, oldest first; empty for an unknown delivery
   */
  public List<DeliveryAttempt> attempts(TenantId tenant, UUID deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    return store.attempts(tenant, deliveryId);
  }

  /**
   * Sends a failed delivery again now, with the same {@code webhook-id}; it gets its endpoint's
   * schedule afresh.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param deliveryId the delivery's id
   * @return the delivery, pending again
   * @throws NotFoundException if the tenant has no such delivery
   * @throws ConflictException if the delivery is not failed (it is pending or succeeded)
   */
  public Delivery retryDelivery(TenantId tenant, UUID deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    Delivery delivery =
        store
            .getDelivery(tenant, deliveryId)
            .orElseThrow(() -> NotFoundException.of("delivery", deliveryId));
    Delivery requeued = requeue(delivery, now());
    if (requeued == null) {
      throw new ConflictException(
          "delivery " + deliveryId + " is " + delivery.status() + ", not FAILED");
    }
    return requeued;
  }

  private @Nullable Delivery requeue(Delivery delivery, Instant now) {
    requireRunner();
    if (delivery.status() != DeliveryStatus.FAILED) {
      return null;
    }
    Delivery requeued = delivery.requeued(now);
    if (!store.updateDelivery(requeued, DeliveryStatus.FAILED)) {
      return null;
    }
    context.deferredWork().submit(List.of(jobs.requeued(requeued, now)));
    return requeued;
  }

  /**
   * Re-sends the endpoint's failed deliveries created at or after {@code since} (at most {@value
   * #MAX_RECOVER}), for example after the receiver's outage.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @param since the earliest creation time of the deliveries re-sent
   * @return how many were re-sent
   * @throws NotFoundException if the tenant has no such endpoint
   */
  public int recover(TenantId tenant, UUID endpointId, Instant since) {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(since, "since");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    requireEndpoint(tenant, endpointId);
    requireRunner();
    Instant now = now();
    int count = 0;
    for (Delivery failed : store.failedDeliveries(tenant, endpointId, since, MAX_RECOVER)) {
      if (requeue(failed, now) != null) {
        count++;
      }
    }
    return count;
  }

  /**
   * Sends a {@code test.ping} to the endpoint now, on the calling thread, and returns what came of
   * it. Nothing is stored; the endpoint's failure streak is unchanged.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the response or failure of the test delivery
   * @throws NotFoundException if the tenant has no such endpoint
   */
  public TestDeliveryResult sendTest(TenantId tenant, UUID endpointId) {
    Objects.requireNonNull(endpointId, "endpointId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    StoredEndpoint endpoint = requireEndpoint(tenant, endpointId);
    Instant now = now();
    WebhookEvent ping =
        new WebhookEvent(
            context.ids().next(), tenant, "test.ping", "{\"message\":\"test delivery\"}", now);
    TransportResult result = sender.send(endpoint, ping, now);
    return new TestDeliveryResult(
        result.succeeded(),
        result.statusCode(),
        result.latencyMillis(),
        result.succeeded() ? null : result.error(),
        result.bodyExcerpt());
  }

  /**
   * The endpoint's figures over the last hour, day and week.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param endpointId the endpoint's id
   * @return the figures
   */
  public EndpointStats stats(TenantId tenant, UUID endpointId) {
    Objects.requireNonNull(endpointId, "endpointId");
    checkTenant(Validation.of(), tenant).throwIfInvalid();
    requireEndpoint(tenant, endpointId);
    Instant now = now();
    return EndpointStatsTally.tally(
        endpointId, store.endpointAttempts(tenant, endpointId, now.minus(Duration.ofDays(7))), now);
  }

  /**
   * Deletes events older than the retention period (default 30 days) none of whose deliveries is
   * pending, with their deliveries and attempts, across every tenant. The nightly chore {@value
   * #RETENTION_SCHEDULE} runs it on the context's job queue.
   *
   * @return how many events were deleted
   */
  public int cleanup() {
    Instant cutoff = now().minus(retention);
    int deleted = 0;
    int batch;
    do {
      batch = store.deleteFinishedEvents(cutoff, CLEANUP_BATCH);
      deleted += batch;
    } while (batch == CLEANUP_BATCH);
    return deleted;
  }

  /**
   * Deployment-wide delivery state: queue depth, oldest pending, failing endpoints.
   *
   * @return the deployment-wide state
   */
  public WebhookHealth health() {
    return store.health();
  }

  /**
   * The delivery attempts this dispatcher has made since it was built and how many failed, over
   * every tenant, counted in this JVM: cheap to read (no storage access), for gauges and failure
   * rates. Deployment-wide.
   *
   * @return the counts
   */
  public DeliveryCounts deliveryCounts() {
    return runner.counts();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Instant now() {
    return context.clock().instant();
  }

  private Validation checkTenant(Validation v, TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return tenants.check(v, tenant, null);
  }

  private StoredEndpoint requireEndpoint(TenantId tenant, UUID endpointId) {
    return store
        .getEndpoint(tenant, endpointId)
        .orElseThrow(() -> NotFoundException.of("endpoint", endpointId));
  }
}
