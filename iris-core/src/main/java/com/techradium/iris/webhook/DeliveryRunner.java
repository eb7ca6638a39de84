package com.techradium.iris.webhook;

import com.techradium.iris.core.DeferredRun;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.WorkOutcome;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.webhook.spi.AttemptTarget;
import com.techradium.iris.webhook.spi.DeliveryKey;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivery attempt as a job: loads the delivery, its endpoint and event, waits for order
 * (FIFO) and rate, sends, records the attempt and decides what comes next. Attempts running at the
 * same time share their store calls ({@link GroupCall}): one read for the attempts starting
 * together, one write for those finishing together ({@link WebhookStore#recordAttempts}); the job
 * completes only once its attempt is recorded. The job's lease makes it crash-safe: a worker lost
 * mid-attempt leaves the delivery pending and the job is claimed again, resending with the same
 * {@code webhook-id}.
 */
final class DeliveryRunner {
  /** How long a FIFO delivery waits before looking again for its predecessor to finish. */
  static final Duration FIFO_WAIT = Duration.ofSeconds(1);

  /** Bounds on a receiver's {@code Retry-After}. */
  static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  /** The most attempts read, or recorded, by one store call. */
  static final int MAX_GROUP = 64;

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRunner.class);

  private final WebhookDispatcher dispatcher;
  private final WebhookSender sender;
  private final WebhookStore store;
  private final IrisContext context;
  private final RetrySchedule defaultSchedule;
  private final Duration autoDisableAfter;
  private final int autoDisableAfterFailures;
  private final EndpointDisabledListener listener;
  private final RateGate rates = new RateGate();

  /** Reads of attempts starting together share one store call. */
  private final GroupCall<DeliveryKey, Optional<AttemptTarget>> loads;

  /** Records of attempts finishing together share one store call. */
  private final GroupCall<Recorded, Optional<Endpoint>> records;

  private final LongAdder attempts = new LongAdder();
  private final LongAdder failedAttempts = new LongAdder();

  DeliveryRunner(
      WebhookDispatcher dispatcher,
      WebhookSender sender,
      WebhookDispatcherBuilder b,
      WebhookStore store) {
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.store = store;
    this.context = b.context();
    this.defaultSchedule = b.retrySchedule;
    this.autoDisableAfter = b.autoDisableAfter;
    this.autoDisableAfterFailures = b.autoDisableAfterFailures;
    this.listener = b.listener;
    this.loads = new GroupCall<>(MAX_GROUP, store::loadAttempts);
    this.records =
        new GroupCall<>(
            MAX_GROUP,
            batch ->
                store.recordAttempts(
                    batch.stream().map(Recorded::attempt).toList(),
                    batch.stream().map(Recorded::delivery).toList()));
  }

  /** An attempt and its delivery's new state, to record together. */
  private record Recorded(DeliveryAttempt attempt, Delivery delivery) {}

  private static final String PAYLOAD_START = "{\"deliveryId\":\"";

  private static final String PAYLOAD_END = "\"}";

  static String payloadOf(UUID deliveryId) {
    return PAYLOAD_START + deliveryId + PAYLOAD_END;
  }

  /**
   * The delivery a job's payload names: read straight from the text {@link #payloadOf} writes,
   * parsed as JSON otherwise.
   */
  static UUID deliveryIdOf(String payload) {
    int start = PAYLOAD_START.length();
    if (payload.length() == start + 36 + PAYLOAD_END.length()
        && payload.startsWith(PAYLOAD_START)
        && payload.endsWith(PAYLOAD_END)) {
      return UUID.fromString(payload.substring(start, start + 36));
    }
    return UUID.fromString(IrisJson.parse("payload", payload).path("deliveryId").asText());
  }

  /** The attempts this runner has made, as {@link WebhookDispatcher#deliveryCounts()} says. */
  DeliveryCounts counts() {
    return new DeliveryCounts(attempts.sum(), failedAttempts.sum());
  }

  WorkOutcome run(DeferredRun run) {
    UUID deliveryId = deliveryIdOf(run.payload());
    Instant now = context.clock().instant();
    AttemptTarget target = loads.call(new DeliveryKey(run.tenant(), deliveryId)).orElse(null);
    if (target == null || target.delivery().status() != DeliveryStatus.PENDING) {
      return WorkOutcome.done();
    }
    Delivery delivery = target.delivery();
    StoredEndpoint stored = target.endpoint();
    if (stored == null || !stored.endpoint().enabled()) {
      String reason = stored == null ? "endpoint deleted" : "endpoint disabled";
      store.updateDelivery(delivery.givenUp(reason, now), DeliveryStatus.PENDING);
      return WorkOutcome.done();
    }
    Endpoint endpoint = stored.endpoint();
    if (endpoint.fifo() && store.hasEarlierPending(delivery)) {
      return WorkOutcome.runAgainAt(now.plus(FIFO_WAIT));
    }
    if (endpoint.rateLimitPerSecond() != null) {
      Duration wait = rates.acquire(endpoint.id(), endpoint.rateLimitPerSecond(), now);
      if (!wait.isZero()) {
        return WorkOutcome.runAgainAt(now.plus(wait).plusMillis(1));
      }
    }
    WebhookEvent event = target.event();
    if (event == null) {
      store.updateDelivery(delivery.givenUp("event deleted", now), DeliveryStatus.PENDING);
      return WorkOutcome.done();
    }
    TransportResult result = sender.send(stored, event, now);
    attempts.increment();
    if (!result.succeeded()) {
      failedAttempts.increment();
    }
    return record(delivery, endpoint, result, now);
  }

  private WorkOutcome record(
      Delivery delivery, Endpoint endpoint, TransportResult result, Instant now) {
    boolean gone = result.statusCode() != null && result.statusCode() == 410;
    Instant next = result.succeeded() || gone ? null : nextAttempt(delivery, endpoint, result, now);
    DeliveryStatus status =
        result.succeeded()
            ? DeliveryStatus.SUCCEEDED
            : next == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
    String error = result.succeeded() ? null : errorOf(result);
    int number = delivery.attempts() + 1;
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            context.ids().next(),
            delivery.tenant(),
            delivery.id(),
            delivery.endpointId(),
            number,
            now,
            result.statusCode(),
            result.latencyMillis(),
            error,
            result.bodyExcerpt(),
            result.succeeded());
    Optional<Endpoint> after =
        records.call(
            new Recorded(
                attempt, delivery.attempted(status, next, now, result.statusCode(), error)));
    after.ifPresent(current -> maybeDisable(current, gone, now));
    return next == null ? WorkOutcome.done() : WorkOutcome.runAgainAt(next);
  }

  private @Nullable Instant nextAttempt(
      Delivery delivery, Endpoint endpoint, TransportResult result, Instant now) {
    RetrySchedule schedule =
        endpoint.retrySchedule().isEmpty()
            ? defaultSchedule
            : new RetrySchedule(endpoint.retrySchedule(), defaultSchedule.jitter());
    int number = delivery.attempts() + 1;
    Instant scheduled =
        schedule.nextAttempt(number, now, () -> ThreadLocalRandom.current().nextDouble());
    if (scheduled == null) {
      return null;
    }
    Duration retryAfter = result.retryAfter();
    Integer code = result.statusCode();
    if (retryAfter != null && code != null && (code == 429 || code == 503)) {
      Duration bounded =
          retryAfter.compareTo(MIN_RETRY_AFTER) < 0
              ? MIN_RETRY_AFTER
              : retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
      return now.plus(bounded);
    }
    return scheduled;
  }

  private static String errorOf(TransportResult result) {
    if (result.statusCode() != null) {
      return "HTTP " + result.statusCode() + (result.error() == null ? "" : ": " + result.error());
    }
    return result.error() == null ? "no response" : result.error();
  }

  private void maybeDisable(Endpoint endpoint, boolean gone, Instant now) {
    if (!endpoint.enabled()) {
      return;
    }
    String reason = null;
    if (gone) {
      reason = "410 Gone";
    } else if (endpoint.failingSince() != null
        && !endpoint.failingSince().plus(autoDisableAfter).isAfter(now)) {
      reason = "failing since " + endpoint.failingSince();
    } else if (autoDisableAfterFailures > 0
        && endpoint.consecutiveFailures() >= autoDisableAfterFailures) {
      reason = endpoint.consecutiveFailures() + " failed attempts in a row";
    }
    if (reason != null) {
      disable(endpoint, reason, now);
    }
  }

  /** Disables an endpoint the dispatcher gave up on, once, and tells whoever listens. */
  private void disable(Endpoint endpoint, String reason, Instant now) {
    Optional<Endpoint> disabled =
        store.disableEndpoint(endpoint.tenant(), endpoint.id(), reason, now);
    if (disabled.isEmpty()) {
      return;
    }
    try {
      listener.disabled(new EndpointDisabled(disabled.get(), reason, now));
    } catch (RuntimeException e) {
      LOG.warn("an endpoint-disabled listener failed", e);
    }
    String payload =
        "{\"endpointId\":\""
            + endpoint.id()
            + "\",\"url\":"
            + IrisJson.write(endpoint.url())
            + ",\"reason\":"
            + IrisJson.write(reason)
            + "}";
    try {
      dispatcher.publish(endpoint.tenant(), "endpoint.disabled", payload);
    } catch (RuntimeException e) {
      LOG.warn("could not publish endpoint.disabled for endpoint {}", endpoint.id(), e);
    }
  }
}
