package com.techradium.iris.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Endpoints: saved and read back whole, updated, keys replaced, disabled once, deleted. */
public abstract class WebhookEndpointContract extends WebhookContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public WebhookEndpointContract() {}

  @Test
  void anEndpointIsReadBackWithEveryFieldAndItsKeys() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant, Set.of("call.completed", "sms.sent"));

    StoredEndpoint stored = store().getEndpoint(tenant, endpoint.id()).orElseThrow();

    assertThat(stored.endpoint()).isEqualTo(endpoint);
    assertThat(stored.secrets().current()).isEqualTo(sealed(1));
    assertThat(stored.secrets().previous()).isNull();
  }

  @Test
  void endpointsAreListedOldestFirst() {
    TenantId tenant = newTenant();
    Endpoint first = endpoint(tenant);
    clock.advance(Duration.ofMillis(5));
    Endpoint second = endpoint(tenant);

    assertThat(store().listEndpoints(tenant)).containsExactly(first, second);
  }

  @Test
  void updateReplacesTheFieldsButKeepsTheKeys() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Instant later = clock.advance(Duration.ofMinutes(1));
    Endpoint changed =
        new Endpoint(
            endpoint.id(),
            tenant,
            "https://other.example.com/in",
            null,
            Set.of("sms.sent"),
            false,
            Map.of(),
            null,
            List.of(),
            true,
            List.of(),
            3,
            later,
            "disabled by a caller",
            endpoint.createdAt(),
            later);

    assertThat(store().updateEndpoint(changed)).isTrue();

    StoredEndpoint stored = store().getEndpoint(tenant, endpoint.id()).orElseThrow();
    assertThat(stored.endpoint()).isEqualTo(changed);
    assertThat(stored.secrets().current()).isEqualTo(sealed(1));
  }

  @Test
  void updatingAMissingEndpointReportsFalse() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    store().deleteEndpoint(tenant, endpoint.id());

    assertThat(store().updateEndpoint(endpoint)).isFalse();
  }

  @Test
  void secretsAreReplacedWithTheirGracePeriod() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    Instant until = clock.instant().plus(Duration.ofHours(24));

    assertThat(
            store()
                .updateSecrets(
                    tenant,
                    endpoint.id(),
                    new SecretRing(sealed(2), sealed(1), until),
                    clock.instant()))
        .isTrue();

    SecretRing ring = store().getEndpoint(tenant, endpoint.id()).orElseThrow().secrets();
    assertThat(ring.current()).isEqualTo(sealed(2));
    assertThat(ring.previous()).isEqualTo(sealed(1));
    assertThat(ring.previousUntil()).isEqualTo(until);
  }

  @Test
  void disablingHappensOnceAndKeepsTheReason() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);

    assertThat(store().disableEndpoint(tenant, endpoint.id(), "410 Gone", clock.instant()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.enabled()).isFalse();
              assertThat(e.disabledReason()).isEqualTo("410 Gone");
            });
    assertThat(store().disableEndpoint(tenant, endpoint.id(), "again", clock.instant())).isEmpty();
    assertThat(store().getEndpoint(tenant, endpoint.id()).orElseThrow().endpoint().disabledReason())
        .isEqualTo("410 Gone");
  }

  @Test
  void deletingAnEndpointDeletesItsDeliveries() {
    TenantId tenant = newTenant();
    Endpoint endpoint = endpoint(tenant);
    var delivery = publish(tenant, "call.completed", endpoint).get(0);

    assertThat(store().deleteEndpoint(tenant, endpoint.id())).isTrue();
    assertThat(store().deleteEndpoint(tenant, endpoint.id())).isFalse();

    assertThat(store().getEndpoint(tenant, endpoint.id())).isEmpty();
    assertThat(store().getDelivery(tenant, delivery.id())).isEmpty();
    assertThat(store().listEndpoints(tenant)).isEmpty();
  }
}
