package com.techradium.iris.webhook;

import static com.techradium.iris.webhook.WebhookFixture.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookTenancyTest {
  private final WebhookFixture f = new WebhookFixture();
  private final TenantId other = TenantId.of("globex");

  @Test
  void nothingOfOneTenantIsReadableChangeableOrCountableThroughAnother() throws Exception {
    UUID endpoint = f.endpoint().endpoint().id();
    f.receiver.answer(500);
    WebhookEvent event = f.webhooks.publish(f.tenant, "call.completed", CALL);
    f.deliverDue();
    Delivery delivery =
        f.webhooks
            .listDeliveries(f.tenant, DeliveryQuery.all(), PageRequest.first())
            .items()
            .get(0);

    assertThat(f.webhooks.getEndpoint(other, endpoint)).isEmpty();
    assertThat(f.webhooks.listEndpoints(other)).isEmpty();
    assertThat(f.webhooks.getEvent(other, event.id())).isEmpty();
    assertThat(f.webhooks.getDelivery(other, delivery.id())).isEmpty();
    assertThat(f.webhooks.listDeliveries(other, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(f.webhooks.attempts(other, delivery.id())).isEmpty();
    assertThatThrownBy(() -> f.webhooks.stats(other, endpoint))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.sendTest(other, endpoint))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.recover(other, endpoint, Instant.EPOCH))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.retryDelivery(other, delivery.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                f.webhooks.updateEndpoint(
                    other, endpoint, EndpointSpec.builder("https://evil.example.com").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.disableEndpoint(other, endpoint))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.webhooks.rotateSecret(other, endpoint, Duration.ZERO))
        .isInstanceOf(NotFoundException.class);
    assertThat(f.webhooks.deleteEndpoint(other, endpoint)).isFalse();

    int sent = f.receiver.requests().size();
    f.webhooks.publish(other, "call.completed", CALL);
    f.deliverDue();
    assertThat(f.receiver.requests()).hasSize(sent);
    assertThat(f.webhooks.getEndpoint(f.tenant, endpoint).orElseThrow().enabled()).isTrue();
  }

  @Test
  void anUnknownTenantIsRefusedOnReadsAndWrites() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.register(TenantId.of("acme"), "Acme", Instant.EPOCH);
    IrisContext context =
        IrisContext.builder()
            .clock(MutableClock.startingAtEpochOf2026())
            .tenants(directory)
            .build();
    context.deferredWork().runWith(new ManualWork(context.clock()));
    WebhookDispatcher webhooks =
        WebhookDispatcher.builder()
            .context(context)
            .store(new InMemoryWebhookStore())
            .transport(new Receiver())
            .secretKey(WebhookFixture.KEY)
            .build();

    assertThatThrownBy(() -> webhooks.listEndpoints(other))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tenantId");
    assertThatThrownBy(() -> webhooks.publish(other, "call.completed", CALL))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> webhooks.createEndpoint(other, EndpointSpec.builder("https://a.example").build()))
        .isInstanceOf(ValidationException.class);
    assertThat(webhooks.listEndpoints(TenantId.of("acme"))).isEmpty();
  }
}
