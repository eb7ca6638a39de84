package com.techradium.iris.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was rejected before anything was written. {@link #errors()} names every offending field and
 * why; the message lists them too, so a log line alone is enough to fix the call.
 */
public class ValidationException extends IrisException {
  private static final long serialVersionUID = 1L;

  /** The rejected fields, never empty. */
  private final List<FieldError> errors;

  /**
   * Creates the exception for every rejected field.
   *
   * @param errors the rejected fields with their reasons; not empty
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public ValidationException(List<FieldError> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one field error");
    }
    this.errors = List.copyOf(errors);
  }

  /**
   * Creates the exception for one rejected field.
   *
   * @param field the dotted path of the field
   * @param message what is wrong with it
   */
  public ValidationException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  /**
   * Every rejected field with its reason, in the order they were found.
   *
   * @return the rejected fields, never empty
   */
  public List<FieldError> errors() {
    return errors;
  }

  /**
   * Whether the given field is among the rejected ones.
   *
   * @param field the dotted path of a field
   * @return true if that field was rejected
   */
  public boolean hasErrorFor(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  private static String describe(List<FieldError> errors) {
    return "invalid input: "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
