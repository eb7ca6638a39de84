package com.techradium.iris.apikey;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key's attributes as a host sees them; never its secret.
 *
 * @param id the key's id
 * @param tenant the owning tenant
 * @param name a label for people
 * @param owner who the key belongs to
 * @param mode live or test
 * @param hint the key's prefix and last four characters ({@code iris_live_…k3Zq}), to tell keys
 *     apart in lists
 * @param status where the key stood when it was read
 * @param scopes granted scopes
 * @param allowedIps IP allow-list in canonical CIDR form; empty allows every address
 * @param tier rate-limit tier
 * @param expiresAt when it stops working, if ever
 * @param metadata the host's short facts about it
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, to the minute (written in batches, so up to a flush
 *     interval late)
 * @param rotatedAt when its secret was last rotated
 * @param previousSecretExpiresAt while a rotated-away secret still works: when it stops
 * @param previousSecretLastSeenAt when the rotated-away secret was last used: once this is well in
 *     the past, revoking it early is safe
 * @param revokedAt when it was revoked
 */
public record ApiKey(
    UUID id,
    TenantId tenant,
    String name,
    String owner,
    ApiKeyMode mode,
    String hint,
    ApiKeyStatus status,
    Set<String> scopes,
    List<String> allowedIps,
    ApiKeyTier tier,
    @Nullable Instant expiresAt,
    Map<String, String> metadata,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant rotatedAt,
    @Nullable Instant previousSecretExpiresAt,
    @Nullable Instant previousSecretLastSeenAt,
    @Nullable Instant revokedAt) {
  /**
   * Creates an {@code ApiKey}, checking its components and copying its collections.
   *
   * @param id the key's id
   * @param tenant the owning tenant
   * @param name a label for people
   * @param owner who the key belongs to
   * @param mode live or test
   * @param hint the key's prefix and last four characters ({@code iris_live_…k3Zq}), to tell keys
   *     apart in lists
   * @param status where the key stood when it was read
   * @param scopes granted scopes
   * @param allowedIps IP allow-list in canonical CIDR form; empty allows every address
   * @param tier rate-limit tier
   * @param expiresAt when it stops working, if ever
   * @param metadata the host's short facts about it
   * @param createdAt when it was created
   * @param lastUsedAt when it was last used, to the minute (written in batches, so up to a flush
   *     interval late)
   * @param rotatedAt when its secret was last rotated
   * @param previousSecretExpiresAt while a rotated-away secret still works: when it stops
   * @param previousSecretLastSeenAt when the rotated-away secret was last used: once this is well
   *     in the past, revoking it early is safe
   * @param revokedAt when it was revoked
   */
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    scopes = Set.copyOf(scopes);
    allowedIps = List.copyOf(allowedIps);
    metadata = Map.copyOf(metadata);
  }
}
