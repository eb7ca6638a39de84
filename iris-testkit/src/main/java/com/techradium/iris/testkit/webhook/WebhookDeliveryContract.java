package com.techradium.iris.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.AttemptTarget;
import com.techradium.iris.webhook.spi.DeliveryKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Events, deliveries and attempts: saved together, the history filtered and paged, attempts move
 * the endpoint's failure streak, status changes are compare-and-set, health counts.
 */
public abstract class WebhookDeliveryContract extends WebhookContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public WebhookDeliveryContract() {}

  @Test
  void anEventIsSavedWithItsDeliveries() {
    TenantId tenant = newTenant();
    Endpoint a = endpoint(tenant);
    Endpoint b = endpoint(tenant);

    List<Delivery> deliveries = publish(tenant, "call.completed", a, b);

    assertThat(store().getEvent(tenant, deliveries.get(0).eventId()))
        .hasValueSatisfying(e -> assertThat(e.payload()).isEqualTo("{\"n\":1}"));
    for (Delivery d : deliveries) {
      assertThat(store().getDelivery(tenant, d.id())).contains(d);
    }
  }

  @Test
  void eventsPublishedTogetherAreSavedWithAllTheirDeliveries() {
    TenantId tenant = newTenant();
    Endpoint a = endpoint(tenant);
    Endpoint b = endpoint(tenant);
    Endpoint c = endpoint(tenant);
    Instant now = clock.instant();
    List<WebhookEvent> events = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < 401; i++) { // 1,203 deliveries: more than one multi-row statement holds
      WebhookEvent event =
          new WebhookEvent(id(), tenant, "call.completed", "{\"n\":" + i + "}", now);
      events.add(event);
      for (Endpoint endpoint : List.of(a, b, c)) {
        deliveries.add(
            Delivery.pending(id(), tenant, event.id(), endpoint.id(), event.type(), now));
      }
    }

    store().insertEvents(events, deliveries);

    for (WebhookEvent event : events) {
      assertThat(store().getEvent(tenant, event.id())).contains(event);
    }
    for (Delivery d : deliveries) {
      assertThat(store().getDelivery(tenant, d.id())).contains(d);
    }
    TenantId other = newTenant();
    assertThat(store().getEvent(other, events.get(0).id())).isEmpty();
    assertThat(store().getDelivery(other, deliveries.get(0).id())).isEmpty();
    assertThat(store().listDeliveries(other, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
  }

  @Test
  void aBatchWithADeliveryOfNoEventOfItOrOfAnotherTenantIsRefusedAndNothingIsSaved() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Instant now = clock.instant();
    WebhookEvent event = new WebhookEvent(id(), tenant, "call.completed", "{}", now);
    Delivery good = Delivery.pending(id(), tenant, event.id(), endpoint.id(), event.type(), now);
    Delivery stray = Delivery.pending(id(), tenant, id(), endpoint.id(), event.type(), now);
    Delivery foreign = Delivery.pending(id(), other, event.id(), endpoint.id(), event.type(), now);

    for (Delivery bad : List.of(stray, foreign)) {
      assertThatThrownBy(() -> store().insertEvents(List.of(event), List.of(good, bad)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.hasErrorFor("deliveries")).isTrue());
    }

    assertThat(store().getEvent(tenant, event.id())).isEmpty();
    assertThat(store().getDelivery(tenant, good.id())).isEmpty();
    assertThat(store().getDelivery(other, foreign.id())).isEmpty();
  }

  @Test
  void anEmptyBatchOrOneWithAnEventTwiceIsRefused() {
    TenantId tenant = newTenant();
    WebhookEvent event = new WebhookEvent(id(), tenant, "call.completed", "{}", clock.instant());

    assertThatThrownBy(() -> store().insertEvents(List.of(), List.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("events")).isTrue());
    assertThatThrownBy(() -> store().insertEvents(List.of(event, event), List.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("events")).isTrue());
    assertThat(store().getEvent(tenant, event.id())).isEmpty();
  }

  @Test
  void aBatchFailingOnOneEventSavesNoneOfIt() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery published = publish(tenant, "call.completed", endpoint).get(0);
    WebhookEvent existing = store().getEvent(tenant, published.eventId()).orElseThrow();
    Instant now = clock.instant();
    WebhookEvent fresh = new WebhookEvent(id(), tenant, "call.completed", "{}", now);
    Delivery freshDelivery =
        Delivery.pending(id(), tenant, fresh.id(), endpoint.id(), fresh.type(), now);

    assertThatThrownBy(() -> store().insertEvents(List.of(fresh, existing), List.of(freshDelivery)))
        .isInstanceOf(RuntimeException.class);

    assertThat(store().getEvent(tenant, fresh.id())).isEmpty();
    assertThat(store().getDelivery(tenant, freshDelivery.id())).isEmpty();
  }

  @Test
  void anAttemptLoadsItsDeliveryWithItsEndpointKeysAndEventTogether() {
    TenantId tenant = newTenant();
    Endpoint a = endpoint(tenant);
    Endpoint b = endpoint(tenant);
    Delivery toB = publish(tenant, "call.completed", a, b).get(1);

    AttemptTarget target = store().loadAttempt(tenant, toB.id()).orElseThrow();

    assertThat(target.delivery()).isEqualTo(toB);
    assertThat(target.endpoint()).isEqualTo(store().getEndpoint(tenant, b.id()).orElseThrow());
    assertThat(target.event()).isEqualTo(store().getEvent(tenant, toB.eventId()).orElseThrow());
    assertThat(store().loadAttempt(tenant, id())).isEmpty();
    assertThat(store().loadAttempt(newTenant(), toB.id())).isEmpty();
  }

  @Test
  void attemptsLoadTogetherInTheOrderAskedAndOnlyForTheirTenant() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    Endpoint a = endpoint(tenant);
    Endpoint b = endpoint(other);
    Delivery first = publish(tenant, "call.completed", a).get(0);
    Delivery second = publish(other, "call.completed", b).get(0);

    List<Optional<AttemptTarget>> loaded =
        store()
            .loadAttempts(
                List.of(
                    new DeliveryKey(other, second.id()),
                    new DeliveryKey(other, first.id()),
                    new DeliveryKey(tenant, id()),
                    new DeliveryKey(tenant, first.id())));

    assertThat(loaded).hasSize(4);
    assertThat(loaded.get(0)).contains(store().loadAttempt(other, second.id()).orElseThrow());
    assertThat(loaded.get(1)).as("another tenant's delivery").isEmpty();
    assertThat(loaded.get(2)).isEmpty();
    assertThat(loaded.get(3)).contains(store().loadAttempt(tenant, first.id()).orElseThrow());
    assertThat(store().loadAttempts(List.of())).isEmpty();
  }

  @Test
  void attemptsRecordedTogetherMoveEachEndpointsStreakInOrder() {
    TenantId tenant = newTenant();
    Endpoint failing = endpoint(tenant);
    Endpoint recovering = endpoint(tenant);
    List<Delivery> toFailing = new ArrayList<>();
    List<Delivery> toRecovering = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      toFailing.add(publish(tenant, "call.completed", failing).get(0));
      toRecovering.add(publish(tenant, "call.completed", recovering).get(0));
    }
    attempted(toRecovering.get(0), false, DeliveryStatus.PENDING); // a streak to clear
    clock.advance(Duration.ofSeconds(1));
    List<DeliveryAttempt> attempts = new ArrayList<>();
    List<Delivery> after = new ArrayList<>();
    Delivery recovered = store().getDelivery(tenant, toRecovering.get(0).id()).orElseThrow();
    for (Delivery d : List.of(toFailing.get(0), recovered, toFailing.get(1), toRecovering.get(1))) {
      boolean ok = d.endpointId().equals(recovering.id());
      DeliveryAttempt attempt = attempt(d, ok, 30);
      attempts.add(attempt);
      after.add(
          d.attempted(
              ok ? DeliveryStatus.SUCCEEDED : DeliveryStatus.PENDING,
              ok ? null : clock.instant().plusSeconds(5),
              attempt.at(),
              attempt.statusCode(),
              attempt.error()));
    }

    List<Optional<Endpoint>> endpoints = store().recordAttempts(attempts, after);

    assertThat(endpoints).hasSize(4);
    for (int i : new int[] {0, 2}) {
      assertThat(endpoints.get(i))
          .hasValueSatisfying(
              e -> {
                assertThat(e.id()).isEqualTo(failing.id());
                assertThat(e.consecutiveFailures()).isEqualTo(2);
                assertThat(e.failingSince()).isEqualTo(clock.instant());
              });
    }
    for (int i : new int[] {1, 3}) {
      assertThat(endpoints.get(i))
          .hasValueSatisfying(
              e -> {
                assertThat(e.id()).isEqualTo(recovering.id());
                assertThat(e.consecutiveFailures()).isZero();
                assertThat(e.failingSince()).isNull();
              });
    }
    for (int i = 0; i < 4; i++) {
      assertThat(store().getDelivery(tenant, after.get(i).id())).contains(after.get(i));
      assertThat(store().attempts(tenant, after.get(i).id())).contains(attempts.get(i));
    }
    assertThat(store().attempts(tenant, toRecovering.get(0).id())).hasSize(2);
  }

  @Test
  void attemptsRecordedTogetherStartAStreakAtTheFirstFailureAfterTheLastSuccess() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    List<Delivery> published = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      published.add(publish(tenant, "call.completed", endpoint).get(0));
    }
    List<DeliveryAttempt> attempts = new ArrayList<>();
    List<Delivery> after = new ArrayList<>();
    boolean[] outcomes = {true, false, false};
    Instant firstFailure = null;
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      DeliveryAttempt attempt = attempt(published.get(i), outcomes[i], 10);
      if (!outcomes[i] && firstFailure == null) {
        firstFailure = attempt.at();
      }
      attempts.add(attempt);
      after.add(
          published
              .get(i)
              .attempted(
                  outcomes[i] ? DeliveryStatus.SUCCEEDED : DeliveryStatus.FAILED,
                  null,
                  attempt.at(),
                  attempt.statusCode(),
                  attempt.error()));
    }

    List<Optional<Endpoint>> endpoints = store().recordAttempts(attempts, after);

    Instant since = firstFailure;
    assertThat(endpoints)
        .allSatisfy(
            e ->
                assertThat(e)
                    .hasValueSatisfying(
                        x -> {
                          assertThat(x.consecutiveFailures()).isEqualTo(2);
                          assertThat(x.failingSince()).isEqualTo(since);
                        }));
  }

  @Test
  void attemptsRecordedTogetherOfAMissingDeliveryAreSkippedAndMismatchedListsRefused() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery real = publish(tenant, "call.completed", endpoint).get(0);
    Delivery ghost =
        Delivery.pending(id(), tenant, id(), endpoint.id(), "call.completed", clock.instant());
    DeliveryAttempt onReal = attempt(real, true, 5);
    DeliveryAttempt onGhost = attempt(ghost, true, 5);
    Delivery realAfter = real.attempted(DeliveryStatus.SUCCEEDED, null, onReal.at(), 200, null);
    Delivery ghostAfter = ghost.attempted(DeliveryStatus.SUCCEEDED, null, onGhost.at(), 200, null);

    assertThatThrownBy(
            () -> store().recordAttempts(List.of(onReal, onGhost), List.of(ghostAfter, realAfter)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("deliveries")).isTrue());
    assertThatThrownBy(() -> store().recordAttempts(List.of(onReal), List.of()))
        .isInstanceOf(ValidationException.class);
    assertThat(store().getDelivery(tenant, real.id())).contains(real);
    assertThat(store().attempts(tenant, real.id())).isEmpty();

    store().recordAttempts(List.of(onReal, onGhost), List.of(realAfter, ghostAfter));

    assertThat(store().getDelivery(tenant, real.id())).contains(realAfter);
    assertThat(store().attempts(tenant, real.id())).containsExactly(onReal);
    assertThat(store().getDelivery(tenant, ghost.id())).isEmpty();
    assertThat(store().attempts(tenant, ghost.id())).isEmpty();
  }

  @Test
  void theHistoryIsNewestFirstAndPagesWithoutGapsOrRepeats() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    List<UUID> published = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofMillis(2));
      published.add(publish(tenant, "call.completed", endpoint).get(0).id());
    }

    List<UUID> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    while (true) {
      Page<Delivery> page = store().listDeliveries(tenant, DeliveryQuery.all(), request);
      page.items().forEach(d -> seen.add(d.id()));
      if (page.next().isEmpty()) {
        break;
      }
      request = request.after(page.next().get());
    }

    List<UUID> newestFirst = new ArrayList<>(published);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void theHistoryFiltersByEndpointTypeStatusAndTime() {
    TenantId tenant = newTenant();
    Endpoint a = endpoint(tenant);
    Endpoint b = endpoint(tenant);
    Instant start = clock.instant();
    Delivery calls = publish(tenant, "call.completed", a).get(0);
    clock.advance(Duration.ofMinutes(1));
    Delivery sms = publish(tenant, "sms.sent", b).get(0);
    attempted(sms, true, DeliveryStatus.SUCCEEDED);

    PageRequest page = PageRequest.first();
    assertThat(store().listDeliveries(tenant, DeliveryQuery.endpoint(a.id()), page).items())
        .extracting(Delivery::id)
        .containsExactly(calls.id());
    assertThat(
            store()
                .listDeliveries(tenant, new DeliveryQuery(null, "sms.sent", null, null, null), page)
                .items())
        .extracting(Delivery::id)
        .containsExactly(sms.id());
    assertThat(
            store()
                .listDeliveries(
                    tenant, DeliveryQuery.all().withStatus(DeliveryStatus.PENDING), page)
                .items())
        .extracting(Delivery::id)
        .containsExactly(calls.id());
    assertThat(
            store()
                .listDeliveries(
                    tenant, new DeliveryQuery(null, null, null, start, start.plusSeconds(30)), page)
                .items())
        .extracting(Delivery::id)
        .containsExactly(calls.id());
  }

  @Test
  void attemptsAreRecordedAndMoveTheFailureStreak() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery delivery = publish(tenant, "call.completed", endpoint).get(0);
    Instant firstFailure = clock.instant();

    Delivery once = attempted(delivery, false, DeliveryStatus.PENDING);
    clock.advance(Duration.ofSeconds(5));
    DeliveryAttempt second = attempt(once, false, 70);
    Endpoint failing =
        store()
            .recordAttempt(
                second, once.attempted(DeliveryStatus.PENDING, null, second.at(), 500, "HTTP 500"))
            .orElseThrow();

    assertThat(failing.consecutiveFailures()).isEqualTo(2);
    assertThat(failing.failingSince()).isEqualTo(firstFailure);
    assertThat(store().attempts(tenant, delivery.id()))
        .extracting(DeliveryAttempt::number)
        .containsExactly(1, 2);
    assertThat(store().getDelivery(tenant, delivery.id()).orElseThrow().attempts()).isEqualTo(2);

    Delivery twice = store().getDelivery(tenant, delivery.id()).orElseThrow();
    attempted(twice, true, DeliveryStatus.SUCCEEDED);
    Endpoint healthy = store().getEndpoint(tenant, endpoint.id()).orElseThrow().endpoint();
    assertThat(healthy.consecutiveFailures()).isZero();
    assertThat(healthy.failingSince()).isNull();
    assertThat(store().getDelivery(tenant, delivery.id()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.SUCCEEDED);
  }

  @Test
  void concurrentFailedAttemptsAreAllCounted() throws Exception {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    int threads = 8;
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      deliveries.add(publish(tenant, "call.completed", endpoint).get(0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (Delivery d : deliveries) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  return attempted(d, false, DeliveryStatus.PENDING);
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store().getEndpoint(tenant, endpoint.id()).orElseThrow().endpoint())
        .extracting(Endpoint::consecutiveFailures)
        .isEqualTo(threads);
  }

  @Test
  void updateDeliveryIsACompareAndSetOnStatus() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery delivery = publish(tenant, "call.completed", endpoint).get(0);
    Delivery failed = delivery.givenUp("endpoint disabled", clock.instant());

    assertThat(store().updateDelivery(failed, DeliveryStatus.SUCCEEDED)).isFalse();
    assertThat(store().updateDelivery(failed, DeliveryStatus.PENDING)).isTrue();
    assertThat(store().updateDelivery(failed.requeued(clock.instant()), DeliveryStatus.PENDING))
        .isFalse();
    assertThat(store().getDelivery(tenant, delivery.id()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void failedDeliveriesSinceATimeAreFoundOldestFirst() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery before = publish(tenant, "call.completed", endpoint).get(0);
    attempted(before, false, DeliveryStatus.FAILED);
    Instant since = clock.advance(Duration.ofMinutes(1));
    Delivery first = publish(tenant, "call.completed", endpoint).get(0);
    attempted(first, false, DeliveryStatus.FAILED);
    clock.advance(Duration.ofSeconds(1));
    Delivery second = publish(tenant, "call.completed", endpoint).get(0);
    attempted(second, false, DeliveryStatus.FAILED);
    publish(tenant, "call.completed", endpoint);

    assertThat(store().failedDeliveries(tenant, endpoint.id(), since, 100))
        .extracting(Delivery::id)
        .containsExactly(first.id(), second.id());
    assertThat(store().failedDeliveries(tenant, endpoint.id(), since, 1)).hasSize(1);
  }

  @Test
  void anEarlierPendingDeliveryOfTheSameEndpointIsSeen() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Endpoint other = endpoint(tenant);
    Delivery first = publish(tenant, "call.completed", endpoint).get(0);
    Delivery second = publish(tenant, "call.completed", endpoint, other).get(0);
    Delivery otherSecond =
        store()
            .listDeliveries(tenant, DeliveryQuery.endpoint(other.id()), PageRequest.first())
            .items()
            .get(0);

    assertThat(store().hasEarlierPending(second)).isTrue();
    assertThat(store().hasEarlierPending(first)).isFalse();
    assertThat(store().hasEarlierPending(otherSecond)).isFalse();

    attempted(first, true, DeliveryStatus.SUCCEEDED);
    assertThat(store().hasEarlierPending(second)).isFalse();
  }

  @Test
  void endpointAttemptsSinceATimeAreReturned() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant, Set.of());
    Delivery delivery = publish(tenant, "call.completed", endpoint).get(0);
    Delivery once = attempted(delivery, false, DeliveryStatus.PENDING);
    Instant since = clock.advance(Duration.ofHours(2));
    attempted(once, true, DeliveryStatus.SUCCEEDED);

    assertThat(store().endpointAttempts(tenant, endpoint.id(), since))
        .singleElement()
        .satisfies(a -> assertThat(a.succeeded()).isTrue());
  }

  @Test
  void oldEventsWithNoPendingDeliveryAreDeletedWithTheirDeliveriesAndAttempts() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Delivery finished = publish(tenant, "call.completed", endpoint).get(0);
    attempted(finished, true, DeliveryStatus.SUCCEEDED);
    Delivery pending = publish(tenant, "call.completed", endpoint).get(0);
    Instant cutoff = clock.advance(Duration.ofDays(31));
    Delivery recent = publish(tenant, "call.completed", endpoint).get(0);
    attempted(recent, true, DeliveryStatus.SUCCEEDED);

    int deleted = 0;
    while (store().getEvent(tenant, finished.eventId()).isPresent()) {
      int batch = store().deleteFinishedEvents(cutoff, 1000);
      assertThat(batch).as("progress").isPositive();
      deleted += batch;
    }

    assertThat(deleted).isPositive();
    assertThat(store().getDelivery(tenant, finished.id())).isEmpty();
    assertThat(store().attempts(tenant, finished.id())).isEmpty();
    assertThat(store().getEvent(tenant, pending.eventId())).isPresent();
    assertThat(store().getDelivery(tenant, pending.id())).isPresent();
    assertThat(store().getEvent(tenant, recent.eventId())).isPresent();
    assertThat(store().attempts(tenant, recent.id())).hasSize(1);
  }

  @Test
  void healthCountsPendingAndFailingAcrossTenants() {
    var before = store().health();
    TenantId tenant = newTenant();
    Endpoint failing = endpoint(tenant);
    Endpoint disabled = endpoint(tenant);
    Delivery delivery = publish(tenant, "call.completed", failing).get(0);
    attempted(delivery, false, DeliveryStatus.PENDING);
    store().disableEndpoint(tenant, disabled.id(), "disabled by a caller", clock.instant());

    var after = store().health();

    assertThat(after.pendingDeliveries()).isEqualTo(before.pendingDeliveries() + 1);
    assertThat(after.failingEndpoints()).isEqualTo(before.failingEndpoints() + 1);
    assertThat(after.disabledEndpoints()).isEqualTo(before.disabledEndpoints() + 1);
    assertThat(after.oldestPendingSince()).isNotNull();
  }
}
