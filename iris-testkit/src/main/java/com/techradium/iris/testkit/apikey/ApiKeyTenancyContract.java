package com.techradium.iris.testkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation: nothing of tenant A is readable, changeable or countable through tenant B. One
 * group of {@link ApiKeyStoreContract}.
 */
public abstract class ApiKeyTenancyContract extends ApiKeyContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public ApiKeyTenancyContract() {}

  @Test
  void anotherTenantCannotReadChangeCountOrRecordUsageOfAKey() {
    TenantId owner = newTenant();
    TenantId other = newTenant();
    ApiKeyRecord key = inserted(key(owner, now().plus(Duration.ofDays(2))));
    Instant hour = now().truncatedTo(ChronoUnit.HOURS);
    store().recordUsage(List.of(new UsageIncrement(owner, key.id(), hour, 4)), List.of());

    assertThat(store().get(other, key.id())).isEmpty();
    assertThat(store().update(other, key.id(), k -> k.withRevoked(now()))).isEmpty();
    assertThat(store().listActive(other, now(), PageRequest.first()).items()).isEmpty();
    assertThat(store().countActive(other, now())).isZero();
    assertThat(store().expiring(other, now(), now().plus(Duration.ofDays(30)), 10)).isEmpty();
    assertThat(store().usage(other, key.id(), hour, hour.plusSeconds(3600))).isEmpty();

    store()
        .recordUsage(
            List.of(new UsageIncrement(other, key.id(), hour, 100)),
            List.of(new KeySighting(other, key.id(), now().plusSeconds(60), null)));

    ApiKeyRecord read = store().get(owner, key.id()).orElseThrow();
    assertThat(read.revokedAt()).isNull();
    assertThat(read.lastUsedAt()).isNull();
    assertThat(store().usage(owner, key.id(), hour, hour.plusSeconds(3600)))
        .singleElement()
        .satisfies(u -> assertThat(u.count()).isEqualTo(4));
    assertThat(store().countActive(owner, now())).isEqualTo(1);
  }
}
