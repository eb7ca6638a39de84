package com.techradium.iris.webhook;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The event types of one dispatcher with their compiled schemas. Deployment-wide and fixed at
 * build. Thread-safe once built.
 */
final class EventCatalog {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private record Entry(EventType type, Schema schema) {}

  private final Map<String, Entry> types = new LinkedHashMap<>();

  EventCatalog(Collection<EventType> all) {
    for (EventType type : all) {
      types.put(type.name(), new Entry(type, compile(type)));
    }
  }

  /**
   * The compiled schema of a type.
   *
   * @throws IllegalArgumentException if the schema is not a valid JSON Schema
   */
  static Schema compile(EventType type) {
    try {
      return REGISTRY.getSchema(type.schema(), InputFormat.JSON);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "schema of event type " + type.name() + " is not a JSON Schema: " + e.getMessage(), e);
    }
  }

  boolean contains(String name) {
    return types.containsKey(name);
  }

  List<EventType> all() {
    return types.values().stream().map(Entry::type).toList();
  }

  Optional<EventType> get(String name) {
    return Optional.ofNullable(types.get(name)).map(Entry::type);
  }

  /**
   * The schema's complaints about {@code payload}, at most five; empty if it conforms, null if it
   * is not one JSON document. The payload is read once, by the validator.
   */
  @Nullable List<String> problems(String name, String payload) {
    Entry entry = types.get(name);
    if (entry == null) {
      return List.of("unknown event type");
    }
    if (payload.isBlank()) {
      return null;
    }
    List<Error> errors;
    try {
      errors = entry.schema().validate(payload, InputFormat.JSON);
    } catch (JacksonException notJson) {
      return null;
    }
    return errors.stream().limit(5).map(Error::getMessage).toList();
  }
}
