package com.techradium.iris.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.techradium.iris.core.internal.IrisJson;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes records as JSON Lines and CSV. A JSON line is one object with the members, in this order:
 * sequence, id, recordedAt (ISO-8601, microseconds), tenantId, category, actorId, actorType,
 * action, outcome, severity, targetType, targetId, ipAddress, userAgent, requestId, securityKind,
 * dataCategory, recordIds (array), purpose, metadata, before, after (JSON values, embedded as
 * JSON), previousHash, hash. Absent values are {@code null}. Every member the hash covers is
 * present, so {@link AuditExportVerifier} can recompute it. The CSV has the same columns with a
 * header row; recordIds, metadata, before and after are JSON text in their cells.
 */
final class AuditExportFormat {
  static final List<String> COLUMNS =
      List.of(
          "sequence",
          "id",
          "recordedAt",
          "tenantId",
          "category",
          "actorId",
          "actorType",
          "action",
          "outcome",
          "severity",
          "targetType",
          "targetId",
          "ipAddress",
          "userAgent",
          "requestId",
          "securityKind",
          "dataCategory",
          "recordIds",
          "purpose",
          "metadata",
          "before",
          "after",
          "previousHash",
          "hash");

  private static final JsonFactory JSON =
      IrisJson.mapper().getFactory().copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private AuditExportFormat() {}

  /**
   * Opens a JSON Lines generator on {@code out}; closing it flushes but does not close {@code out}.
   */
  static JsonGenerator jsonLines(Writer out) throws IOException {
    JsonGenerator json = JSON.createGenerator(out);
    json.setRootValueSeparator(null);
    return json;
  }

  static void writeJsonLine(JsonGenerator json, AuditRecord record) throws IOException {
    AuditEvent e = record.event();
    {
      json.writeStartObject();
      json.writeNumberField("sequence", record.sequence());
      json.writeStringField("id", record.id().toString());
      json.writeStringField("recordedAt", record.recordedAt().toString());
      json.writeStringField("tenantId", e.tenantId().value());
      json.writeStringField("category", e.category().name());
      json.writeStringField("actorId", e.actorId());
      json.writeStringField("actorType", e.actorType().name());
      json.writeStringField("action", e.action());
      json.writeStringField("outcome", e.outcome().name());
      json.writeStringField("severity", e.severity().name());
      json.writeStringField("targetType", e.targetType());
      json.writeStringField("targetId", e.targetId());
      json.writeStringField("ipAddress", e.ipAddress());
      json.writeStringField("userAgent", e.userAgent());
      json.writeStringField("requestId", e.requestId());
      json.writeStringField("securityKind", name(e.securityKind()));
      json.writeStringField("dataCategory", name(e.dataCategory()));
      json.writeArrayFieldStart("recordIds");
      for (String id : e.recordIds()) {
        json.writeString(id);
      }
      json.writeEndArray();
      json.writeStringField("purpose", e.purpose());
      rawField(json, "metadata", e.metadata());
      rawField(json, "before", e.before());
      rawField(json, "after", e.after());
      json.writeStringField("previousHash", record.previousHash());
      json.writeStringField("hash", record.hash());
      json.writeEndObject();
    }
    json.writeRaw('\n');
  }

  static void writeCsvHeader(Writer out) throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write("\r\n");
  }

  static void writeCsvRow(Writer out, AuditRecord record) throws IOException {
    AuditEvent e = record.event();
    String[] cells = {
      Long.toString(record.sequence()),
      record.id().toString(),
      record.recordedAt().toString(),
      e.tenantId().value(),
      e.category().name(),
      e.actorId(),
      e.actorType().name(),
      e.action(),
      e.outcome().name(),
      e.severity().name(),
      e.targetType(),
      e.targetId(),
      e.ipAddress(),
      e.userAgent(),
      e.requestId(),
      name(e.securityKind()),
      name(e.dataCategory()),
      IrisJson.write(e.recordIds()),
      e.purpose(),
      e.metadata(),
      e.before(),
      e.after(),
      record.previousHash(),
      record.hash()
    };
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      writeCsvCell(out, cells[i]);
    }
    out.write("\r\n");
  }

  private static void writeCsvCell(Writer out, @Nullable String value) throws IOException {
    if (value == null || value.isEmpty()) {
      return;
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      out.write(value);
      return;
    }
    out.write('"');
    out.write(value.replace("\"", "\"\""));
    out.write('"');
  }

  private static void rawField(JsonGenerator json, String name, @Nullable String canonical)
      throws IOException {
    json.writeFieldName(name);
    if (canonical == null) {
      json.writeNull();
    } else {
      json.writeRawValue(canonical);
    }
  }

  private static @Nullable String name(@Nullable Enum<?> value) {
    return value == null ? null : value.name();
  }
}
