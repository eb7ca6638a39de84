package com.techradium.iris.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditJson;
import com.techradium.iris.core.TenantId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Re-verifies a JSON Lines export offline, without access to the audit store: every line is
 * re-hashed with {@link AuditChain} and compared to its recorded hash, and where a line's sequence
 * follows the previous line of the same chain, its previous hash must equal that line's hash. An
 * export of a keyed chain needs its {@linkplain AuditChainKey chain keys} ({@link #verify(Reader,
 * Collection)}): a keyed line is checked with the key it names, and a line with a plain hash
 * following a keyed one fails, as in {@link AuditLog#verify}. Reads line by line in constant
 * memory. Stateless and thread-safe.
 *
 * <pre>{@code
 * try (Reader in = Files.newBufferedReader(path)) {
 *   ExportVerification result = AuditExportVerifier.verify(in);
 * }
 * }</pre>
 */
public final class AuditExportVerifier {
  private AuditExportVerifier() {}

  /**
   * Verifies the export read from {@code jsonLines} of plain (unkeyed) chains; a keyed line fails,
   * its key not being given. The reader is not closed.
   *
   * @param jsonLines the export, as written by {@link AuditLog#exportJsonLines(AuditQuery,
   *     Accessor, java.io.Writer)}
   * @return whether every line verified, and the first problem otherwise
   */
  public static ExportVerification verify(Reader jsonLines) {
    return verify(jsonLines, ChainKeyring.NONE);
  }

  /**
   * Verifies the export read from {@code jsonLines}, checking keyed lines with {@code chainKeys}
   * (the current and retired keys of the log; distinct key ids). The reader is not closed.
   *
   * @param jsonLines the export
   * @param chainKeys the chain keys to check keyed lines with
   * @return whether every line verified, and the first problem otherwise
   * @throws IllegalArgumentException if two keys share a key id
   */
  public static ExportVerification verify(Reader jsonLines, Collection<AuditChainKey> chainKeys) {
    Objects.requireNonNull(jsonLines, "jsonLines");
    Objects.requireNonNull(chainKeys, "chainKeys");
    return verify(jsonLines, new ChainKeyring(null, chainKeys, "chainKeys"));
  }

  private static ExportVerification verify(Reader jsonLines, ChainKeyring keys) {
    BufferedReader reader =
        jsonLines instanceof BufferedReader buffered ? buffered : new BufferedReader(jsonLines);
    Map<AuditCategory, AuditRecord> lastOfChain = new EnumMap<>(AuditCategory.class);
    long lineNumber = 0;
    long links = 0;
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        lineNumber++;
        AuditRecord record;
        try {
          record = parse(line);
        } catch (RuntimeException e) {
          return new ExportVerification(
              lineNumber, links, lineNumber, "not an audit export line: " + e.getMessage());
        }
        ChainBreak badLink = keys.check(record);
        if (badLink != null) {
          return new ExportVerification(
              lineNumber,
              links,
              lineNumber,
              "event " + record.id() + " (#" + record.sequence() + "): " + badLink.detail());
        }
        AuditRecord last = lastOfChain.get(record.category());
        if (last != null && last.sequence() + 1 == record.sequence()) {
          links++;
          if (!last.hash().equals(record.previousHash())) {
            return new ExportVerification(
                lineNumber,
                links,
                lineNumber,
                "event #"
                    + record.sequence()
                    + " does not follow event #"
                    + last.sequence()
                    + " of chain "
                    + record.category());
          }
        }
        lastOfChain.put(record.category(), record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ExportVerification(lineNumber, links, 0, null);
  }

  /**
   * Reads one export line back into the record it was written from.
   *
   * @param line one line of a JSON Lines export
   * @return the record
   */
  public static AuditRecord parse(String line) {
    JsonNode node = AuditJson.tree(line);
    List<String> recordIds = new ArrayList<>();
    node.path("recordIds").forEach(id -> recordIds.add(id.asText()));
    AuditEvent event =
        new AuditEvent(
            TenantId.of(text(node, "tenantId")),
            AuditCategory.valueOf(text(node, "category")),
            text(node, "actorId"),
            ActorType.valueOf(text(node, "actorType")),
            text(node, "action"),
            Outcome.valueOf(text(node, "outcome")),
            Severity.valueOf(text(node, "severity")),
            optional(node, "targetType"),
            optional(node, "targetId"),
            optional(node, "ipAddress"),
            optional(node, "userAgent"),
            optional(node, "requestId"),
            enumValue(SecurityEventKind.class, optional(node, "securityKind")),
            enumValue(DataCategory.class, optional(node, "dataCategory")),
            recordIds,
            optional(node, "purpose"),
            json(node, "metadata"),
            json(node, "before"),
            json(node, "after"));
    return new AuditRecord(
        node.path("sequence").asLong(),
        UUID.fromString(text(node, "id")),
        Instant.parse(text(node, "recordedAt")),
        event,
        text(node, "previousHash"),
        text(node, "hash"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.textValue();
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static @Nullable String json(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : AuditJson.canonical(field, value);
  }

  private static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, @Nullable String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }
}
