package com.techradium.iris.audit;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of walking one chain.
 *
 * @param category the chain (with the report's tenant)
 * @param anchorSequence the sequence the walk started after: 0 for the start of the chain, else the
 *     sequence of the signed checkpoint it trusted
 * @param eventsChecked how many events were hashed and linked
 * @param lastSequence the last sequence checked (the anchor's when none was)
 * @param lastHash the hash at {@code lastSequence} as verified
 * @param firstBreak the first break found, or null if the walked part holds
 */
public record ChainVerification(
    AuditCategory category,
    long anchorSequence,
    long eventsChecked,
    long lastSequence,
    String lastHash,
    @Nullable ChainBreak firstBreak) {

  /**
   * Creates a {@code ChainVerification}, checking its components.
   *
   * @param category the chain (with the report's tenant)
   * @param anchorSequence the sequence the walk started after: 0 for the start of the chain, else
   *     the sequence of the signed checkpoint it trusted
   * @param eventsChecked how many events were hashed and linked
   * @param lastSequence the last sequence checked (the anchor's when none was)
   * @param lastHash the hash at {@code lastSequence} as verified
   * @param firstBreak the first break found, or null if the walked part holds
   */
  public ChainVerification {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(lastHash, "lastHash");
  }

  /**
   * Whether no break was found.
   *
   * @return true if the chain holds
   */
  public boolean valid() {
    return firstBreak == null;
  }

  /**
   * The first break, if any.
   *
   * @return the first break, or empty if the chain holds
   */
  public Optional<ChainBreak> breakFound() {
    return Optional.ofNullable(firstBreak);
  }
}
