package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.core.TenantId;
import java.util.Objects;

/**
 * The last link of one chain: the sequence and hash of the newest event of {@code category} in
 * {@code tenantId}.
 */
public record ChainHead(TenantId tenantId, AuditCategory category, long sequence, String hash) {
  public ChainHead {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(hash, "hash");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
    }
  }
}
