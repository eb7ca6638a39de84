package com.techradium.iris.apikey.spi;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * When a key was last used, and when its rotated-away secret was last used, to store as {@code
 * lastUsedAt} and {@code previousLastSeenAt}. A store keeps the later of what it has and what it is
 * given, so sightings from several nodes, written in any order, never move either back.
 *
 * @param tenant the key's tenant
 * @param keyId the key
 * @param lastUsedAt the latest use seen, if any since the last write
 * @param previousLastSeenAt the latest use of the rotated-away secret, if any since the last write
 */
public record KeySighting(
    TenantId tenant,
    UUID keyId,
    @Nullable Instant lastUsedAt,
    @Nullable Instant previousLastSeenAt) {
  /**
   * Creates a {@code KeySighting}, checking its components.
   *
   * @param tenant the key's tenant
   * @param keyId the key
   * @param lastUsedAt the latest use seen, if any since the last write
   * @param previousLastSeenAt the latest use of the rotated-away secret, if any since the last
   *     write
   */
  public KeySighting {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keyId, "keyId");
  }
}
