package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.FieldError;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is a ValidationException naming each field, and nothing is written. */
class ApiKeyBadInputTest {
  static final TenantId ACME = TenantId.of("acme");
  MutableClock clock = MutableClock.startingAtEpochOf2026();
  InMemoryApiKeyStore store;
  ApiKeyManager keys;

  @BeforeEach
  void setUp() {
    store = new InMemoryApiKeyStore();
    keys =
        ApiKeyManager.builder().store(store).clock(clock).pepper(ApiKeyManagerTest.PEPPER).build();
  }

  private List<String> fieldsOf(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void everyBadFieldOfACreateIsNamedAndNothingIsWritten() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("note", "line\nbreak");
    NewApiKey bad =
        new NewApiKey(
            " ",
            "x".repeat(201),
            ApiKeyMode.LIVE,
            Set.of("Calls:Read", "calls:*:read"),
            List.of("10.0.0.0/33", "example.com", "10.0.0.1"),
            ApiKeyTier.STANDARD,
            clock.instant().minusSeconds(1),
            metadata);

    List<String> fields = fieldsOf(() -> keys.create(ACME, bad, "line\nforged"));

    assertThat(fields)
        .contains(
            "name",
            "owner",
            "scopes",
            "allowedIps[0]",
            "allowedIps[1]",
            "expiresAt",
            "metadata.note",
            "actor")
        .doesNotContain("allowedIps[2]");
    assertThat(store.countActive(ACME, clock.instant())).isZero();
  }

  @Test
  void tooManyScopesAndAddressesAreRefused() {
    Set<String> scopes = new java.util.HashSet<>();
    for (int i = 0; i < 101; i++) {
      scopes.add("s" + i);
    }
    List<String> ips = java.util.Collections.nCopies(101, "10.0.0.1");
    assertThat(
            fieldsOf(
                () ->
                    keys.create(
                        ACME, NewApiKey.of("n", "o").withScopes(scopes).withAllowedIps(ips), "a")))
        .contains("scopes", "allowedIps");
  }

  @Test
  void badRotationUpdateAndUsageArgumentsAreNamed() {
    UUID id = keys.create(ACME, NewApiKey.of("n", "o"), "a").key().id();

    assertThat(fieldsOf(() -> keys.rotate(ACME, id, Duration.ofDays(31), "a")))
        .containsExactly("grace");
    assertThat(fieldsOf(() -> keys.rotate(ACME, id, Duration.ofSeconds(-1), "a")))
        .containsExactly("grace");
    assertThat(
            fieldsOf(
                () ->
                    keys.update(
                        ACME,
                        id,
                        ApiKeyUpdate.none()
                            .withName("")
                            .withScopes(Set.of("BAD"))
                            .withAllowedIps(List.of("999.1.1.1")),
                        "a")))
        .containsExactly("name", "scopes", "allowedIps[0]");
    Instant now = clock.instant();
    assertThat(fieldsOf(() -> keys.usage(ACME, id, now, now))).containsExactly("to");
    assertThat(fieldsOf(() -> keys.usage(ACME, id, now, now.plus(Duration.ofDays(400)))))
        .containsExactly("to");
    assertThat(fieldsOf(() -> keys.expiring(ACME, Duration.ZERO))).containsExactly("within");
    assertThat(keys.get(ACME, id).orElseThrow().name()).isEqualTo("n");
  }

  @Test
  void nullsAreProgrammingErrorsNamingTheParameter() {
    assertThatThrownBy(() -> keys.validate(null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> keys.create(ACME, null, "a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
    assertThatThrownBy(() -> keys.revoke(null, UUID.randomUUID(), "a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
    assertThatThrownBy(() -> keys.validate("k", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("requiredScopes");
  }

  @Test
  void unknownTenantsAreRefusedOnReadsAndWrites() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    ApiKeyManager strict =
        ApiKeyManager.builder().store(store).clock(clock).tenants(directory).build();
    TenantId ghost = TenantId.of("ghost");

    assertThat(fieldsOf(() -> strict.create(ghost, NewApiKey.of("n", "o"), "a")))
        .containsExactly("tenantId");
    assertThat(fieldsOf(() -> strict.listActive(ghost, PageRequest.first())))
        .containsExactly("tenantId");
    assertThat(fieldsOf(() -> strict.countActive(ghost))).containsExactly("tenantId");
    assertThat(fieldsOf(() -> strict.get(ghost, UUID.randomUUID()))).containsExactly("tenantId");
  }

  @Test
  void builderRefusesBadSettings() {
    assertThatThrownBy(() -> ApiKeyManager.builder().pepper(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pepper must be at least 32 bytes");
    assertThatThrownBy(() -> ApiKeyManager.builder().store(store).store(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store was already set");
    assertThatThrownBy(() -> ApiKeyManager.builder().cacheTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKeyManager.builder().warningLeads(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKeyManager.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }
}
