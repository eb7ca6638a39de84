package com.techradium.iris.core;

import java.util.Objects;

/**
 * One reason an input was rejected: the field (a dotted path such as {@code metadata.size} or
 * {@code events[3].actor}) and a message saying what is wrong with it.
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
