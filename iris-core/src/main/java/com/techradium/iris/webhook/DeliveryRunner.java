package com.techradium.iris.webhook;

import com.techradium.iris.core.DeferredRun;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.WorkItem;
import com.techradium.iris.core.WorkOutcome;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.webhook.spi.AttemptTarget;
import com.techradium.iris.webhook.spi.DeliveryKey;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delivery jobs ({@link DeliveryJobs}). A delivery's own job makes one attempt: it loads
 * the delivery, its endpoint and event, waits for order (FIFO) and rate, sends, records the attempt
 * and decides what comes next. A batch job makes the first attempts of deliveries published
 * together, in turn, and records them with one store call. Attempts running at the same time share
 * their store calls ({@link GroupCall}): one read for the attempts starting together, one write for
 * those finishing together ({@link WebhookStore#recordAttempts}); the job completes only once its
 * attempt is recorded. The job's lease makes it crash-safe: a worker lost mid-attempt leaves the
 * delivery pending and the job is claimed again, resending with the same {@code webhook-id}.
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
  private final DeliveryJobs jobs;
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
      WebhookStore store,
      DeliveryJobs jobs) {
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.store = store;
    this.jobs = jobs;
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

  /**
   * An attempt made: what to record, when the delivery is tried next (null when it is not), and
   * whether the receiver answered 410 Gone.
   */
  private record Attempted(Recorded recorded, @Nullable Instant next, boolean gone) {}

  /** The attempts this runner has made, as {@link WebhookDispatcher#deliveryCounts()} says. */
  DeliveryCounts counts() {
    return new DeliveryCounts(attempts.sum(), failedAttempts.sum());
  }

  /** Runs a delivery's own job: one attempt, or a wait for order or rate. */
  WorkOutcome run(DeferredRun run) {
    UUID deliveryId = DeliveryJobs.deliveryIdOf(run.payload());
    Instant now = context.clock().instant();
    AttemptTarget target = loads.call(new DeliveryKey(run.tenant(), deliveryId)).orElse(null);
    if (target == null || !sendable(target, now)) {
      return WorkOutcome.done();
    }
    Endpoint endpoint = endpointOf(target);
    if (endpoint.fifo() && store.hasEarlierPending(target.delivery())) {
      return WorkOutcome.runAgainAt(now.plus(FIFO_WAIT));
    }
    if (endpoint.rateLimitPerSecond() != null) {
      Duration wait = rates.acquire(endpoint.id(), endpoint.rateLimitPerSecond(), now);
      if (!wait.isZero()) {
        return WorkOutcome.runAgainAt(now.plus(wait).plusMillis(1));
      }
    }
    Attempted attempted = attempt(target, now);
    records
        .call(attempted.recorded())
        .ifPresent(current -> maybeDisable(current, attempted.gone(), now));
    Instant next = attempted.next();
    return next == null ? WorkOutcome.done() : WorkOutcome.runAgainAt(next);
  }

  /**
   * Runs a batch job: the first attempts of deliveries published together to one endpoint, one
   * after the other while they succeed, recorded with one store call. Every delivery it does not
   * see through gets a job of its own ({@link DeliveryJobs#handedOff}): a failed one for its retry,
   * the ones after a failure at once (so that a failing endpoint's deliveries wait in parallel, not
   * in turn), the ones whose endpoint now asks for order or a rate, and, when the batch job runs
   * again after a failed or lost run, every one still pending, without sending any.
   */
  WorkOutcome runBatch(DeferredRun run) {
    List<DeliveryKey> keys = new ArrayList<>();
    for (UUID id : DeliveryJobs.batchIdsOf(run.payload())) {
      keys.add(new DeliveryKey(run.tenant(), id));
    }
    List<Attempted> made = new ArrayList<>();
    List<WorkItem> handOffs = new ArrayList<>();
    boolean sending = run.attempt() == 1;
    for (Optional<AttemptTarget> loaded : store.loadAttempts(keys)) {
      AttemptTarget target = loaded.orElse(null);
      Instant now = context.clock().instant();
      if (target == null || !sendable(target, now)) {
        continue;
      }
      Delivery delivery = target.delivery();
      Endpoint endpoint = endpointOf(target);
      boolean tried = delivery.attempts() > 0;
      if (!sending || tried || endpoint.fifo() || endpoint.rateLimitPerSecond() != null) {
        handOffs.add(jobs.handedOff(delivery, tried ? delivery.nextAttemptAt() : now));
        continue;
      }
      Attempted attempted = attempt(target, now);
      made.add(attempted);
      if (attempted.next() != null) {
        handOffs.add(jobs.handedOff(delivery, attempted.next()));
      }
      sending = attempted.recorded().attempt().succeeded();
    }
    if (!made.isEmpty()) {
      List<Optional<Endpoint>> after =
          store.recordAttempts(
              made.stream().map(a -> a.recorded().attempt()).toList(),
              made.stream().map(a -> a.recorded().delivery()).toList());
      for (int i = 0; i < made.size(); i++) {
        Attempted attempted = made.get(i);
        Instant at = attempted.recorded().attempt().at();
        after.get(i).ifPresent(current -> maybeDisable(current, attempted.gone(), at));
      }
    }
    context.deferredWork().submit(handOffs);
    return WorkOutcome.done();
  }

  /**
   * Whether the target is a pending delivery to send; one whose endpoint or event is gone, or whose
   * endpoint is disabled, is given up (and recorded so) instead.
   */
  private boolean sendable(AttemptTarget target, Instant now) {
    if (target.delivery().status() != DeliveryStatus.PENDING) {
      return false;
    }
    StoredEndpoint stored = target.endpoint();
    String reason =
        stored == null
            ? "endpoint deleted"
            : !stored.endpoint().enabled()
                ? "endpoint disabled"
                : target.event() == null ? "event deleted" : null;
    if (reason != null) {
      store.updateDelivery(target.delivery().givenUp(reason, now), DeliveryStatus.PENDING);
      return false;
    }
    return true;
  }

  /** The endpoint of a target {@link #sendable} accepted. */
  private static Endpoint endpointOf(AttemptTarget target) {
    return Objects.requireNonNull(target.endpoint()).endpoint();
  }

  /** Sends a {@link #sendable} target's delivery and works out what to record and what is next. */
  private Attempted attempt(AttemptTarget target, Instant now) {
    Delivery delivery = target.delivery();
    Endpoint endpoint = endpointOf(target);
    TransportResult result =
        sender.send(
            Objects.requireNonNull(target.endpoint()), Objects.requireNonNull(target.event()), now);
    attempts.increment();
    if (!result.succeeded()) {
      failedAttempts.increment();
    }
    boolean gone = result.statusCode() != null && result.statusCode() == 410;
    Instant next = result.succeeded() || gone ? null : nextAttempt(delivery, endpoint, result, now);
    DeliveryStatus status =
        result.succeeded()
            ? DeliveryStatus.SUCCEEDED
            : next == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
    String error = result.succeeded() ? null : errorOf(result);
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            context.ids().next(),
            delivery.tenant(),
            delivery.id(),
            delivery.endpointId(),
            delivery.attempts() + 1,
            now,
            result.statusCode(),
            result.latencyMillis(),
            error,
            result.bodyExcerpt(),
            result.succeeded());
    Recorded recorded =
        new Recorded(attempt, delivery.attempted(status, next, now, result.statusCode(), error));
    return new Attempted(recorded, next, gone);
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
