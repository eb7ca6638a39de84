package com.techradium.iris.testkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.ApiKeyTier;
import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Storing, finding and changing keys: every field comes back as saved, lookups by either secret
 * hash, and changes under a lock. One group of {@link ApiKeyStoreContract}.
 */
public abstract class ApiKeyRecordContract extends ApiKeyContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public ApiKeyRecordContract() {}

  @Test
  void aStoredKeyComesBackWithEveryField() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant, now().plus(Duration.ofDays(3))));

    assertThat(store().get(tenant, key.id())).contains(key);
    assertThat(store().findByHash(key.secretHash())).contains(key);
  }

  @Test
  void anUnknownHashOrIdFindsNothing() {
    TenantId tenant = newTenant();
    assertThat(store().findByHash(randomHash())).isEmpty();
    assertThat(store().get(tenant, key(tenant).id())).isEmpty();
  }

  @Test
  void aSecondKeyWithTheSameHashIsAConflict() {
    TenantId tenant = newTenant();
    ApiKeyRecord first = inserted(key(tenant));
    ApiKeyRecord twin =
        key(tenant).withRotatedSecret(first.secretHash(), "iris_live_…wxyz", null, now());

    assertThatThrownBy(() -> store().insert(twin)).isInstanceOf(ConflictException.class);
    assertThat(store().get(tenant, twin.id())).isEmpty();
  }

  @Test
  void anUpdateSavesEveryChangedField() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));

    ApiKeyRecord changed =
        store()
            .update(
                tenant,
                key.id(),
                k -> k.withAttributes("renamed", List.of("*"), List.of(), ApiKeyTier.UNLIMITED))
            .orElseThrow();

    assertThat(changed.name()).isEqualTo("renamed");
    assertThat(store().get(tenant, key.id())).contains(changed);
  }

  @Test
  void aRotatedKeyIsFoundByBothSecretsUntilTheOldOneIsDropped() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));
    String newHash = randomHash();
    Instant graceEnd = now().plus(Duration.ofHours(1));

    ApiKeyRecord rotated =
        store()
            .update(
                tenant,
                key.id(),
                k -> k.withRotatedSecret(newHash, "iris_live_…new1", graceEnd, now()))
            .orElseThrow();

    assertThat(rotated.previousHash()).isEqualTo(key.secretHash());
    assertThat(store().findByHash(newHash)).contains(rotated);
    assertThat(store().findByHash(key.secretHash())).contains(rotated);

    String newest = randomHash();
    store()
        .update(tenant, key.id(), k -> k.withRotatedSecret(newest, "iris_live_…new2", null, now()));
    assertThat(store().findByHash(key.secretHash())).isEmpty();
    assertThat(store().findByHash(newHash)).isEmpty();
    assertThat(store().findByHash(newest)).isPresent();
  }

  @Test
  void anUnchangedResultWritesNothingAndAThrowingChangeKeepsTheKey() {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));

    assertThat(store().update(tenant, key.id(), k -> k)).contains(key);
    assertThatThrownBy(
            () ->
                store()
                    .update(
                        tenant,
                        key.id(),
                        k -> {
                          throw new ConflictException("no");
                        }))
        .isInstanceOf(ConflictException.class);
    assertThat(store().get(tenant, key.id())).contains(key);
  }

  @Test
  void updatingAMissingKeyFindsNothing() {
    TenantId tenant = newTenant();
    assertThat(store().update(tenant, key(tenant).id(), k -> k.withRevoked(now()))).isEmpty();
  }

  @Test
  void concurrentChangesToOneKeyNeverLoseEachOther() throws Exception {
    TenantId tenant = newTenant();
    ApiKeyRecord key = inserted(key(tenant));
    int threads = 8;
    int perThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    store()
                        .update(
                            tenant,
                            key.id(),
                            k ->
                                k.withAttributes(
                                    Integer.toString(Integer.parseInt(number(k.name())) + 1),
                                    k.scopes(),
                                    k.allowedCidrs(),
                                    k.tier()));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().get(tenant, key.id()).orElseThrow().name())
        .isEqualTo(Integer.toString(threads * perThread));
  }

  private static String number(String name) {
    return name.equals("key") ? "0" : name;
  }
}
