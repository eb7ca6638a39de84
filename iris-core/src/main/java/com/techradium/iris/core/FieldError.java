package com.techradium.iris.core;

import java.util.Objects;

/**
 * One reason an input was rejected: the field (a dotted path such as {@code metadata.size} or
 * {@code events[3].actor}) and a message saying what is wrong with it.
 *
 * @param field the dotted path of the rejected field, as the caller named it
 * @param message what is wrong with the value, for example {@code "must not be blank"}
 */
public record FieldError(String field, String message) {
  /**
   * Creates a {@code FieldError}, checking its components.
   *
   * @param field the dotted path of the rejected field, as the caller named it
   * @param message what is wrong with the value, for example {@code "must not be blank"}
   */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
