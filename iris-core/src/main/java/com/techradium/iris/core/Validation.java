package com.techradium.iris.core;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects field errors for one input and throws them together as a {@link ValidationException}.
 * Facades validate everything before they write anything, so a rejected call changes nothing.
 *
 * <pre>{@code
 * Validation.of()
 *     .text("actor", actor, 200)
 *     .check(priority >= 0 && priority <= 10, "priority", "must be between 0 and 10")
 *     .throwIfInvalid();
 * }</pre>
 *
 * <p>Not thread-safe; make one per call.
 */
public final class Validation {
  private final List<FieldError> errors = new ArrayList<>();

  private Validation() {}

  /** A fresh collector with no errors. */
  public static Validation of() {
    return new Validation();
  }

  /** Records {@code message} for {@code field} unless {@code ok}. */
  public Validation check(boolean ok, String field, String message) {
    if (!ok) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  /** Requires a non-null value. */
  public Validation required(String field, @Nullable Object value) {
    return check(value != null, field, "is required");
  }

  /**
   * Requires single-line text: not null, not blank, at most {@code maxLength} characters and no
   * control characters (which would let a value forge log lines or break exports).
   */
  public Validation text(String field, @Nullable String value, int maxLength) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
    } else {
      optionalText(field, value, maxLength);
    }
    return this;
  }

  /** Like {@link #text} but accepts null; a present value must still be valid single-line text. */
  public Validation optionalText(String field, @Nullable String value, int maxLength) {
    if (value == null) {
      return this;
    }
    if (value.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
    } else if (hasControlCharacter(value)) {
      errors.add(new FieldError(field, "must not contain control characters"));
    }
    return this;
  }

  /** Requires {@code min <= value <= max}. */
  public Validation range(String field, long value, long min, long max) {
    return check(value >= min && value <= max, field, "must be between " + min + " and " + max);
  }

  /** Whether any error was recorded so far. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws the collected errors, if any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Whether the text holds a C0/C1 control character (tab, newline and NUL included). */
  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
