package com.techradium.iris.jdbc.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.internal.IrisJson;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;

/** JSON columns of the monitor tables: tag maps and name lists. */
final class MonitorJson {
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private MonitorJson() {}

  static JSONB jsonb(Object value) {
    return JSONB.valueOf(IrisJson.write(value));
  }

  static Map<String, String> tags(String json) {
    return read(json, TAGS);
  }

  static List<String> names(JSONB json) {
    return read(json.data(), NAMES);
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return IrisJson.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StorageException("unreadable JSON column in a monitor table", e);
    }
  }
}
