package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A change feed that fails: nodes cannot tell what changed, so they stop trusting their cache. */
class ApiKeyFaultTest {
  /** A feed whose reads fail while {@code down} is set. */
  static final class FlakyFeed implements ApiKeyChangeFeed {
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public void publish(List<String> secretHashes) {}

    @Override
    public String latestCursor() {
      if (down.get()) {
        throw new StorageException("feed down", new java.io.IOException("connection refused"));
      }
      return "0-0";
    }

    @Override
    public Changes readAfter(String cursor) {
      if (down.get()) {
        throw new StorageException("feed down", new java.io.IOException("connection refused"));
      }
      return new Changes(List.of(), cursor, true);
    }
  }

  @Test
  void whileTheFeedIsDownTheCacheIsDroppedAndEveryValidationAsksTheStore() throws Exception {
    FlakyFeed feed = new FlakyFeed();
    CountingApiKeyStore store = new CountingApiKeyStore(new InMemoryApiKeyStore());
    try (IrisRuntime runtime = IrisRuntime.builder().name("fault").build().start()) {
      ApiKeyManager keys =
          ApiKeyManager.builder()
              .runtime(runtime)
              .store(store)
              .changeFeed(feed)
              .cacheTtl(Duration.ofHours(1))
              .pollInterval(Duration.ofMillis(20))
              .build();
      String secret =
          keys.create(TenantId.of("fault"), NewApiKey.of("k", "u"), "a").secret().reveal();
      keys.validate(secret, null);
      keys.validate(secret, null);
      assertThat(store.lookups).hasValue(1);

      feed.down.set(true);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int before = store.lookups.get();
      while (store.lookups.get() < before + 3 && System.nanoTime() < deadline) {
        assertThat(keys.validate(secret, null).valid()).isTrue();
        Thread.sleep(25);
      }
      assertThat(store.lookups.get()).isGreaterThanOrEqualTo(before + 3);
    }
  }

  @Test
  void aStoreFailureOnACacheMissIsAStorageExceptionAndCachedKeysStillValidate() {
    InMemoryApiKeyStore memory = new InMemoryApiKeyStore();
    AtomicBoolean down = new AtomicBoolean();
    CountingApiKeyStore store =
        new CountingApiKeyStore(memory) {
          @Override
          public java.util.Optional<com.techradium.iris.apikey.spi.ApiKeyRecord> findByHash(
              String secretHash) {
            if (down.get()) {
              throw new StorageException("store down", new java.io.IOException("refused"));
            }
            return super.findByHash(secretHash);
          }
        };
    ApiKeyManager keys = ApiKeyManager.builder().store(store).build();
    TenantId tenant = TenantId.of("fault");
    String cached = keys.create(tenant, NewApiKey.of("a", "u"), "a").secret().reveal();
    String uncached = keys.create(tenant, NewApiKey.of("b", "u"), "a").secret().reveal();
    assertThat(keys.validate(cached, null).valid()).isTrue();

    down.set(true);

    assertThat(keys.validate(cached, null).valid()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.validate(uncached, null))
        .isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(uncached.substring(10, 40)));
    down.set(false);
    assertThat(keys.validate(uncached, null).valid()).isTrue();
  }
}
