package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditChainKey;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event stamped by {@link AuditLog} and handed to {@link AuditStore#append}: the store adds the
 * sequence number and hashes, with {@link AuditRecord#chain}. {@code recordedAt} is truncated to
 * microseconds, the precision every store keeps, so hashes computed before and after a round trip
 * agree.
 *
 * @param id a UUIDv7, unique across tenants
 * @param recordedAt when the audit log accepted the event
 * @param event the validated content
 * @param chainKey the key of a keyed chain, or null for the plain SHA-256 chain. It travels with
 *     the record inside the process only: a store passes it to {@link AuditRecord#chain} and never
 *     writes it anywhere ({@link AuditChainKey} gives no access to its secret).
 */
public record NewAuditRecord(
    UUID id, Instant recordedAt, AuditEvent event, @Nullable AuditChainKey chainKey) {
  /**
   * Creates a {@code NewAuditRecord}, checking its components.
   *
   * @param id a UUIDv7, unique across tenants
   * @param recordedAt when the audit log accepted the event
   * @param event the validated content
   * @param chainKey the key of a keyed chain, or null for the plain SHA-256 chain. It travels with
   *     the record inside the process only: a store passes it to {@link AuditRecord#chain} and
   *     never writes it anywhere ({@link AuditChainKey} gives no access to its secret).
   */
  public NewAuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * An event of a plain (unkeyed) chain.
   *
   * @param id the event's id
   * @param recordedAt when the event was recorded
   * @param event the event
   */
  public NewAuditRecord(UUID id, Instant recordedAt, AuditEvent event) {
    this(id, recordedAt, event, null);
  }
}
