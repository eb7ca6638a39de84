package com.techradium.iris.audit.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.IrisJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form of event metadata and before/after values, so that equal content always
 * hashes to equal bytes, whatever store kept it (PostgreSQL {@code jsonb} reorders keys and
 * rewrites spacing).
 *
 * <p>Canonical form: no insignificant whitespace; object members sorted by key ({@link
 * String#compareTo}, UTF-16 code units), duplicate keys resolved to the last one; strings escaped
 * as Jackson writes them (UTF-8, control characters as escapes); numbers as exact decimals in plain
 * notation without trailing zeros ({@code 1.50 -> 1.5}, {@code 1e2 -> 100}, {@code 100.0 -> 100}).
 * The form is idempotent: the canonical form of a canonical text is itself. NUL characters are
 * rejected, since PostgreSQL text and {@code jsonb} cannot hold them.
 *
 * <p>Thread-safe (stateless).
 */
public final class AuditJson {
  private static final ObjectMapper READER =
      IrisJson.mapper().copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Numbers whose plain notation would need more digits than this are rejected. */
  private static final int MAX_SCALE = 1000;

  private AuditJson() {}

  /**
   * Parses {@code json} and returns its canonical form. Text that is not JSON, or that contains a
   * NUL character, is a {@link ValidationException} on {@code field}.
   *
   * @param field the field named by a validation error
   * @param json the JSON text
   * @return the canonical JSON text
   */
  public static String canonical(String field, String json) {
    JsonNode node;
    try {
      node = READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(field, "is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new ValidationException(field, "must be a JSON document");
    }
    return canonical(field, node);
  }

  /**
   * The canonical form of an already parsed document (see {@link #canonical(String, String)}).
   *
   * @param field the field named by a validation error
   * @param node the parsed document
   * @return the canonical JSON text
   */
  public static String canonical(String field, JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = READER.getFactory().createGenerator(out)) {
      write(field, node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses canonical (or any) JSON into a tree, for embedding in exports.
   *
   * @param json the JSON text
   * @return the parsed tree
   */
  public static JsonNode tree(String json) {
    try {
      return READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  private static void write(String field, JsonNode node, JsonGenerator out) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> member : members) {
          rejectNul(field, member.getKey());
          out.writeFieldName(member.getKey());
          write(field, member.getValue(), out);
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode element : node) {
          write(field, element, out);
        }
        out.writeEndArray();
      }
      case STRING -> {
        rejectNul(field, node.textValue());
        out.writeString(node.textValue());
      }
      case NUMBER -> out.writeRawValue(plainNumber(field, node));
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL -> out.writeNull();
      default -> throw new ValidationException(field, "holds a value that is not plain JSON");
    }
  }

  private static String plainNumber(String field, JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal value = node.decimalValue().stripTrailingZeros();
    if (value.signum() == 0) {
      return "0";
    }
    if (Math.abs((long) value.scale()) > MAX_SCALE) {
      throw new ValidationException(field, "holds a number too large or too small to keep exactly");
    }
    return value.scale() <= 0 ? value.toBigIntegerExact().toString() : value.toPlainString();
  }

  private static void rejectNul(String field, String text) {
    if (text.indexOf('\0') >= 0) {
      throw new ValidationException(field, "must not contain NUL characters");
    }
    if (hasUnpairedSurrogate(text)) {
      throw new ValidationException(field, "must be valid Unicode (unpaired surrogate)");
    }
  }

  /**
   * Whether {@code text} holds a UTF-16 surrogate without its partner, which UTF-8 cannot encode:
   * stored, it would come back as another character and no longer match its hash.
   *
   * @param text the text to check
   * @return true if an unpaired surrogate occurs
   */
  public static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
