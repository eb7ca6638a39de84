package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event stamped by {@link AuditLog} and handed to {@link AuditStore#append}: the store adds the
 * sequence number and hashes. {@code recordedAt} is truncated to microseconds, the precision every
 * store keeps, so hashes computed before and after a round trip agree.
 *
 * @param id a UUIDv7, unique across tenants
 * @param recordedAt when the audit log accepted the event
 * @param event the validated content
 */
public record NewAuditRecord(UUID id, Instant recordedAt, AuditEvent event) {
  public NewAuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
  }
}
