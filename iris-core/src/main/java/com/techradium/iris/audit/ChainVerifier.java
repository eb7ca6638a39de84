package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Walks chains in batches (constant memory), re-hashing every event (with the chain keys it holds,
 * see {@link ChainKeyring}) and checking links, sequence continuity, checkpoints on the way and the
 * chain head. Thread-safe (stateless apart from its collaborators).
 */
final class ChainVerifier {
  static final int BATCH = 1000;

  private final AuditStore store;
  private final @Nullable CheckpointSigner signer;
  private final ChainKeyring keys;

  ChainVerifier(AuditStore store, @Nullable CheckpointSigner signer, ChainKeyring keys) {
    this.store = store;
    this.signer = signer;
    this.keys = keys;
  }

  /**
   * Verifies the chain of {@code category} for events recorded in [{@code from}, {@code to}): the
   * walk starts at the latest checkpoint before the first such event (or the start of the chain)
   * and ends at the first event recorded at or after {@code to}, or at the chain head read when the
   * walk began.
   */
  Optional<ChainVerification> verifyChain(
      TenantId tenant, AuditCategory category, @Nullable Instant from, @Nullable Instant to) {
    Optional<ChainHead> head = store.head(tenant, category);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    long start;
    if (from == null) {
      List<AuditRecord> first = store.readChain(tenant, category, 0, 1);
      start = first.isEmpty() ? head.get().sequence() + 1 : first.get(0).sequence();
    } else {
      AuditQuery inRange =
          AuditQuery.forTenant(tenant).categories(category).from(from).to(to).build();
      Page<AuditRecord> first = store.scan(inRange, PageRequest.first(1));
      if (first.items().isEmpty()) {
        return Optional.of(new ChainVerification(category, 0, 0, 0, AuditChain.GENESIS_HASH, null));
      }
      start = first.items().get(0).sequence();
    }
    ChainVerification walked = walk(tenant, category, start - 1, head.get(), to);
    if (walked.valid() && walked.lastSequence() == head.get().sequence()) {
      ChainBreak tail = checkTail(tenant, category, head.get());
      if (tail != null) {
        return Optional.of(
            new ChainVerification(
                category,
                walked.anchorSequence(),
                walked.eventsChecked(),
                walked.lastSequence(),
                walked.lastHash(),
                tail));
      }
    }
    return Optional.of(walked);
  }

  /** How many events stored past a chain's head {@link #checkTail} names in its report. */
  static final int NAMED_PAST_HEAD = 20;

  /**
   * Checks what lies past a chain's head: an event stored there was not appended through the chain
   * (a forged row, or the rest of a tail whose head was moved back), and a checkpoint there —
   * signed by the configured key — proves that the chain once reached further than its head does
   * now.
   */
  private @Nullable ChainBreak checkTail(TenantId tenant, AuditCategory category, ChainHead head) {
    List<AuditRecord> past = store.readChain(tenant, category, head.sequence(), NAMED_PAST_HEAD);
    if (!past.isEmpty()) {
      StringBuilder named = new StringBuilder();
      for (AuditRecord record : past) {
        named.append(named.length() == 0 ? "" : ", ").append('#').append(record.sequence());
        named.append(" (").append(record.id()).append(')');
      }
      return new ChainBreak(
          category,
          past.get(0).sequence(),
          past.get(0).id(),
          ChainBreak.Kind.PAST_HEAD,
          "events are stored past the chain head #"
              + head.sequence()
              + " and were not appended through the chain: "
              + named
              + (past.size() == NAMED_PAST_HEAD ? ", ..." : ""));
    }
    List<Checkpoint> beyond = store.checkpoints(tenant, category, head.sequence(), 1);
    if (!beyond.isEmpty()) {
      return truncatedOrForged(category, head.sequence(), beyond.get(0), "stored");
    }
    return null;
  }

  /**
   * The break for a checkpoint beyond the chain's head {@code headSequence}: truncation when its
   * signature verifies (or no key is configured to check it), a forged checkpoint otherwise.
   */
  ChainBreak truncatedOrForged(
      AuditCategory category, long headSequence, Checkpoint checkpoint, String where) {
    if (signer != null && !checkpoint.isSignedBy(signer)) {
      return new ChainBreak(
          category,
          checkpoint.sequence(),
          null,
          ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE,
          "a "
              + where
              + " checkpoint past the chain head does not verify with key "
              + signer.keyId());
    }
    return new ChainBreak(
        category,
        headSequence + 1,
        null,
        ChainBreak.Kind.TRUNCATED,
        "a "
            + where
            + " signed checkpoint covers #"
            + checkpoint.sequence()
            + " but the chain head is at #"
            + headSequence
            + ": events from #"
            + (headSequence + 1)
            + " were removed from the end of the chain");
  }

  /**
   * Verifies the chain from its best anchor through {@code throughSequence}, which must exist; used
   * before signing a checkpoint there.
   */
  ChainVerification verifyThrough(TenantId tenant, AuditCategory category, long throughSequence) {
    ChainHead head =
        store
            .head(tenant, category)
            .orElseThrow(() -> new IllegalStateException("chain " + category + " has no head"));
    ChainHead end =
        throughSequence >= head.sequence()
            ? head
            : new ChainHead(tenant, category, throughSequence, "");
    return walk(tenant, category, throughSequence, end, null);
  }

  private ChainVerification walk(
      TenantId tenant,
      AuditCategory category,
      long anchorAtOrBefore,
      ChainHead head,
      @Nullable Instant to) {
    long anchorSequence = 0;
    String previous = AuditChain.GENESIS_HASH;
    if (signer != null && anchorAtOrBefore > 0) {
      Optional<Checkpoint> anchor =
          store.latestCheckpoint(tenant, category, Math.min(anchorAtOrBefore, head.sequence()));
      if (anchor.isPresent()) {
        Checkpoint checkpoint = anchor.get();
        if (!checkpoint.isSignedBy(signer)) {
          return broken(
              category,
              0,
              0,
              previous,
              new ChainBreak(
                  category,
                  checkpoint.sequence(),
                  null,
                  ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE,
                  "checkpoint signature does not verify with key " + signer.keyId()));
        }
        anchorSequence = checkpoint.sequence();
        previous = checkpoint.hash();
      }
    }
    Deque<Checkpoint> checkpoints = new ArrayDeque<>();
    long checkpointsAfter = anchorSequence;
    long expected = anchorSequence + 1;
    long checked = 0;
    while (expected <= head.sequence()) {
      List<AuditRecord> batch = store.readChain(tenant, category, expected - 1, BATCH);
      if (batch.isEmpty()) {
        break;
      }
      for (AuditRecord record : batch) {
        if (record.sequence() > head.sequence()) {
          break;
        }
        if (record.sequence() != expected) {
          return broken(
              category,
              anchorSequence,
              checked,
              previous,
              new ChainBreak(
                  category,
                  expected,
                  null,
                  ChainBreak.Kind.MISSING,
                  "no event is stored at this sequence; the next one stored is #"
                      + record.sequence()));
        }
        if (!record.previousHash().equals(previous)) {
          return broken(
              category,
              anchorSequence,
              checked,
              previous,
              new ChainBreak(
                  category,
                  expected,
                  record.id(),
                  ChainBreak.Kind.BROKEN_LINK,
                  "the event does not follow the one before it (previous hash differs)"));
        }
        ChainBreak badLink = keys.check(record);
        if (badLink != null) {
          return broken(category, anchorSequence, checked, previous, badLink);
        }
        if (checkpoints.isEmpty() && checkpointsAfter < record.sequence()) {
          List<Checkpoint> more = store.checkpoints(tenant, category, checkpointsAfter, BATCH);
          checkpoints.addAll(more);
          checkpointsAfter = more.isEmpty() ? Long.MAX_VALUE : more.get(more.size() - 1).sequence();
        }
        while (!checkpoints.isEmpty() && checkpoints.peekFirst().sequence() <= record.sequence()) {
          Checkpoint checkpoint = checkpoints.pollFirst();
          ChainBreak bad = checkCheckpoint(checkpoint, record);
          if (bad != null) {
            return broken(category, anchorSequence, checked, previous, bad);
          }
        }
        previous = record.hash();
        checked++;
        expected++;
        if (to != null && !record.recordedAt().isBefore(to)) {
          return new ChainVerification(
              category, anchorSequence, checked, expected - 1, previous, null);
        }
      }
    }
    if (expected <= head.sequence()) {
      return broken(
          category,
          anchorSequence,
          checked,
          previous,
          new ChainBreak(
              category,
              expected,
              null,
              ChainBreak.Kind.MISSING,
              "the chain head is at #" + head.sequence() + " but no event is stored from here"));
    }
    if (!head.hash().isEmpty() && !head.hash().equals(previous)) {
      return broken(
          category,
          anchorSequence,
          checked,
          previous,
          new ChainBreak(
              category,
              head.sequence(),
              null,
              ChainBreak.Kind.MODIFIED,
              "the last event does not match the hash recorded in the chain head"));
    }
    return new ChainVerification(category, anchorSequence, checked, expected - 1, previous, null);
  }

  private @Nullable ChainBreak checkCheckpoint(Checkpoint checkpoint, AuditRecord record) {
    if (checkpoint.sequence() != record.sequence()) {
      // A checkpoint for an event the walk never saw cannot be checked here; the sequence check
      // already reports the missing event.
      return null;
    }
    if (signer != null && !checkpoint.isSignedBy(signer)) {
      return new ChainBreak(
          record.category(),
          record.sequence(),
          record.id(),
          ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE,
          "checkpoint signature does not verify with key " + signer.keyId());
    }
    if (!checkpoint.hash().equals(record.hash())) {
      return new ChainBreak(
          record.category(),
          record.sequence(),
          record.id(),
          ChainBreak.Kind.CHECKPOINT_MISMATCH,
          "a signed checkpoint records another hash for this event");
    }
    return null;
  }

  private static ChainVerification broken(
      AuditCategory category, long anchor, long checked, String lastHash, ChainBreak chainBreak) {
    return new ChainVerification(category, anchor, checked, anchor + checked, lastHash, chainBreak);
  }

  /**
   * Drops events stored past their chain's head: they were not appended through the chain (see
   * {@link ChainBreak.Kind#PAST_HEAD}), so a query does not serve them as genuine. The heads are
   * read after the page, so every event appended before the page was read is kept.
   */
  Page<AuditRecord> appendedThroughChain(TenantId tenant, Page<AuditRecord> page) {
    EnumMap<AuditCategory, Long> heads = new EnumMap<>(AuditCategory.class);
    List<AuditRecord> kept = new ArrayList<>(page.items().size());
    for (AuditRecord record : page.items()) {
      long head =
          heads.computeIfAbsent(
              record.category(),
              category -> store.head(tenant, category).map(ChainHead::sequence).orElse(0L));
      if (record.sequence() <= head) {
        kept.add(record);
      }
    }
    return kept.size() == page.items().size() ? page : new Page<>(kept, page.nextCursor());
  }
}
