package com.techradium.iris.webhook;

import static com.techradium.iris.webhook.WebhookFixture.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.FieldError;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookValidationTest {
  private final WebhookFixture f = new WebhookFixture();

  private static List<String> fields(ValidationException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }

  private void nothingStored() {
    assertThat(f.webhooks.listEndpoints(f.tenant)).isEmpty();
    assertThat(
            f.webhooks.listDeliveries(f.tenant, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void everyBadFieldOfAnEndpointIsNamedAndNothingIsStored() {
    EndpointSpec spec =
        new EndpointSpec(
            "ftp://hooks.example.com/in",
            "x".repeat(501),
            java.util.Set.of("no.such.type"),
            Map.of("webhook-signature", "forged", "bad header", "v"),
            0,
            List.of("10.0.0.0/33", "example.com"),
            false,
            List.of(Duration.ofMillis(10), Duration.ofDays(2)),
            "whsec_%%%");

    ValidationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ValidationException.class, () -> f.webhooks.createEndpoint(f.tenant, spec));

    assertThat(fields(e))
        .contains(
            "url",
            "description",
            "eventTypes",
            "headers",
            "rateLimitPerSecond",
            "allowedCidrs",
            "retrySchedule",
            "secret");
    assertThat(e.getMessage()).doesNotContain("%%%");
    nothingStored();
  }

  @Test
  void plainHttpIsRefusedUnlessAllowed() {
    EndpointSpec http = EndpointSpec.builder("http://hooks.example.com/in").build();
    assertThatThrownBy(() -> f.webhooks.createEndpoint(f.tenant, http))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must use https");

    WebhookFixture allowing = new WebhookFixture(b -> b.allowHttp(true));
    assertThat(allowing.webhooks.createEndpoint(allowing.tenant, http).endpoint().url())
        .isEqualTo("http://hooks.example.com/in");
  }

  @Test
  void urlsWithoutHostOrWithCredentialsAreRefused() {
    for (String url : List.of("https:///x", "https://user:pw@hooks.example.com/", "not a url")) {
      assertThatThrownBy(
              () -> f.webhooks.createEndpoint(f.tenant, EndpointSpec.builder(url).build()))
          .as(url)
          .isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(fields((ValidationException) e)).containsOnly("url"));
    }
    nothingStored();
  }

  @Test
  void anUpdateCannotSetTheSecret() {
    UUID id = f.endpoint().endpoint().id();
    EndpointSpec spec =
        EndpointSpec.builder("https://hooks.example.com/in")
            .secret(WebhookSigner.newSecret())
            .build();

    assertThatThrownBy(() -> f.webhooks.updateEndpoint(f.tenant, id, spec))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("rotate the secret");
  }

  @Test
  void anUnknownEventTypeIsRefusedAndNothingIsStored() {
    f.endpoint();
    assertThatThrownBy(() -> f.webhooks.publish(f.tenant, "call.exploded", "{}"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(fields((ValidationException) e)).containsExactly("type"));
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void aPayloadFailingItsSchemaIsRefusedWithTheSchemasComplaint() {
    f.endpoint();
    assertThatThrownBy(() -> f.webhooks.publish(f.tenant, "call.completed", "{\"callId\":\"c-1\"}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("durationSeconds");
    assertThatThrownBy(
            () ->
                f.webhooks.publish(
                    f.tenant, "call.completed", "{\"callId\":\"c\",\"durationSeconds\":-1}"))
        .isInstanceOf(ValidationException.class);
    assertThat(
            f.webhooks.listDeliveries(f.tenant, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void publishAllNamesEveryBadEventAndStoresNoneOfTheBatch() {
    f.endpoint();
    List<NewEvent> events =
        List.of(
            NewEvent.of("call.completed", CALL),
            NewEvent.of("call.exploded", "{}"),
            NewEvent.of("call.completed", "{oops"),
            NewEvent.of("call.completed", null));

    assertThatThrownBy(() -> f.webhooks.publishAll(f.tenant, events))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(fields((ValidationException) e))
                    .containsExactly("events[1].type", "events[2].payload", "events[3].payload"));
    assertThat(
            f.webhooks.listDeliveries(f.tenant, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void publishAllRefusesMoreThanItsLimit() {
    List<NewEvent> events =
        java.util.Collections.nCopies(
            WebhookDispatcher.MAX_PUBLISH_ALL + 1, NewEvent.of("call.completed", CALL));

    assertThatThrownBy(() -> f.webhooks.publishAll(f.tenant, events))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(fields((ValidationException) e)).containsExactly("events"));
    assertThat(f.webhooks.publishAll(f.tenant, List.of())).isEmpty();
    assertThat(f.work.waiting()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{oops", "", "  ", "{\"callId\":\"c-1\"} trailing", "{} {}"})
  void aPayloadThatIsNotOneJsonDocumentIsRefused(String payload) {
    assertThatThrownBy(() -> f.webhooks.publish(f.tenant, "call.completed", payload))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be a JSON document");
    assertThat(f.work.waiting()).isZero();
  }

  @Test
  void anOversizedPayloadIsRefusedAtTheLimit() {
    WebhookFixture small = new WebhookFixture(b -> b.maxPayloadBytes(100));
    small.endpoint();
    String ok = "{\"message\":\"" + "x".repeat(100 - 14) + "\"}";
    String over = "{\"message\":\"" + "x".repeat(100 - 13) + "\"}";

    small.webhooks.publish(small.tenant, "test.ping", ok);
    assertThatThrownBy(() -> small.webhooks.publish(small.tenant, "test.ping", over))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 100 bytes");
    assertThat(small.work.waiting()).isEqualTo(1);
  }

  @Test
  void theDefaultLimitIs256KiB() {
    f.endpoint();
    String big = "{\"message\":\"" + "x".repeat(256 * 1024) + "\"}";
    assertThatThrownBy(() -> f.webhooks.publish(f.tenant, "test.ping", big))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theHostCanAddAnEventTypeWithItsSchema() {
    WebhookFixture custom =
        new WebhookFixture(
            b ->
                b.eventType(
                    new EventType(
                        "order.paid",
                        "An order was paid.",
                        "{\"type\":\"object\",\"required\":[\"orderId\"]}")));
    custom.endpoint("order.paid");

    custom.webhooks.publish(custom.tenant, "order.paid", "{\"orderId\":\"o-1\"}");
    assertThatThrownBy(() -> custom.webhooks.publish(custom.tenant, "order.paid", "{}"))
        .isInstanceOf(ValidationException.class);
    assertThat(custom.webhooks.eventTypes()).hasSize(18);
    assertThat(f.webhooks.eventTypes()).hasSize(17);
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> f.webhooks.publish(null, "call.completed", CALL))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
    assertThatThrownBy(() -> f.webhooks.getEndpoint(f.tenant, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("endpointId");
  }

  @Test
  void missingEndpointsAndDeliveriesAreNotFound() {
    assertThatThrownBy(() -> f.webhooks.sendTest(f.tenant, UUID.randomUUID()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.retryDelivery(f.tenant, UUID.randomUUID()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> f.webhooks.rotateSecret(f.tenant, UUID.randomUUID(), Duration.ofHours(1)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theBuilderFollowsTheConventions() {
    WebhookDispatcherBuilder b = WebhookDispatcher.builder();
    assertThatThrownBy(b::build).hasMessageContaining("needs a store");
    b.store(f.store);
    assertThatThrownBy(() -> b.store(f.store)).hasMessage("store was already set");
    assertThatThrownBy(b::build).hasMessageContaining("needs a transport");
    b.transport(f.receiver);
    assertThatThrownBy(b::build).hasMessageContaining("needs a key");
    assertThatThrownBy(() -> b.maxPayloadBytes(0))
        .hasMessage("maxPayloadBytes must be between 1 and 10485760, got 0");
    assertThatThrownBy(() -> b.secretKey(new javax.crypto.spec.SecretKeySpec(new byte[16], "AES")))
        .hasMessage("secretKey must be a 256-bit AES key");
    assertThatThrownBy(
            () -> b.eventType(new EventType("call.completed", "again", "{\"type\":\"object\"}")))
        .hasMessage("event type call.completed was already set");
    assertThatThrownBy(() -> b.eventType(new EventType("Bad Name", "x", "{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
