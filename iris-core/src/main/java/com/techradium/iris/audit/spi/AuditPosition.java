package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.spi.Cursors;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in the time order of a tenant's events: ({@code recordedAt}, {@code id}), the order of
 * {@link AuditStore#query} (descending) and {@link AuditStore#scan} (ascending). Stores turn it
 * into and out of the opaque paging cursor with {@link #cursor()} and {@link #parse(String)}.
 *
 * @param recordedAt when the event was recorded
 * @param id the event's id, breaking ties between equal times
 */
public record AuditPosition(Instant recordedAt, UUID id) implements Comparable<AuditPosition> {
  private static final Comparator<AuditPosition> ORDER =
      Comparator.comparing(AuditPosition::recordedAt).thenComparing(AuditPosition::id);

  /**
   * Creates an {@code AuditPosition}, checking its components.
   *
   * @param recordedAt when the event was recorded
   * @param id the event's id, breaking ties between equal times
   */
  public AuditPosition {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The position of {@code record}.
   *
   * @param record a stored record
   * @return its position
   */
  public static AuditPosition of(AuditRecord record) {
    return new AuditPosition(record.recordedAt(), record.id());
  }

  /**
   * The opaque cursor for this position.
   *
   * @return the cursor text
   */
  public String cursor() {
    return Cursors.encode(
        Long.toString(recordedAt.getEpochSecond()),
        Integer.toString(recordedAt.getNano()),
        id.toString());
  }

  /**
   * Reads a cursor made by {@link #cursor()}; anything else is a ValidationException.
   *
   * @param cursor a cursor made by {@link #cursor()}
   * @return the position
   * @throws com.techradium.iris.core.ValidationException on field {@code cursor} if it is malformed
   */
  public static AuditPosition parse(String cursor) {
    List<String> parts = Cursors.decode(cursor, 3);
    try {
      return new AuditPosition(
          Instant.ofEpochSecond(Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1))),
          UUID.fromString(parts.get(2)));
    } catch (RuntimeException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }

  @Override
  public int compareTo(AuditPosition other) {
    return ORDER.compare(this, other);
  }
}
