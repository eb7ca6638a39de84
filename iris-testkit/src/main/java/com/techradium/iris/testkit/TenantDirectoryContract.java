package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TenantInfo;
import com.techradium.iris.core.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TenantDirectory} that stores registrations must show.
 *
 * <p>An adapter's test extends this class and implements {@link #newStore(Clock)}, returning its
 * directory (the "store" under test); every test then runs against it through {@link #store()}. The
 * tests use tenants no other test uses, so one database can serve them all and {@code newStore} may
 * return one shared directory. See {@link ContractSupport} for the convention every contract suite
 * follows.
 */
public abstract class TenantDirectoryContract extends ContractSupport<TenantDirectory> {

  /** Constructor for an adapter's test, which extends this suite. */
  public TenantDirectoryContract() {}

  @Test
  void registeredTenantExistsAndIsFoundWithItsRegistration() {
    TenantId tenant = newTenant();
    Instant now = clock.instant();

    TenantInfo registered = store().register(tenant, "Acme Corp", now);

    assertThat(registered).isEqualTo(new TenantInfo(tenant, "Acme Corp", now));
    assertThat(store().exists(tenant)).isTrue();
    assertThat(store().find(tenant)).contains(registered);
  }

  @Test
  void unknownTenantDoesNotExist() {
    TenantId tenant = newTenant();

    assertThat(store().exists(tenant)).isFalse();
    assertThat(store().find(tenant)).isEmpty();
  }

  @Test
  void registeringAgainWithTheSameNameKeepsTheFirstRegistration() {
    TenantId tenant = newTenant();
    TenantInfo first = store().register(tenant, "Acme Corp", clock.instant());
    clock.advance(Duration.ofHours(1));

    TenantInfo again = store().register(tenant, "Acme Corp", clock.instant());

    assertThat(again).isEqualTo(first);
    assertThat(store().find(tenant)).contains(first);
  }

  @Test
  void registeringAgainWithAnotherNameIsAConflict() {
    TenantId tenant = newTenant();
    TenantInfo first = store().register(tenant, "Acme Corp", clock.instant());

    assertThatThrownBy(() -> store().register(tenant, "Other Corp", clock.instant()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(tenant.value());
    assertThat(store().find(tenant)).contains(first);
  }

  @Test
  void invalidDisplayNameIsRejectedAndNothingIsStored() {
    TenantId tenant = newTenant();

    assertThatThrownBy(() -> store().register(tenant, " ", clock.instant()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("displayName")).isTrue());
    assertThat(store().exists(tenant)).isFalse();
  }

  @Test
  void timestampsKeepMicrosecondPrecision() {
    TenantId tenant = newTenant();
    Instant now = Instant.parse("2026-03-04T05:06:07.123456Z");

    store().register(tenant, "Acme Corp", now);

    assertThat(store().find(tenant).orElseThrow().registeredAt()).isEqualTo(now);
  }

  @Test
  void listPagesThroughTenantsInIdOrderWithoutGapsOrDuplicates() {
    List<TenantId> mine = List.of(newTenant(), newTenant(), newTenant());
    for (TenantId tenant : mine) {
      store().register(tenant, "Tenant " + tenant, clock.instant());
    }

    List<TenantId> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    while (true) {
      Page<TenantInfo> page = store().list(request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(info -> listed.add(info.id()));
      if (!page.hasNext()) {
        break;
      }
      request = request.after(page.nextCursor());
    }

    assertThat(listed).doesNotHaveDuplicates().isSorted().containsAll(mine);
  }

  @Test
  void foreignCursorIsRejected() {
    assertThatThrownBy(() -> store().list(PageRequest.first().after("not a cursor!")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("cursor")).isTrue());
  }

  @Test
  void concurrentRegistrationsOfOneTenantAllReturnTheSameRegistration() throws Exception {
    TenantId tenant = newTenant();
    Instant now = clock.instant();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<TenantInfo>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> store().register(tenant, "Acme Corp", now));
      }
      List<TenantInfo> results = new ArrayList<>();
      for (Future<TenantInfo> result : pool.invokeAll(calls)) {
        results.add(result.get());
      }
      assertThat(results).containsOnly(new TenantInfo(tenant, "Acme Corp", now));
    } finally {
      pool.shutdownNow();
    }
  }
}
