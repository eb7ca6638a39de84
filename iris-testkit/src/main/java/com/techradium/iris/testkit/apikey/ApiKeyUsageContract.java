package com.techradium.iris.testkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.HourlyUsage;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage counts per hour and last-used sightings. One group of {@link ApiKeyStoreContract}. */
public abstract class ApiKeyUsageContract extends ApiKeyContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public ApiKeyUsageContract() {}

  @Test
  void incrementsAddUpPerHourAndReadBackInOrder() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));
    Instant h0 = now().truncatedTo(ChronoUnit.HOURS);
    Instant h1 = h0.plus(Duration.ofHours(1));

    store()
        .recordUsage(
            List.of(
                new UsageIncrement(tenant, key.id(), h1, 2),
                new UsageIncrement(tenant, key.id(), h0, 5)),
            List.of());
    store().recordUsage(List.of(new UsageIncrement(tenant, key.id(), h0, 1)), List.of());

    assertThat(store().usage(tenant, key.id(), h0, h1.plus(Duration.ofHours(1))))
        .containsExactly(new HourlyUsage(h0, 6), new HourlyUsage(h1, 2));
    assertThat(store().usage(tenant, key.id(), h1, h1.plus(Duration.ofHours(1))))
        .containsExactly(new HourlyUsage(h1, 2));
  }

  @Test
  void sightingsOnlyMoveLastUsedForward() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));
    Instant t1 = now().plus(Duration.ofMinutes(5));
    Instant t0 = now().plus(Duration.ofMinutes(1));

    store().recordUsage(List.of(), List.of(new KeySighting(tenant, key.id(), t1, t0)));
    store().recordUsage(List.of(), List.of(new KeySighting(tenant, key.id(), t0, null)));

    ApiKeyRecord read = store().get(tenant, key.id()).orElseThrow();
    assertThat(read.lastUsedAt()).isEqualTo(t1);
    assertThat(read.previousLastSeenAt()).isEqualTo(t0);
  }

  @Test
  void usageOfMissingKeysIsDropped() {
    TenantId tenant = newTenant();
    ApiKeyRecord ghost = key(tenant);
    Instant hour = now().truncatedTo(ChronoUnit.HOURS);

    store()
        .recordUsage(
            List.of(new UsageIncrement(tenant, ghost.id(), hour, 1)),
            List.of(new KeySighting(tenant, ghost.id(), now(), null)));

    assertThat(store().usage(tenant, ghost.id(), hour, hour.plusSeconds(3600))).isEmpty();
    assertThat(store().get(tenant, ghost.id())).isEmpty();
  }
}
