package com.techradium.iris.webhook;

import java.util.Objects;

/**
 * A type of event endpoints can subscribe to. Deployment-wide: every tenant shares the catalog.
 *
 * @param name dotted lower-case name, e.g. {@code call.completed}
 * @param description what it means, for people
 * @param schema the JSON Schema (draft 2020-12) every payload of this type must satisfy
 */
public record EventType(String name, String description, String schema) {
  /**
   * Creates an {@code EventType}, checking its components.
   *
   * @param name dotted lower-case name, e.g. {@code call.completed}
   * @param description what it means, for people
   * @param schema the JSON Schema (draft 2020-12) every payload of this type must satisfy
   */
  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(schema, "schema");
  }
}
