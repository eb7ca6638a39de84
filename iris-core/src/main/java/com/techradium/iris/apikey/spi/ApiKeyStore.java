package com.techradium.iris.apikey.spi;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Holds API keys (as {@link ApiKeyRecord}s: attributes and secret hashes, never secrets) and their
 * hourly usage counts. {@code ApiKeyManager} is the only intended caller; it has validated
 * everything it passes and it applies every rule itself: a store locks, loads and saves.
 *
 * <p>Every read and write of a tenant's keys names the tenant, and a key of another tenant is
 * treated as absent. The exceptions are documented as deployment-wide: {@link #findByHash} (a
 * presented key names its own tenant) and the housekeeping scans ({@link #expiringBefore}, {@link
 * #expireDue}, {@link #deleteEnded}).
 *
 * <p>Implementations must be thread-safe and, where several processes share the storage, safe
 * across processes: {@link #update} must apply its function to the row as it is while holding the
 * row (a transaction with {@code SELECT ... FOR UPDATE}), so concurrent changes to one key never
 * lose each other. Backend failures are {@link com.techradium.iris.core.StorageException}s. Every
 * adapter passes {@code ApiKeyStoreContract} from iris-testkit.
 */
public interface ApiKeyStore {

  /**
   * Stores a new key.
   *
   * @param key the key
   * @throws com.techradium.iris.core.ConflictException if a key with the same id or secret hash
   *     exists
   */
  void insert(ApiKeyRecord key);

  /**
   * The key whose current or rotated-away secret has this hash, of any tenant (deployment-wide: a
   * presented key names its tenant). Revoked and expired keys are returned too; the caller decides.
   *
   * @param secretHash the hash of a presented secret
   * @return the key, or empty if no key has this hash
   */
  Optional<ApiKeyRecord> findByHash(String secretHash);

  /**
   * One key of the tenant.
   *
   * @param tenant the owning tenant
   * @param id the key's id
   * @return the key, or empty if the tenant has none with this id
   */
  Optional<ApiKeyRecord> get(TenantId tenant, UUID id);

  /**
   * Changes one key atomically: loads it under a lock, applies {@code change}, and saves the result
   * unless {@code change} returned its argument unchanged (the same instance), in which case
   * nothing is written. An exception thrown by {@code change} leaves the key as it was and reaches
   * the caller.
   *
   * @param tenant the owning tenant
   * @param id the key's id
   * @param change computes the new record from the stored one
   * @return the key as saved (or as it was, if unchanged); empty if the tenant has no such key
   */
  Optional<ApiKeyRecord> update(TenantId tenant, UUID id, UnaryOperator<ApiKeyRecord> change);

  /**
   * One page of the tenant's keys that are neither revoked nor expired at {@code now}, in id order
   * (which is creation order). The cursor is the last key's id.
   *
   * @param tenant the owning tenant
   * @param now the facade's current time
   * @param page the page size and cursor
   * @return one page of keys
   */
  Page<ApiKeyRecord> listActive(TenantId tenant, Instant now, PageRequest page);

  /**
   * How many of the tenant's keys are neither revoked nor expired at {@code now}.
   *
   * @param tenant the owning tenant
   * @param now the facade's current time
   * @return the number of active keys
   */
  long countActive(TenantId tenant, Instant now);

  /**
   * The tenant's keys that are not revoked and whose expiry lies in {@code (from, to]}, soonest
   * first, at most {@code limit}.
   *
   * @param tenant the owning tenant
   * @param from the start of the range, exclusive
   * @param to the end of the range, inclusive
   * @param limit the most keys returned
   * @return the keys, soonest expiry first
   */
  List<ApiKeyRecord> expiring(TenantId tenant, Instant from, Instant to, int limit);

  /**
   * Keys of every tenant (deployment-wide) that are not revoked and whose expiry lies in {@code
   * (from, to]}, soonest first, at most {@code limit}: the candidates for expiry warnings.
   *
   * @param from the start of the range, exclusive
   * @param to the end of the range, inclusive
   * @param limit the most keys returned
   * @return the keys, soonest expiry first
   */
  List<ApiKeyRecord> expiringBefore(Instant from, Instant to, int limit);

  /**
   * Marks, deployment-wide and atomically, up to {@code limit} keys whose expiry is at or before
   * {@code now} and that are neither revoked nor marked yet, with {@code expiredAt = now}; each key
   * is marked once, by one caller, even when several nodes run this at once.
   *
   * @param now the facade's current time
   * @param limit the most keys marked in one call
   * @return the keys marked by this call
   */
  List<ApiKeyRecord> expireDue(Instant now, int limit);

  /**
   * Deletes, deployment-wide, up to {@code limit} keys revoked, or expired, at or before {@code
   * cutoff}, with their usage counts.
   *
   * @param cutoff keys ended at or before this time are deleted
   * @param limit the most keys deleted in one call
   * @return how many keys were deleted
   */
  int deleteEnded(Instant cutoff, int limit);

  /**
   * Adds usage counts and applies sightings, in one batch: each increment is added to the count of
   * its (key, hour), and each sighting moves {@code lastUsedAt} and {@code previousLastSeenAt}
   * forward only. Increments and sightings of keys that no longer exist are dropped.
   *
   * @param increments the counts to add, per key and hour
   * @param sightings the last-use times to move forward
   */
  void recordUsage(List<UsageIncrement> increments, List<KeySighting> sightings);

  /**
   * The hourly usage counts of one key of the tenant with hours in {@code [from, to)}, oldest
   * first; hours without use are absent.
   *
   * @param tenant the owning tenant
   * @param keyId the key's id
   * @param from the first hour included
   * @param to the hour excluded
   * @return the hourly counts, oldest first
   */
  List<HourlyUsage> usage(TenantId tenant, UUID keyId, Instant from, Instant to);
}
