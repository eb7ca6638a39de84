package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcceptingAllTenantsTest {
  private final TenantDirectory directory = TenantDirectory.acceptingAll();
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void everyValidTenantExists() {
    assertThat(directory.exists(TenantId.of("never-registered"))).isTrue();
  }

  @Test
  void keepsNoRegistrations() {
    TenantId tenant = TenantId.of("acme");

    TenantInfo registered = directory.register(tenant, "Acme", now);

    assertThat(registered).isEqualTo(new TenantInfo(tenant, "Acme", now));
    assertThat(directory.find(tenant)).isEmpty();
    assertThat(directory.list(PageRequest.first()).items()).isEmpty();
  }

  @Test
  void stillValidatesRegistrations() {
    assertThatThrownBy(() -> directory.register(TenantId.of("acme"), "", now))
        .isInstanceOf(ValidationException.class);
  }
}
