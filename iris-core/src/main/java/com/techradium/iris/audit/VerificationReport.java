package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditLog#verify} found for a tenant: one {@link ChainVerification} per category that
 * has events.
 *
 * @param tenantId the verified tenant
 * @param verifiedAt when the verification ran
 * @param chains one verification per category that has events, in category order
 */
public record VerificationReport(
    TenantId tenantId, Instant verifiedAt, List<ChainVerification> chains) {
  /**
   * Creates a {@code VerificationReport}, checking its components and copying its collections.
   *
   * @param tenantId the verified tenant
   * @param verifiedAt when the verification ran
   * @param chains one verification per category that has events, in category order
   */
  public VerificationReport {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
    chains = List.copyOf(chains);
  }

  /**
   * Whether every chain holds.
   *
   * @return true if no chain is broken
   */
  public boolean valid() {
    return chains.stream().allMatch(ChainVerification::valid);
  }

  /**
   * The first break, in category order, if any chain is broken.
   *
   * @return the first break, or empty
   */
  public Optional<ChainBreak> firstBreak() {
    return chains.stream().map(ChainVerification::firstBreak).filter(Objects::nonNull).findFirst();
  }

  /**
   * Events checked over all chains.
   *
   * @return the number of events checked
   */
  public long eventsChecked() {
    return chains.stream().mapToLong(ChainVerification::eventsChecked).sum();
  }

  /**
   * The verification of one chain, if that category has events.
   *
   * @param category the stream
   * @return its verification, or empty when it has no events
   */
  public Optional<ChainVerification> chain(AuditCategory category) {
    return chains.stream().filter(c -> c.category() == category).findFirst();
  }
}
