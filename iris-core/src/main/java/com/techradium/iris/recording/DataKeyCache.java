package com.techradium.iris.recording;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Data keys kept for reuse under a {@link KeyCachePolicy}: per tenant, the key new recordings are
 * encrypted under; per wrapped key, the plaintext of keys recently unwrapped. Thread-safe.
 */
final class DataKeyCache {
  /** The most unwrapped keys kept; the least recently used goes first. */
  static final int MAX_UNWRAPPED = 4096;

  private final KeyProvider provider;
  private final KeyCachePolicy policy;
  private final Clock clock;
  private final Map<TenantId, Lease> encrypting = new ConcurrentHashMap<>();
  private final Map<WrappedKey, Unwrapped> unwrapped =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<WrappedKey, Unwrapped> eldest) {
          return size() > MAX_UNWRAPPED;
        }
      };

  DataKeyCache(KeyProvider provider, KeyCachePolicy policy, Clock clock) {
    this.provider = provider;
    this.policy = policy;
    this.clock = clock;
  }

  /** A data key of {@code tenant}, counted as one use; report its bytes to the lease afterwards. */
  Lease encryptionKey(TenantId tenant, Map<String, String> context) {
    Instant now = clock.instant();
    return encrypting.compute(
        tenant,
        (t, current) -> {
          if (current != null && current.usable(now, policy)) {
            current.uses++;
            return current;
          }
          DataKey key = provider.generateDataKey(t, context);
          Lease fresh = new Lease(key, now);
          fresh.uses = 1;
          return fresh;
        });
  }

  /**
   * The plaintext of {@code wrapped}, from the cache while it is younger than the policy allows.
   */
  byte[] unwrap(TenantId tenant, WrappedKey wrapped, Map<String, String> context) {
    Instant now = clock.instant();
    synchronized (unwrapped) {
      Unwrapped hit = unwrapped.get(wrapped);
      if (hit != null
          && hit.tenant.equals(tenant)
          && now.isBefore(hit.born.plus(policy.maxAge()))) {
        return hit.plaintext.clone();
      }
    }
    byte[] plaintext = provider.unwrap(tenant, wrapped, context);
    if (policy.caches()) {
      synchronized (unwrapped) {
        unwrapped.put(wrapped, new Unwrapped(tenant, plaintext.clone(), now));
      }
    }
    return plaintext;
  }

  /** Forgets every key of {@code tenant}, overwriting the plaintext held. */
  void evict(TenantId tenant) {
    Lease lease = encrypting.remove(tenant);
    if (lease != null) {
      lease.key.destroy();
    }
    synchronized (unwrapped) {
      unwrapped
          .values()
          .removeIf(
              entry -> {
                if (entry.tenant.equals(tenant)) {
                  Arrays.fill(entry.plaintext, (byte) 0);
                  return true;
                }
                return false;
              });
    }
  }

  /** One cached encryption key and how much it has been used. */
  static final class Lease {
    final DataKey key;
    final Instant born;
    long uses;
    final AtomicLong bytes = new AtomicLong();

    Lease(DataKey key, Instant born) {
      this.key = key;
      this.born = born;
    }

    boolean usable(Instant now, KeyCachePolicy policy) {
      return uses < policy.maxUses()
          && bytes.get() < policy.maxBytes()
          && now.isBefore(born.plus(policy.maxAge()));
    }
  }

  private record Unwrapped(TenantId tenant, byte[] plaintext, Instant born) {}
}
