package com.techradium.iris.testkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listing active keys, expiry scans, marking expired keys once and deleting ended ones. One group
 * of {@link ApiKeyStoreContract}. The deployment-wide scans are checked on the test's own keys
 * only, since other tests' keys share the store.
 */
public abstract class ApiKeyLifecycleContract extends ApiKeyContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public ApiKeyLifecycleContract() {}

  @Test
  void listActivePagesThroughLiveKeysInCreationOrder() {
    TenantId tenant = newTenant();
    List<ApiKeyRecord> live = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      live.add(inserted(key(tenant)));
    }
    ApiKeyRecord revoked = inserted(key(tenant));
    store().update(tenant, revoked.id(), k -> k.withRevoked(now()));
    inserted(key(tenant, now().plusSeconds(1)));
    clock.advance(Duration.ofSeconds(2));

    Page<ApiKeyRecord> first = store().listActive(tenant, now(), PageRequest.first(3));
    Page<ApiKeyRecord> second =
        store().listActive(tenant, now(), PageRequest.first(3).after(first.nextCursor()));

    assertThat(first.items())
        .extracting(ApiKeyRecord::id)
        .containsExactly(live.get(0).id(), live.get(1).id(), live.get(2).id());
    assertThat(second.items())
        .extracting(ApiKeyRecord::id)
        .containsExactly(live.get(3).id(), live.get(4).id());
    assertThat(second.hasNext()).isFalse();
    assertThat(store().countActive(tenant, now())).isEqualTo(5);
  }

  @Test
  void expiringFindsUnrevokedKeysInTheWindowSoonestFirst() {
    TenantId tenant = newTenant();
    Instant now = now();
    ApiKeyRecord later = inserted(key(tenant, now.plus(Duration.ofDays(5))));
    ApiKeyRecord sooner = inserted(key(tenant, now.plus(Duration.ofDays(1))));
    inserted(key(tenant, now.plus(Duration.ofDays(40))));
    inserted(key(tenant));
    ApiKeyRecord revoked = inserted(key(tenant, now.plus(Duration.ofDays(2))));
    store().update(tenant, revoked.id(), k -> k.withRevoked(now));

    assertThat(store().expiring(tenant, now, now.plus(Duration.ofDays(30)), 10))
        .extracting(ApiKeyRecord::id)
        .containsExactly(sooner.id(), later.id());
    assertThat(store().expiringBefore(now, now.plus(Duration.ofDays(30)), 100_000))
        .extracting(ApiKeyRecord::id)
        .contains(sooner.id(), later.id())
        .doesNotContain(revoked.id());
  }

  @Test
  void expireDueMarksEachExpiredKeyOnce() {
    TenantId tenant = newTenant();
    ApiKeyRecord due = inserted(key(tenant, now().plusSeconds(10)));
    ApiKeyRecord notYet = inserted(key(tenant, now().plus(Duration.ofDays(1))));
    clock.advance(Duration.ofSeconds(11));

    List<ApiKeyRecord> first = drainExpireDue();
    List<ApiKeyRecord> second = drainExpireDue();

    assertThat(first).extracting(ApiKeyRecord::id).contains(due.id()).doesNotContain(notYet.id());
    assertThat(second).extracting(ApiKeyRecord::id).doesNotContain(due.id());
    assertThat(store().get(tenant, due.id()).orElseThrow().expiredAt()).isEqualTo(now());
  }

  private List<ApiKeyRecord> drainExpireDue() {
    List<ApiKeyRecord> all = new ArrayList<>();
    while (true) {
      List<ApiKeyRecord> batch = store().expireDue(now(), 1000);
      all.addAll(batch);
      if (batch.size() < 1000) {
        return all;
      }
    }
  }

  @Test
  void deleteEndedRemovesKeysEndedBeforeTheCutoffWithTheirUsage() {
    TenantId tenant = newTenant();
    ApiKeyRecord revokedLongAgo = inserted(key(tenant));
    store().update(tenant, revokedLongAgo.id(), k -> k.withRevoked(now()));
    ApiKeyRecord expiredLongAgo = inserted(key(tenant, now().plusSeconds(1)));
    ApiKeyRecord live = inserted(key(tenant));
    Instant hour = now().truncatedTo(ChronoUnit.HOURS);
    store()
        .recordUsage(List.of(new UsageIncrement(tenant, revokedLongAgo.id(), hour, 3)), List.of());
    clock.advance(Duration.ofDays(100));
    ApiKeyRecord revokedRecently = inserted(key(tenant));
    store().update(tenant, revokedRecently.id(), k -> k.withRevoked(now()));

    int deleted = 0;
    int batch;
    do {
      batch = store().deleteEnded(now().minus(Duration.ofDays(90)), 1000);
      deleted += batch;
    } while (batch == 1000);

    assertThat(deleted).isGreaterThanOrEqualTo(2);
    assertThat(store().get(tenant, revokedLongAgo.id())).isEmpty();
    assertThat(store().get(tenant, expiredLongAgo.id())).isEmpty();
    assertThat(store().findByHash(revokedLongAgo.secretHash())).isEmpty();
    assertThat(store().get(tenant, live.id())).isPresent();
    assertThat(store().get(tenant, revokedRecently.id())).isPresent();
    assertThat(store().usage(tenant, revokedLongAgo.id(), hour, hour.plusSeconds(3600))).isEmpty();
  }
}
