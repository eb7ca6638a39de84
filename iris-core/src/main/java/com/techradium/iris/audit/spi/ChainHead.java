package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.core.TenantId;
import java.util.Objects;

/**
 * The last link of one chain: the sequence and hash of the newest event of {@code category} in
 * {@code tenantId}.
 *
 * @param tenantId the chain's tenant
 * @param category the chain's stream
 * @param sequence the sequence of the newest event, from 1
 * @param hash the link of the newest event
 */
public record ChainHead(TenantId tenantId, AuditCategory category, long sequence, String hash) {
  /**
   * Creates a {@code ChainHead}, checking its components.
   *
   * @param tenantId the chain's tenant
   * @param category the chain's stream
   * @param sequence the sequence of the newest event, from 1
   * @param hash the link of the newest event
   * @throws IllegalArgumentException if a component is out of range
   */
  public ChainHead {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(hash, "hash");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
    }
  }
}
