package com.techradium.iris.audit;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The first place where a chain does not hold: which chain, at which sequence, and why.
 *
 * @param category the chain (with the report's tenant)
 * @param sequence the position where the chain breaks
 * @param eventId the id of the event stored there, or null when it is missing
 * @param kind what is wrong
 * @param detail a sentence for people
 */
public record ChainBreak(
    AuditCategory category, long sequence, @Nullable UUID eventId, Kind kind, String detail) {

  /**
   * Creates a {@code ChainBreak}, checking its components.
   *
   * @param category the chain (with the report's tenant)
   * @param sequence the position where the chain breaks
   * @param eventId the id of the event stored there, or null when it is missing
   * @param kind what is wrong
   * @param detail a sentence for people
   */
  public ChainBreak {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** What is wrong at a break. */
  public enum Kind {
    /** The event's content no longer matches its hash (a field was changed). */
    MODIFIED,
    /** No event is stored at this sequence although later ones exist (an event was deleted). */
    MISSING,
    /**
     * The event does not follow the one before it: its previous hash differs (events were
     * reordered, inserted or replaced wholesale).
     */
    BROKEN_LINK,
    /** A signed checkpoint records another hash for this sequence (the chain was rewritten). */
    CHECKPOINT_MISMATCH,
    /** A checkpoint's signature does not verify with the configured key. */
    BAD_CHECKPOINT_SIGNATURE,
    /**
     * A signed checkpoint covers a sequence past the chain's head, or the chain no longer holds an
     * event an external checkpoint covers: events were removed from the end of the chain and its
     * head moved back. The break's sequence is the first event missing.
     */
    TRUNCATED,
    /**
     * Events are stored past the chain's head: they were not appended through the chain (a forged
     * row). Queries and exports do not return them.
     */
    PAST_HEAD,
    /**
     * In a keyed chain, the event has a plain SHA-256 hash although it follows a keyed link: it was
     * appended by someone without the chain key (a forged append with a recomputed hash).
     */
    UNKEYED_LINK,
    /**
     * The event was chained with a key the verification was not given (another key id, or no {@link
     * AuditLogBuilder#chainKey chain key} at all), so its hash cannot be checked.
     */
    UNKNOWN_CHAIN_KEY
  }

  @Override
  public String toString() {
    return kind + " at " + category + " #" + sequence + ": " + detail;
  }
}
