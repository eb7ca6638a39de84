package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Nothing of tenant A is readable, changeable or countable through tenant B. */
class ApiKeyTenantIsolationTest {
  final MutableClock clock = MutableClock.startingAtEpochOf2026();
  final ApiKeyManager keys =
      ApiKeyManager.builder()
          .store(new InMemoryApiKeyStore())
          .clock(clock)
          .pepper(ApiKeyManagerTest.PEPPER)
          .build();
  final TenantId a = TenantId.of("tenant-a");
  final TenantId b = TenantId.of("tenant-b");

  @Test
  void tenantBCannotSeeChangeOrCountTenantAsKeys() {
    IssuedApiKey issued =
        keys.create(
            a,
            NewApiKey.of("a-key", "alice")
                .withScopes(Set.of("calls:*"))
                .withExpiry(clock.instant().plus(Duration.ofDays(3))),
            "alice");
    UUID id = issued.key().id();
    String secret = issued.secret().reveal();
    keys.validate(secret, null);
    keys.flushUsage();

    assertThat(keys.get(b, id)).isEmpty();
    assertThat(keys.listActive(b, PageRequest.first()).items()).isEmpty();
    assertThat(keys.countActive(b)).isZero();
    assertThat(keys.expiring(b, Duration.ofDays(30))).isEmpty();
    assertThatThrownBy(
            () ->
                keys.usage(
                    b, id, clock.instant().minusSeconds(3600), clock.instant().plusSeconds(3600)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.revoke(b, id, "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.rotate(b, id, Duration.ZERO, "mallory"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> keys.update(b, id, ApiKeyUpdate.none().withScopes(Set.of("*")), "mallory"))
        .isInstanceOf(NotFoundException.class);

    KeyValidation v = keys.validate(secret, null, Set.of("calls:read"));
    assertThat(v.valid()).isTrue();
    assertThat(v.tenant()).isEqualTo(a);
    assertThat(v.scopes()).containsExactly("calls:*");
    assertThat(keys.countActive(a)).isEqualTo(1);
    assertThat(
            keys.usage(a, id, clock.instant().minusSeconds(3600), clock.instant().plusSeconds(3600))
                .total())
        .isEqualTo(1);
  }
}
