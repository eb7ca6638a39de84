package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditLog#verify} found for a tenant: one {@link ChainVerification} per category that
 * has events.
 */
public record VerificationReport(
    TenantId tenantId, Instant verifiedAt, List<ChainVerification> chains) {
  public VerificationReport {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
    chains = List.copyOf(chains);
  }

  /** Whether every chain holds. */
  public boolean valid() {
    return chains.stream().allMatch(ChainVerification::valid);
  }

  /** The first break, in category order, if any chain is broken. */
  public Optional<ChainBreak> firstBreak() {
    return chains.stream().map(ChainVerification::firstBreak).filter(Objects::nonNull).findFirst();
  }

  /** Events checked over all chains. */
  public long eventsChecked() {
    return chains.stream().mapToLong(ChainVerification::eventsChecked).sum();
  }

  /** The verification of one chain, if that category has events. */
  public Optional<ChainVerification> chain(AuditCategory category) {
    return chains.stream().filter(c -> c.category() == category).findFirst();
  }
}
