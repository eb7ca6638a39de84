package com.techradium.iris.webhook;

import static com.techradium.iris.webhook.WebhookFixture.CALL;
import static com.techradium.iris.webhook.WebhookFixture.noJitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.webhook.spi.WebhookRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {
  private static List<Delivery> deliveries(WebhookFixture f) {
    return f.webhooks.listDeliveries(f.tenant, DeliveryQuery.all(), PageRequest.first()).items();
  }

  private static Delivery only(WebhookFixture f) {
    return deliveries(f).get(0);
  }

  private static void verify(WebhookRequest request, String secret, Instant now) {
    WebhookVerifier.of(
            List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(now, ZoneOffset.UTC))
        .verify(request.body(), request.headers());
  }

  /** The last request carries one signature, by {@code current}, and none by {@code old}. */
  private static void assertSignedByTheNewSecretAlone(
      WebhookFixture f, String current, String old) {
    WebhookRequest last = f.receiver.last();
    Instant now = f.clock.instant();
    assertThat(last.headers().get("webhook-signature").split(" ")).hasSize(1);
    verify(last, current, now);
    assertThat(
            WebhookVerifier.of(
                    List.of(old), Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC))
                .isValid(last.body(), last.headers()))
        .isFalse();
  }

  @Test
  void aPublishedEventReachesEverySubscribedEndpointSignedAsTheStandardSays() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint calls = f.endpoint("call.completed");
    f.endpoint("sms.sent");

    WebhookEvent event = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();

    assertThat(f.receiver.requests()).hasSize(1);
    WebhookRequest request = f.receiver.last();
    assertThat(request.headers())
        .containsEntry("webhook-id", event.messageId())
        .containsEntry("content-type", "application/json");
    verify(request, calls.secret().value(), f.clock.instant());
    assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"type\":\"call.completed\"")
        .contains("\"data\":" + CALL);
    Delivery delivery = only(f);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    assertThat(f.webhooks.attempts(f.tenant, delivery.id()))
        .singleElement()
        .satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
  }

  @Test
  void eventsPublishedTogetherEachReachEverySubscribedEndpointWithTheirOwnId() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint first = f.endpoint("call.completed");
    CreatedEndpoint second = f.endpoint("call.completed", "sms.sent");
    f.endpoint("sms.sent");

    List<WebhookEvent> events =
        f.webhooks.publishAll(
            f.tenant,
            List.of(
                NewEvent.of("call.completed", CALL),
                NewEvent.of("call.completed", "{\"callId\":\"c-2\",\"durationSeconds\":7}")));
    f.deliverDue();

    assertThat(events).hasSize(2);
    assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    assertThat(f.receiver.requests()).hasSize(4);
    assertThat(f.receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactlyInAnyOrder(
            events.get(0).messageId(),
            events.get(0).messageId(),
            events.get(1).messageId(),
            events.get(1).messageId());
    assertThat(deliveries(f))
        .hasSize(4)
        .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCEEDED))
        .extracting(Delivery::endpointId)
        .containsExactlyInAnyOrder(
            first.endpoint().id(),
            first.endpoint().id(),
            second.endpoint().id(),
            second.endpoint().id());
  }

  private static List<NewEvent> calls(int count) {
    List<NewEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          NewEvent.of("call.completed", "{\"callId\":\"c-" + i + "\",\"durationSeconds\":1}"));
    }
    return events;
  }

  private static List<String> messageIds(List<WebhookEvent> events) {
    return events.stream().map(WebhookEvent::messageId).toList();
  }

  @Test
  void eventsPublishedTogetherToOneEndpointShareOneJobAndAreSentInTurn() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint();

    List<WebhookEvent> events = f.webhooks.publishAll(f.tenant, calls(5));
    int jobs = f.work.waiting();
    f.deliverDue();

    assertThat(jobs).isEqualTo(1);
    assertThat(f.receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactlyElementsOf(messageIds(events));
    assertThat(deliveries(f))
        .hasSize(5)
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
              assertThat(d.attempts()).isEqualTo(1);
            });
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void aSharedJobTakesAtMost64DeliveriesOfOneEndpoint() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint();
    f.endpoint();

    f.webhooks.publishAll(f.tenant, calls(65));
    int jobs = f.work.waiting();
    f.deliverDue();

    // per endpoint: one job of 64 and one of its own for the 65th
    assertThat(jobs).isEqualTo(4);
    assertThat(f.receiver.requests()).hasSize(130);
  }

  @Test
  void aFailureInASharedJobHandsTheRestToJobsOfTheirOwn() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(5))));
    f.endpoint();
    f.receiver.answer(200).answer(500);

    List<WebhookEvent> events = f.webhooks.publishAll(f.tenant, calls(4));
    f.work.runDue();
    List<WebhookRequest> sharedJob = f.receiver.requests();
    f.deliverDue();
    List<WebhookRequest> handedOff = f.receiver.requests().subList(2, 4);
    f.advanceAndDeliver(1);

    List<String> ids = messageIds(events);
    assertThat(sharedJob)
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(handedOff)
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactlyInAnyOrder(ids.get(2), ids.get(3));
    assertThat(f.receiver.last().headers()).containsEntry("webhook-id", ids.get(1));
    assertThat(f.receiver.requests()).hasSize(5);
    assertThat(deliveries(f))
        .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCEEDED))
        .extracting(Delivery::attempts)
        .containsExactlyInAnyOrder(1, 2, 1, 1);
  }

  @Test
  void deliveriesToAFifoOrRateLimitedEndpointEachGetAJobOfTheirOwn() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint(EndpointSpec.builder("https://hooks.example.com/fifo").fifo(true).build());
    f.endpoint(
        EndpointSpec.builder("https://hooks.example.com/slow").rateLimitPerSecond(100).build());

    f.webhooks.publishAll(f.tenant, calls(3));
    int jobs = f.work.waiting();
    f.deliverDue();

    assertThat(jobs).isEqualTo(6);
    assertThat(f.receiver.requests()).hasSize(6);
  }

  @Test
  void aSharedJobHandsOffTheDeliveriesOfAnEndpointThatTurnedFifoMeanwhile() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint endpoint = f.endpoint();
    f.webhooks.publishAll(f.tenant, calls(3));
    f.webhooks.updateEndpoint(
        f.tenant,
        endpoint.endpoint().id(),
        EndpointSpec.builder("https://hooks.example.com/in").fifo(true).build());

    f.work.runDue();
    int sentBySharedJob = f.receiver.requests().size();
    int handedOff = f.work.waiting();
    f.deliverDue();

    assertThat(sentBySharedJob).isZero();
    assertThat(handedOff).isEqualTo(3);
    assertThat(f.receiver.requests()).hasSize(3);
  }

  @Test
  void aFailedDeliveryIsRetriedOnTheScheduleWithTheSameWebhookId() throws Exception {
    WebhookFixture f =
        new WebhookFixture(
            b -> b.retrySchedule(noJitter(Duration.ofSeconds(5), Duration.ofMinutes(1))));
    f.endpoint();
    f.receiver.answer(500).down();
    Instant published = f.clock.instant();

    WebhookEvent event = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    assertThat(only(f).nextAttemptAt()).isEqualTo(published.plusSeconds(5));
    f.advanceAndDeliver(2);

    assertThat(f.receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactly(event.messageId(), event.messageId(), event.messageId());
    assertThat(f.clock.instant()).isEqualTo(published.plusSeconds(65));
    Delivery delivery = only(f);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    assertThat(delivery.attempts()).isEqualTo(3);
    assertThat(f.webhooks.attempts(f.tenant, delivery.id()))
        .extracting(DeliveryAttempt::error)
        .containsExactly("HTTP 500", "connection refused", null);
  }

  @Test
  void aDeliveryIsGivenUpWhenItsScheduleEnds() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(1))));
    f.endpoint();
    f.receiver.answer(500).answer(502);

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(5);

    assertThat(f.receiver.requests()).hasSize(2);
    assertThat(only(f).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(only(f).lastStatusCode()).isEqualTo(502);
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void retryAfterOfA429IsHonouredWithinBounds() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint();
    f.receiver.answer(429, Duration.ofSeconds(90)).answer(503, Duration.ofDays(3));
    Instant start = f.clock.instant();

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    assertThat(only(f).nextAttemptAt()).isEqualTo(start.plusSeconds(90));
    f.advanceAndDeliver(1);
    assertThat(only(f).nextAttemptAt()).isEqualTo(start.plusSeconds(90).plus(Duration.ofHours(1)));
  }

  @Test
  void a410DisablesTheEndpointAtOnceAndTellsTheListenerAndSubscribers() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint gone = f.endpoint("call.completed");
    CreatedEndpoint watcher = f.endpoint("endpoint.disabled");
    f.receiver.answer(410);

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();

    Endpoint endpoint = f.webhooks.getEndpoint(f.tenant, gone.endpoint().id()).orElseThrow();
    assertThat(endpoint.enabled()).isFalse();
    assertThat(endpoint.disabledReason()).isEqualTo("410 Gone");
    assertThat(f.disabled)
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("410 Gone"));
    assertThat(f.receiver.requests()).hasSize(2);
    assertThat(new String(f.receiver.last().body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"type\":\"endpoint.disabled\"")
        .contains(gone.endpoint().id().toString());
    assertThat(
            f.webhooks
                .listDeliveries(
                    f.tenant, DeliveryQuery.endpoint(watcher.endpoint().id()), PageRequest.first())
                .items())
        .singleElement()
        .extracting(Delivery::status)
        .isEqualTo(DeliveryStatus.SUCCEEDED);
  }

  @Test
  void anEndpointFailingFor24HoursIsDisabledAndReEnablingClearsTheStreak() throws Exception {
    WebhookFixture f =
        new WebhookFixture(
            b ->
                b.retrySchedule(
                    noJitter(Duration.ofHours(12), Duration.ofHours(12), Duration.ofHours(12))));
    CreatedEndpoint created = f.endpoint("call.completed");
    UUID id = created.endpoint().id();
    f.receiver.downFor(10);

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(1);
    assertThat(f.webhooks.getEndpoint(f.tenant, id).orElseThrow().enabled()).isTrue();
    f.advanceAndDeliver(1);

    Endpoint disabled = f.webhooks.getEndpoint(f.tenant, id).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.consecutiveFailures()).isEqualTo(3);
    assertThat(f.disabled).hasSize(1);

    Endpoint enabled = f.webhooks.enableEndpoint(f.tenant, id);
    assertThat(enabled.consecutiveFailures()).isZero();
    assertThat(enabled.failingSince()).isNull();
    assertThat(enabled.disabledReason()).isNull();
  }

  @Test
  void anEndpointIsDisabledAfterTheConfiguredCountOfFailures() throws Exception {
    WebhookFixture f =
        new WebhookFixture(
            b ->
                b.autoDisableAfterFailures(2)
                    .retrySchedule(
                        noJitter(
                            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))));
    UUID id = f.endpoint().endpoint().id();
    f.receiver.downFor(10);

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(5);

    assertThat(f.webhooks.getEndpoint(f.tenant, id).orElseThrow().enabled()).isFalse();
    assertThat(f.receiver.requests()).hasSize(2);
    assertThat(only(f).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(only(f).lastError()).isEqualTo("endpoint disabled");
  }

  @Test
  void aFifoEndpointGetsTheNextDeliveryOnlyAfterThePreviousSucceeded() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(30))));
    f.endpoint(EndpointSpec.builder("https://hooks.example.com/fifo").fifo(true).build());
    f.receiver.answer(500);

    WebhookEvent first = f.webhooks.publish(f.tenant, "call.completed", CALL);
    WebhookEvent second = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    for (int i = 0; i < 40; i++) {
      f.advanceAndDeliver(1);
    }

    assertThat(f.receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactly(first.messageId(), first.messageId(), second.messageId());
  }

  @Test
  void withoutFifoALaterDeliveryDoesNotWaitForAFailingOne() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(30))));
    f.endpoint();
    f.receiver.answer(500);

    WebhookEvent first = f.webhooks.publish(f.tenant, "call.completed", CALL);
    WebhookEvent second = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();

    assertThat(f.receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactly(first.messageId(), second.messageId());
  }

  @Test
  void aRateLimitSpacesDeliveriesToAnEndpoint() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint(
        EndpointSpec.builder("https://hooks.example.com/slow").rateLimitPerSecond(2).build());
    for (int i = 0; i < 5; i++) {
      f.webhooks.publish(f.tenant, "call.completed", CALL);
    }

    f.deliverDue();
    int firstSecond = f.receiver.requests().size();
    f.clock.advance(Duration.ofMillis(1001));
    f.deliverDue();

    assertThat(firstSecond).isEqualTo(2);
    assertThat(f.receiver.requests()).hasSize(4);
  }

  @Test
  void aManualRetrySendsAFailedDeliveryAgainWithTheSameId() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(1))));
    f.endpoint();
    f.receiver.answer(500).answer(500);
    WebhookEvent event = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(1);
    Delivery failed = only(f);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);

    f.webhooks.retryDelivery(f.tenant, failed.id());
    f.deliverDue();

    assertThat(only(f).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    assertThat(f.receiver.last().headers().get("webhook-id")).isEqualTo(event.messageId());
    assertThatThrownBy(() -> f.webhooks.retryDelivery(f.tenant, failed.id()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void recoverResendsAnEndpointsFailedDeliveriesSinceATime() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofSeconds(1))));
    UUID id = f.endpoint().endpoint().id();
    f.receiver.downFor(2);
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(1);
    Instant since = f.clock.advance(Duration.ofMinutes(1));
    f.receiver.downFor(4);
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(3);
    int sent = f.receiver.requests().size();

    assertThat(f.webhooks.recover(f.tenant, id, since)).isEqualTo(2);
    f.deliverDue();

    assertThat(f.receiver.requests()).hasSize(sent + 2);
    assertThat(
            f.webhooks
                .listDeliveries(
                    f.tenant,
                    DeliveryQuery.all().withStatus(DeliveryStatus.FAILED),
                    PageRequest.first())
                .items())
        .hasSize(1);
  }

  @Test
  void duringARotationsGraceBothSecretsSignThenOnlyTheNewOne() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint created = f.endpoint();
    EndpointSecret next =
        f.webhooks.rotateSecret(f.tenant, created.endpoint().id(), Duration.ofHours(1));

    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    WebhookRequest during = f.receiver.last();
    assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
    verify(during, created.secret().value(), f.clock.instant());
    verify(during, next.value(), f.clock.instant());

    f.clock.advance(Duration.ofHours(1));
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    assertSignedByTheNewSecretAlone(f, next.value(), created.secret().value());
  }

  @Test
  void theDeliveryAfterARotationIsSignedWithTheNewSecretAlone() throws Exception {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint created = f.endpoint();
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    verify(f.receiver.last(), created.secret().value(), f.clock.instant());

    EndpointSecret next = f.webhooks.rotateSecret(f.tenant, created.endpoint().id(), Duration.ZERO);
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();

    assertSignedByTheNewSecretAlone(f, next.value(), created.secret().value());
  }

  @Test
  void aTestDeliveryIsSentAtOnceAndItsResultReturned() {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint created = f.endpoint("call.completed");
    f.receiver.answer(503);

    TestDeliveryResult result = f.webhooks.sendTest(f.tenant, created.endpoint().id());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.statusCode()).isEqualTo(503);
    assertThat(new String(f.receiver.last().body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("test.ping");
    verify(f.receiver.last(), created.secret().value(), f.clock.instant());
    assertThat(f.webhooks.sendTest(f.tenant, created.endpoint().id()).succeeded()).isTrue();
  }

  @Test
  void statsGiveSuccessRateAndLatencyPercentilesPerWindow() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retrySchedule(noJitter(Duration.ofHours(2))));
    UUID id = f.endpoint().endpoint().id();
    f.receiver.answer(500);
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.advanceAndDeliver(1);
    for (int i = 0; i < 3; i++) {
      f.webhooks.publish(f.tenant, "call.completed", CALL);
    }
    f.deliverDue();

    EndpointStats stats = f.webhooks.stats(f.tenant, id);

    assertThat(stats.lastHour().attempts()).isEqualTo(4);
    assertThat(stats.lastHour().successRate()).isEqualTo(1.0);
    assertThat(stats.lastDay().attempts()).isEqualTo(5);
    assertThat(stats.lastDay().successRate()).isEqualTo(0.8);
    assertThat(stats.lastDay().p50Millis()).isEqualTo(12);
    assertThat(stats.lastDay().p95Millis()).isEqualTo(30);
  }

  @Test
  void healthShowsPendingDeliveriesAndFailingEndpoints() throws Exception {
    WebhookFixture f = new WebhookFixture();
    f.endpoint();
    f.receiver.down();
    Instant published = f.clock.instant();
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();

    WebhookHealth health = f.webhooks.health();

    assertThat(health.pendingDeliveries()).isEqualTo(1);
    assertThat(health.oldestPendingSince()).isEqualTo(published);
    assertThat(health.failingEndpoints()).isEqualTo(1);
  }

  @Test
  void aDisabledOrDeletedEndpointsPendingDeliveryIsGivenUpWithoutSending() throws Exception {
    WebhookFixture f = new WebhookFixture();
    UUID id = f.endpoint().endpoint().id();
    f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.webhooks.disableEndpoint(f.tenant, id);

    f.deliverDue();

    assertThat(f.receiver.requests()).isEmpty();
    assertThat(only(f).status()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void cleanupDeletesFinishedEventsPastTheRetentionAndIsANightlyChore() throws Exception {
    WebhookFixture f = new WebhookFixture(b -> b.retention(Duration.ofDays(7)));
    f.endpoint();
    WebhookEvent old = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    f.clock.advance(Duration.ofDays(8));
    WebhookEvent fresh = f.webhooks.publish(f.tenant, "call.completed", CALL);

    assertThat(f.webhooks.cleanup()).isEqualTo(1);

    assertThat(f.webhooks.getEvent(f.tenant, old.id())).isEmpty();
    assertThat(f.webhooks.getEvent(f.tenant, fresh.id())).isPresent();
    assertThat(f.context.housekeeping().tasks())
        .extracting(com.techradium.iris.core.HousekeepingTask::name)
        .contains(WebhookDispatcher.RETENTION_SCHEDULE);
  }

  @Test
  void secretsAreStoredSealedAndNeverShownByToString() {
    WebhookFixture f = new WebhookFixture();
    CreatedEndpoint created = f.endpoint();
    byte[] key = java.util.Base64.getDecoder().decode(created.secret().value().substring(6));

    byte[] stored =
        f.store.getEndpoint(f.tenant, created.endpoint().id()).orElseThrow().secrets().current();

    assertThat(java.util.Collections.indexOfSubList(toList(stored), toList(key))).isEqualTo(-1);
    assertThat(created.toString()).doesNotContain(created.secret().value().substring(6));
  }

  private static List<Byte> toList(byte[] bytes) {
    List<Byte> list = new java.util.ArrayList<>();
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }
}
