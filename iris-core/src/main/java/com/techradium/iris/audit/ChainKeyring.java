package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The chain keys a log (or an offline verifier) holds: the one that chains new events, if any, and
 * the retired ones that still verify the events they chained. Checks one stored link the way every
 * verification does, so the audit log and the export verifier apply one rule. Immutable and
 * thread-safe.
 */
final class ChainKeyring {
  static final ChainKeyring NONE = new ChainKeyring(null, List.of(), "keys");

  private final @Nullable AuditChainKey current;
  private final Map<String, AuditChainKey> byId = new HashMap<>();

  /**
   * The keys {@code current} (which chains new events; null for none) and {@code others} (which
   * only verify), a null among the latter being a NullPointerException naming {@code
   * othersName[i]}.
   *
   * @throws IllegalArgumentException if two keys share a key id
   */
  ChainKeyring(
      @Nullable AuditChainKey current, Collection<AuditChainKey> others, String othersName) {
    this.current = current;
    if (current != null) {
      byId.put(current.keyId(), current);
    }
    int i = 0;
    for (AuditChainKey key : others) {
      Objects.requireNonNull(key, othersName + "[" + i++ + "]");
      if (byId.putIfAbsent(key.keyId(), key) != null) {
        throw new IllegalArgumentException("two chain keys have the key id " + key.keyId());
      }
    }
  }

  /** The key new events are chained with, or null for the plain chain. */
  @Nullable AuditChainKey current() {
    return current;
  }

  /**
   * Checks that {@code record}'s hash is the link of its content and previous hash: a plain hash
   * must be the SHA-256 and must not follow a keyed link (a keyed chain stays keyed: a plain link
   * after a keyed one was appended by someone without the key); a keyed link must be made by a key
   * held here under the id it names.
   *
   * @return null when the link holds, else the break at the record
   */
  @Nullable ChainBreak check(AuditRecord record) {
    String keyId = AuditChain.chainKeyId(record.hash());
    if (keyId == null) {
      String previousKeyId = AuditChain.chainKeyId(record.previousHash());
      if (previousKeyId != null) {
        return broken(
            record,
            ChainBreak.Kind.UNKEYED_LINK,
            "the event has a plain SHA-256 hash but follows an event chained with key "
                + previousKeyId
                + ": it was not appended with the chain key");
      }
      return record.hashMatches()
          ? null
          : broken(record, ChainBreak.Kind.MODIFIED, "the stored event does not match its hash");
    }
    AuditChainKey key = byId.get(keyId);
    if (key == null) {
      return broken(
          record,
          ChainBreak.Kind.UNKNOWN_CHAIN_KEY,
          "the event was chained with key "
              + keyId
              + ", which this verification was not given: its hash cannot be checked");
    }
    return record.hashMatches(key)
        ? null
        : broken(
            record,
            ChainBreak.Kind.MODIFIED,
            "the stored event does not match its hash under chain key " + keyId);
  }

  private static ChainBreak broken(AuditRecord record, ChainBreak.Kind kind, String detail) {
    return new ChainBreak(record.category(), record.sequence(), record.id(), kind, detail);
  }
}
