package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.core.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a tenant's chains against checkpoints held outside the store (see {@link CheckpointSink}):
 * each must verify with the configured key, and the chain must still reach its sequence with the
 * same hash there. This catches what the store alone cannot show: a tail cut together with the
 * checkpoints stored beside it, or a chain rewritten with fresh hashes and fresh stored
 * checkpoints. Thread-safe (stateless apart from its collaborators).
 */
final class ExternalCheckpoints {
  private final AuditStore store;
  private final CheckpointSigner signer;
  private final ChainVerifier verifier;

  ExternalCheckpoints(AuditStore store, CheckpointSigner signer, ChainVerifier verifier) {
    this.store = store;
    this.signer = signer;
    this.verifier = verifier;
  }

  /**
   * {@code own}, the report of the store's own verification, with the first break per chain the
   * external checkpoints show added to each chain that has no break of its own.
   */
  VerificationReport verify(VerificationReport own, Collection<Checkpoint> external) {
    Map<AuditCategory, ChainBreak> breaks = check(own.tenantId(), external);
    if (breaks.isEmpty()) {
      return own;
    }
    List<ChainVerification> chains = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      ChainVerification chain = own.chain(category).orElse(null);
      ChainBreak found = breaks.get(category);
      if (found != null && (chain == null || chain.valid())) {
        chains.add(
            chain == null
                ? new ChainVerification(category, 0, 0, 0, AuditChain.GENESIS_HASH, found)
                : new ChainVerification(
                    category,
                    chain.anchorSequence(),
                    chain.eventsChecked(),
                    chain.lastSequence(),
                    chain.lastHash(),
                    found));
      } else if (chain != null) {
        chains.add(chain);
      }
    }
    return new VerificationReport(own.tenantId(), own.verifiedAt(), chains);
  }

  /**
   * The first break per chain that the external checkpoints of {@code tenant} show, checked in
   * ascending sequence. Checkpoints of other tenants are ignored. A checkpoint whose event
   * retention has deleted is checked against the stored checkpoint at the same sequence, if any,
   * and otherwise cannot be checked (it is skipped).
   */
  Map<AuditCategory, ChainBreak> check(TenantId tenant, Collection<Checkpoint> external) {
    List<Checkpoint> sorted = new ArrayList<>();
    for (Checkpoint checkpoint : external) {
      if (checkpoint.tenantId().equals(tenant)) {
        sorted.add(checkpoint);
      }
    }
    sorted.sort(
        (a, b) ->
            a.category() != b.category()
                ? a.category().compareTo(b.category())
                : Long.compare(a.sequence(), b.sequence()));
    Map<AuditCategory, ChainBreak> breaks = new EnumMap<>(AuditCategory.class);
    for (Checkpoint checkpoint : sorted) {
      if (!breaks.containsKey(checkpoint.category())) {
        ChainBreak found = check(tenant, checkpoint);
        if (found != null) {
          breaks.put(checkpoint.category(), found);
        }
      }
    }
    return breaks;
  }

  private @Nullable ChainBreak check(TenantId tenant, Checkpoint checkpoint) {
    AuditCategory category = checkpoint.category();
    if (!checkpoint.isSignedBy(signer)) {
      return new ChainBreak(
          category,
          checkpoint.sequence(),
          null,
          ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE,
          "an external checkpoint does not verify with key " + signer.keyId());
    }
    long head = store.head(tenant, category).map(ChainHead::sequence).orElse(0L);
    if (checkpoint.sequence() > head) {
      return verifier.truncatedOrForged(category, head, checkpoint, "external");
    }
    List<AuditRecord> at = store.readChain(tenant, category, checkpoint.sequence() - 1, 1);
    if (!at.isEmpty() && at.get(0).sequence() == checkpoint.sequence()) {
      AuditRecord record = at.get(0);
      return record.hash().equals(checkpoint.hash())
          ? null
          : mismatch(category, checkpoint, record);
    }
    Optional<Checkpoint> stored = store.latestCheckpoint(tenant, category, checkpoint.sequence());
    if (stored.isPresent()
        && stored.get().sequence() == checkpoint.sequence()
        && !stored.get().hash().equals(checkpoint.hash())) {
      return mismatch(category, checkpoint, null);
    }
    return null;
  }

  private static ChainBreak mismatch(
      AuditCategory category, Checkpoint checkpoint, @Nullable AuditRecord record) {
    return new ChainBreak(
        category,
        checkpoint.sequence(),
        record == null ? null : record.id(),
        ChainBreak.Kind.CHECKPOINT_MISMATCH,
        "an external checkpoint records another hash for this event: the chain was rewritten");
  }
}
