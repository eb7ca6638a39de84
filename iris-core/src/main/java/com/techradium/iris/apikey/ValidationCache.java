package com.techradium.iris.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The in-process cache of positive lookups, keyed by a secret's hash (never by the key): Caffeine,
 * bounded, entries living at most the configured time-to-live after they were loaded. Only keys the
 * store found are cached; unknown hashes always go to the store. Loading goes through {@link
 * Cache#get(Object, Function)}, so an invalidation that arrives while a load is in flight waits for
 * it and then removes what it loaded: a revocation can never be overwritten by a read that began
 * before it. Thread-safe.
 */
final class ValidationCache {
  private final @Nullable Cache<String, CachedKey> cache;

  ValidationCache(Duration ttl, long maxSize) {
    this.cache =
        maxSize == 0
            ? null
            : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).build();
  }

  /**
   * The cached key for {@code hash}, loading it with {@code loader} (null: not found, not kept).
   */
  Optional<CachedKey> get(String hash, Function<String, @Nullable CachedKey> loader) {
    if (cache == null) {
      return Optional.ofNullable(loader.apply(hash));
    }
    return Optional.ofNullable(cache.get(hash, loader));
  }

  void invalidate(String hash) {
    if (cache != null) {
      cache.invalidate(hash);
    }
  }

  void invalidateAll() {
    if (cache != null) {
      cache.invalidateAll();
    }
  }
}
