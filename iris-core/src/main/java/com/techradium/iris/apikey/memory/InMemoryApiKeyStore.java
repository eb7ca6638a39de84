package com.techradium.iris.apikey.memory;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.apikey.spi.HourlyUsage;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ApiKeyStore} in memory: complete and thread-safe, for tests, demos and single-process
 * tools. Nothing survives the JVM. Lookups by hash read a concurrent map without locking; every
 * change takes the store's lock, so a change and the hash index move together.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private record Usage(UUID keyId, Instant hour) {}

  private final Map<UUID, ApiKeyRecord> keys = new ConcurrentHashMap<>();
  private final Map<String, UUID> byHash = new ConcurrentHashMap<>();
  private final NavigableMap<UUID, UUID> order = new ConcurrentSkipListMap<>(uuidOrder());
  private final Map<Usage, Long> usage = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryApiKeyStore() {}

  @Override
  public synchronized void insert(ApiKeyRecord key) {
    Objects.requireNonNull(key, "key");
    if (keys.containsKey(key.id()) || byHash.containsKey(key.secretHash())) {
      throw new ConflictException("an API key with this id or secret exists: " + key.id());
    }
    keys.put(key.id(), key);
    byHash.put(key.secretHash(), key.id());
    order.put(key.id(), key.id());
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String secretHash) {
    Objects.requireNonNull(secretHash, "secretHash");
    UUID id = byHash.get(secretHash);
    return id == null ? Optional.empty() : Optional.ofNullable(keys.get(id));
  }

  @Override
  public Optional<ApiKeyRecord> get(TenantId tenant, UUID id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(keys.get(id)).filter(k -> k.tenant().equals(tenant));
  }

  @Override
  public synchronized Optional<ApiKeyRecord> update(
      TenantId tenant, UUID id, UnaryOperator<ApiKeyRecord> change) {
    Objects.requireNonNull(change, "change");
    Optional<ApiKeyRecord> found = get(tenant, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ApiKeyRecord before = found.get();
    ApiKeyRecord after = Objects.requireNonNull(change.apply(before), "change result");
    if (after == before) {
      return found;
    }
    if (!after.id().equals(id) || !after.tenant().equals(tenant)) {
      throw new IllegalArgumentException("a change must keep the key's id and tenant");
    }
    unindex(before);
    keys.put(id, after);
    byHash.put(after.secretHash(), id);
    if (after.previousHash() != null) {
      byHash.put(after.previousHash(), id);
    }
    return Optional.of(after);
  }

  private void unindex(ApiKeyRecord key) {
    byHash.remove(key.secretHash(), key.id());
    if (key.previousHash() != null) {
      byHash.remove(key.previousHash(), key.id());
    }
  }

  @Override
  public Page<ApiKeyRecord> listActive(TenantId tenant, Instant now, PageRequest page) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    NavigableMap<UUID, UUID> from = order;
    if (page.cursor() != null) {
      from = order.tailMap(cursorId(page.cursor()), false);
    }
    List<ApiKeyRecord> fetched = new ArrayList<>();
    for (UUID id : from.keySet()) {
      ApiKeyRecord key = keys.get(id);
      if (key != null && key.tenant().equals(tenant) && !key.endedAt(now)) {
        fetched.add(key);
        if (fetched.size() > page.limit()) {
          break;
        }
      }
    }
    return Page.fromOverfetch(fetched, page.limit(), k -> k.id().toString());
  }

  private static UUID cursorId(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }

  @Override
  public long countActive(TenantId tenant, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    return keys.values().stream().filter(k -> k.tenant().equals(tenant) && !k.endedAt(now)).count();
  }

  @Override
  public List<ApiKeyRecord> expiring(TenantId tenant, Instant from, Instant to, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    return expiringMatching(k -> k.tenant().equals(tenant), from, to, limit);
  }

  @Override
  public List<ApiKeyRecord> expiringBefore(Instant from, Instant to, int limit) {
    return expiringMatching(k -> true, from, to, limit);
  }

  private List<ApiKeyRecord> expiringMatching(
      java.util.function.Predicate<ApiKeyRecord> which, Instant from, Instant to, int limit) {
    return keys.values().stream()
        .filter(which)
        .filter(k -> k.revokedAt() == null && within(k.expiresAt(), from, to))
        .sorted(
            Comparator.comparing((ApiKeyRecord k) -> Objects.requireNonNull(k.expiresAt()))
                .thenComparing(ApiKeyRecord::id, uuidOrder()))
        .limit(limit)
        .toList();
  }

  private static boolean within(@Nullable Instant at, Instant from, Instant to) {
    return at != null && at.isAfter(from) && !at.isAfter(to);
  }

  @Override
  public synchronized List<ApiKeyRecord> expireDue(Instant now, int limit) {
    List<ApiKeyRecord> marked = new ArrayList<>();
    for (UUID id : order.keySet()) {
      if (marked.size() >= limit) {
        break;
      }
      ApiKeyRecord key = keys.get(id);
      if (key != null
          && key.revokedAt() == null
          && key.expiredAt() == null
          && key.expiresAt() != null
          && !key.expiresAt().isAfter(now)) {
        ApiKeyRecord expired = key.withExpired(now);
        keys.put(id, expired);
        marked.add(expired);
      }
    }
    return marked;
  }

  @Override
  public synchronized int deleteEnded(Instant cutoff, int limit) {
    int deleted = 0;
    for (UUID id : List.copyOf(order.keySet())) {
      if (deleted >= limit) {
        break;
      }
      ApiKeyRecord key = keys.get(id);
      if (key != null && endedBy(key, cutoff)) {
        unindex(key);
        keys.remove(id);
        order.remove(id);
        usage.keySet().removeIf(u -> u.keyId().equals(id));
        deleted++;
      }
    }
    return deleted;
  }

  private static boolean endedBy(ApiKeyRecord key, Instant cutoff) {
    Instant revoked = key.revokedAt();
    Instant expires = key.expiresAt();
    return (revoked != null && !revoked.isAfter(cutoff))
        || (expires != null && !expires.isAfter(cutoff));
  }

  @Override
  public synchronized void recordUsage(
      List<UsageIncrement> increments, List<KeySighting> sightings) {
    Objects.requireNonNull(increments, "increments");
    Objects.requireNonNull(sightings, "sightings");
    for (UsageIncrement inc : increments) {
      if (get(inc.tenant(), inc.keyId()).isPresent()) {
        usage.merge(new Usage(inc.keyId(), inc.hour()), inc.count(), Long::sum);
      }
    }
    for (KeySighting s : sightings) {
      ApiKeyRecord key = get(s.tenant(), s.keyId()).orElse(null);
      if (key == null) {
        continue;
      }
      Instant used = later(key.lastUsedAt(), s.lastUsedAt());
      Instant previous = later(key.previousLastSeenAt(), s.previousLastSeenAt());
      keys.put(
          key.id(),
          new ApiKeyRecord(
              key.id(),
              key.tenant(),
              key.name(),
              key.owner(),
              key.mode(),
              key.hint(),
              key.secretHash(),
              key.previousHash(),
              key.previousExpiresAt(),
              previous,
              key.scopes(),
              key.allowedCidrs(),
              key.tier(),
              key.expiresAt(),
              key.metadata(),
              key.createdAt(),
              used,
              key.rotatedAt(),
              key.revokedAt(),
              key.expiredAt(),
              key.warnedLead()));
    }
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }

  @Override
  public List<HourlyUsage> usage(TenantId tenant, UUID keyId, Instant from, Instant to) {
    if (get(tenant, keyId).isEmpty()) {
      return List.of();
    }
    return usage.entrySet().stream()
        .filter(
            e ->
                e.getKey().keyId().equals(keyId)
                    && !e.getKey().hour().isBefore(from)
                    && e.getKey().hour().isBefore(to))
        .map(e -> new HourlyUsage(e.getKey().hour(), e.getValue()))
        .sorted(Comparator.comparing(HourlyUsage::hour))
        .toList();
  }

  /** UUIDs in unsigned byte order, the order PostgreSQL sorts {@code uuid} columns in. */
  private static Comparator<UUID> uuidOrder() {
    return Comparator.comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
        .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
  }
}
