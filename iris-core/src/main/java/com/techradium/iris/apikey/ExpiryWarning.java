package com.techradium.iris.apikey;

import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A key will expire soon: delivered once per key and lead time to {@link
 * ApiKeyListener#onExpiryWarning}.
 *
 * @param tenant the key's tenant
 * @param keyId the key
 * @param name the key's name
 * @param owner the key's owner, to notify
 * @param expiresAt when it expires
 * @param lead the lead time this warning is for (30, 7 or 1 days by default)
 */
public record ExpiryWarning(
    TenantId tenant, UUID keyId, String name, String owner, Instant expiresAt, Duration lead) {}
