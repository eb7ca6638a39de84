package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import java.time.Instant;
import java.util.Set;

/** Turns stored records into what hosts see. Stateless. */
final class KeyViews {
  private KeyViews() {}

  static ApiKey view(ApiKeyRecord r, Instant now) {
    ApiKeyStatus status =
        r.revokedAt() != null
            ? ApiKeyStatus.REVOKED
            : (r.expiresAt() != null && !r.expiresAt().isAfter(now))
                ? ApiKeyStatus.EXPIRED
                : ApiKeyStatus.ACTIVE;
    boolean graceLeft = r.previousExpiresAt() != null && r.previousExpiresAt().isAfter(now);
    return new ApiKey(
        r.id(),
        r.tenant(),
        r.name(),
        r.owner(),
        r.mode(),
        r.hint(),
        status,
        Set.copyOf(r.scopes()),
        r.allowedCidrs(),
        r.tier(),
        r.expiresAt(),
        r.metadata(),
        r.createdAt(),
        r.lastUsedAt(),
        r.rotatedAt(),
        graceLeft ? r.previousExpiresAt() : null,
        r.previousLastSeenAt(),
        r.revokedAt());
  }
}
