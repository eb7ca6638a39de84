package com.techradium.iris.apikey.spi;

import com.techradium.iris.apikey.ApiKeyMode;
import com.techradium.iris.apikey.ApiKeyTier;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key as a store keeps it: its attributes and the hashes of its secrets, never a secret. The
 * key manager makes every change with the {@code with...} methods and hands the result to the
 * store, which saves every field as given.
 *
 * @param id the key's id (UUIDv7)
 * @param tenant the owning tenant
 * @param name a label for people
 * @param owner who the key belongs to (a user or service id of the host)
 * @param mode live or test
 * @param hint the last four characters of the key, shown in lists ({@code iris_live_…k3Zq})
 * @param secretHash hex hash of the current secret
 * @param previousHash hex hash of the secret a rotation replaced, while its grace period lasts
 * @param previousExpiresAt when the replaced secret stops working
 * @param previousLastSeenAt when the replaced secret was last used, to the minute
 * @param scopes granted scopes, sorted ({@code calls:read}, {@code calls:*}, {@code *})
 * @param allowedCidrs IP allow-list in canonical CIDR form; empty allows every address
 * @param tier rate-limit tier
 * @param expiresAt when the key stops working, if ever
 * @param metadata the host's short facts about the key
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, to the minute
 * @param rotatedAt when its secret was last rotated
 * @param revokedAt when it was revoked
 * @param expiredAt when its expiry was processed ({@code expireKeys})
 * @param warnedLead the smallest expiry-warning lead time already delivered
 */
public record ApiKeyRecord(
    UUID id,
    TenantId tenant,
    String name,
    String owner,
    ApiKeyMode mode,
    String hint,
    String secretHash,
    @Nullable String previousHash,
    @Nullable Instant previousExpiresAt,
    @Nullable Instant previousLastSeenAt,
    List<String> scopes,
    List<String> allowedCidrs,
    ApiKeyTier tier,
    @Nullable Instant expiresAt,
    Map<String, String> metadata,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant rotatedAt,
    @Nullable Instant revokedAt,
    @Nullable Instant expiredAt,
    @Nullable Duration warnedLead) {
  /**
   * Creates an {@code ApiKeyRecord}, checking its components and copying its collections.
   *
   * @param id the key's id (UUIDv7)
   * @param tenant the owning tenant
   * @param name a label for people
   * @param owner who the key belongs to (a user or service id of the host)
   * @param mode live or test
   * @param hint the last four characters of the key, shown in lists ({@code iris_live_…k3Zq})
   * @param secretHash hex hash of the current secret
   * @param previousHash hex hash of the secret a rotation replaced, while its grace period lasts
   * @param previousExpiresAt when the replaced secret stops working
   * @param previousLastSeenAt when the replaced secret was last used, to the minute
   * @param scopes granted scopes, sorted ({@code calls:read}, {@code calls:*}, {@code *})
   * @param allowedCidrs IP allow-list in canonical CIDR form; empty allows every address
   * @param tier rate-limit tier
   * @param expiresAt when the key stops working, if ever
   * @param metadata the host's short facts about the key
   * @param createdAt when it was created
   * @param lastUsedAt when it was last used, to the minute
   * @param rotatedAt when its secret was last rotated
   * @param revokedAt when it was revoked
   * @param expiredAt when its expiry was processed ({@code expireKeys})
   * @param warnedLead the smallest expiry-warning lead time already delivered
   */
  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(secretHash, "secretHash");
    scopes = List.copyOf(scopes);
    allowedCidrs = List.copyOf(allowedCidrs);
    Objects.requireNonNull(tier, "tier");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Whether the key is revoked, or its expiry is at or before {@code now}.
   *
   * @param now the time to check at
   * @return true if the key can no longer be used
   */
  public boolean endedAt(Instant now) {
    return revokedAt != null || (expiresAt != null && !expiresAt.isAfter(now));
  }

  /**
   * The same key with a new current secret; the old one keeps working until {@code graceEnd}.
   *
   * @param newHash the hash of the new secret
   * @param newHint the hint of the new secret
   * @param graceEnd when the old secret stops working, or null to stop it at once
   * @param now the facade's current time
   * @return a copy with the new secret
   */
  public ApiKeyRecord withRotatedSecret(
      String newHash, String newHint, @Nullable Instant graceEnd, Instant now) {
    boolean keepOld = graceEnd != null && graceEnd.isAfter(now);
    return new ApiKeyRecord(
        id,
        tenant,
        name,
        owner,
        mode,
        newHint,
        newHash,
        keepOld ? secretHash : null,
        keepOld ? graceEnd : null,
        null,
        scopes,
        allowedCidrs,
        tier,
        expiresAt,
        metadata,
        createdAt,
        lastUsedAt,
        now,
        revokedAt,
        expiredAt,
        warnedLead);
  }

  /**
   * The same key, revoked at {@code now}; a rotated-away secret stops at once too.
   *
   * @param now the facade's current time
   * @return a revoked copy
   */
  public ApiKeyRecord withRevoked(Instant now) {
    return new ApiKeyRecord(
        id,
        tenant,
        name,
        owner,
        mode,
        hint,
        secretHash,
        null,
        null,
        previousLastSeenAt,
        scopes,
        allowedCidrs,
        tier,
        expiresAt,
        metadata,
        createdAt,
        lastUsedAt,
        rotatedAt,
        now,
        expiredAt,
        warnedLead);
  }

  /**
   * The same key with new attributes.
   *
   * @param newName the name
   * @param newScopes the scopes
   * @param newCidrs the IP allow-list, in CIDR notation
   * @param newTier the tier
   * @return a copy with the new attributes
   */
  public ApiKeyRecord withAttributes(
      String newName, List<String> newScopes, List<String> newCidrs, ApiKeyTier newTier) {
    return new ApiKeyRecord(
        id,
        tenant,
        newName,
        owner,
        mode,
        hint,
        secretHash,
        previousHash,
        previousExpiresAt,
        previousLastSeenAt,
        newScopes,
        newCidrs,
        newTier,
        expiresAt,
        metadata,
        createdAt,
        lastUsedAt,
        rotatedAt,
        revokedAt,
        expiredAt,
        warnedLead);
  }

  /**
   * The same key with the given expiry-warning lead time marked delivered.
   *
   * @param lead the lead time whose warning was delivered
   * @return a copy with the warning marked
   */
  public ApiKeyRecord withWarned(Duration lead) {
    return new ApiKeyRecord(
        id,
        tenant,
        name,
        owner,
        mode,
        hint,
        secretHash,
        previousHash,
        previousExpiresAt,
        previousLastSeenAt,
        scopes,
        allowedCidrs,
        tier,
        expiresAt,
        metadata,
        createdAt,
        lastUsedAt,
        rotatedAt,
        revokedAt,
        expiredAt,
        lead);
  }

  /**
   * The same key with its expiry processed at {@code now}.
   *
   * @param now the facade's current time
   * @return a copy marked expired
   */
  public ApiKeyRecord withExpired(Instant now) {
    return new ApiKeyRecord(
        id,
        tenant,
        name,
        owner,
        mode,
        hint,
        secretHash,
        previousHash,
        previousExpiresAt,
        previousLastSeenAt,
        scopes,
        allowedCidrs,
        tier,
        expiresAt,
        metadata,
        createdAt,
        lastUsedAt,
        rotatedAt,
        revokedAt,
        now,
        warnedLead);
  }

  /** Hashes are left out: they are not secrets, but nothing gains from printing them. */
  @Override
  public String toString() {
    return "ApiKeyRecord[id="
        + id
        + ", tenant="
        + tenant
        + ", name="
        + name
        + ", mode="
        + mode
        + ", hint="
        + hint
        + ", scopes="
        + scopes
        + ", tier="
        + tier
        + ", expiresAt="
        + expiresAt
        + ", revokedAt="
        + revokedAt
        + "]";
  }
}
