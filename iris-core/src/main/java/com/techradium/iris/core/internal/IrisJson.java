package com.techradium.iris.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.techradium.iris.core.ValidationException;

/**
 * The JSON configuration IRIS uses for payloads and metadata: ISO-8601 instants, sorted map keys
 * (so equal content serialises to equal bytes), unknown properties tolerated on read.
 *
 * <p>The mapper is shared and thread-safe; do not reconfigure it. Use {@link #mapper()}{@code
 * .copy()} for a variant.
 */
public final class IrisJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private IrisJson() {}

  /** The shared, configured mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses {@code json} as a JSON document, rejecting text that is not JSON with a {@link
   * ValidationException} on {@code field}.
   */
  public static JsonNode parse(String field, String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new ValidationException(field, "must be a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ValidationException(field, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Serialises a value; a value Jackson cannot write is a programming error. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
    }
  }
}
