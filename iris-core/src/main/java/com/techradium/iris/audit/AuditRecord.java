package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored event: its place in the tenant's chain for its category ({@code sequence}, starting at 1
 * with no gaps), the hash of the event before it and its own hash, computed by {@link
 * AuditChain#hash}.
 *
 * @param sequence position in the chain of ({@code tenantId}, {@code category}), from 1
 * @param id the event id (UUIDv7)
 * @param recordedAt when the audit log accepted the event, to the microsecond
 * @param event the content
 * @param previousHash the hash of event {@code sequence - 1}, or {@link AuditChain#GENESIS_HASH}
 * @param hash SHA-256 of the canonical encoding, 64 lowercase hex digits; in a keyed chain the
 *     keyed link described in {@link AuditChain} (HMAC-SHA256 under the named chain key)
 */
public record AuditRecord(
    long sequence,
    UUID id,
    Instant recordedAt,
    AuditEvent event,
    String previousHash,
    String hash) {
  /**
   * Creates an {@code AuditRecord}, checking its components.
   *
   * @param sequence position in the chain of ({@code tenantId}, {@code category}), from 1
   * @param id the event id (UUIDv7)
   * @param recordedAt when the audit log accepted the event, to the microsecond
   * @param event the content
   * @param previousHash the hash of event {@code sequence - 1}, or {@link AuditChain#GENESIS_HASH}
   * @param hash SHA-256 of the canonical encoding, 64 lowercase hex digits; in a keyed chain the
   *     keyed link described in {@link AuditChain} (HMAC-SHA256 under the named chain key)
   * @throws IllegalArgumentException if a component is out of range
   */
  public AuditRecord {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Chains a new record after {@code previousHash}, computing its hash: keyed when the record
   * carries a {@linkplain NewAuditRecord#chainKey() chain key}, plain SHA-256 otherwise.
   *
   * @param record the new record with its event, id and time
   * @param sequence the sequence the record takes in its chain
   * @param previousHash the hash of the chain's previous link
   * @return the chained record
   */
  public static AuditRecord chain(NewAuditRecord record, long sequence, String previousHash) {
    return new AuditRecord(
        sequence,
        record.id(),
        record.recordedAt(),
        record.event(),
        previousHash,
        AuditChain.hash(
            record.chainKey(),
            previousHash,
            sequence,
            record.id(),
            record.recordedAt(),
            record.event()));
  }

  /**
   * The owning tenant.
   *
   * @return the tenant of the event
   */
  public TenantId tenantId() {
    return event.tenantId();
  }

  /**
   * The stream, which is also the chain this record belongs to.
   *
   * @return the category of the event
   */
  public AuditCategory category() {
    return event.category();
  }

  /**
   * Whether {@link #hash} is the plain SHA-256 hash of the record's content and {@link
   * #previousHash}. A keyed link never matches here: check it with {@link
   * #hashMatches(AuditChainKey)}.
   *
   * @return true if the plain hash matches
   */
  public boolean hashMatches() {
    return AuditChain.hash(previousHash, sequence, id, recordedAt, event).equals(hash);
  }

  /**
   * Whether {@link #hash} is the link {@code key} makes of the record's content and {@link
   * #previousHash} (a keyed link naming another key id never matches). A plain hash is checked as
   * by {@link #hashMatches()}.
   *
   * @param key the chain key the link should have been made with
   * @return true if the link matches
   */
  public boolean hashMatches(AuditChainKey key) {
    Objects.requireNonNull(key, "key");
    AuditChainKey used = AuditChain.chainKeyId(hash) == null ? null : key;
    return AuditChain.hash(used, previousHash, sequence, id, recordedAt, event).equals(hash);
  }
}
