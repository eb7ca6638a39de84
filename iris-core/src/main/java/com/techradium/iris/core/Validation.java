package com.techradium.iris.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.techradium.iris.core.internal.IrisJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
 * <p>This is the one place where IRIS checks text, JSON documents, instants and durations that
 * callers hand to a facade, so every facade applies the same rules before anything reaches a store:
 * text must be well-formed UTF-16 (no unpaired surrogate, which a database would store as {@code ?}
 * and so make two different values equal) and single-line; JSON must be exactly one value, with no
 * U+0000 (NUL) and no unpaired surrogate in any string, escaped or not (PostgreSQL rejects the
 * first and cannot store the second), and no repeated key in an object.
 *
 * <p><b>Nulls.</b> A facade's method parameter that is not marked nullable is a programming
 * contract: null there is a {@link NullPointerException} naming the parameter. A field of the input
 * data (a record component, a value set on a value builder before {@code build()}) is checked here:
 * a missing one is a {@link ValidationException} "is required" naming the field.
 *
 * <p>Not thread-safe; make one per call.
 */
public final class Validation {
  private final List<FieldError> errors = new ArrayList<>();

  private Validation() {}

  /**
   * A fresh collector with no errors.
   *
   * @return a new collector
   */
  public static Validation of() {
    return new Validation();
  }

  /**
   * Records {@code message} for {@code field} unless {@code ok}.
   *
   * @param ok the condition that must hold
   * @param field the field named by the error
   * @param message the error message
   * @return this collector
   */
  public Validation check(boolean ok, String field, String message) {
    if (!ok) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  /**
   * Requires a non-null value.
   *
   * @param field the field named by the error
   * @param value the value
   * @return this collector
   */
  public Validation required(String field, @Nullable Object value) {
    return check(value != null, field, "is required");
  }

  /**
   * Requires single-line text: not null, not blank, at most {@code maxLength} characters and no
   * control characters (which would let a value forge log lines or break exports).
   *
   * @param field the field named by the error
   * @param value the value
   * @param maxLength the largest allowed length, in UTF-16 chars
   * @return this collector
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

  /**
   * Like {@link #text} but accepts null; a present value must still be valid single-line text.
   *
   * @param field the field named by the error
   * @param value the value, or null
   * @param maxLength the largest allowed length, in UTF-16 chars
   * @return this collector
   */
  public Validation optionalText(String field, @Nullable String value, int maxLength) {
    if (value == null) {
      return this;
    }
    if (value.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
    } else if (hasControlCharacter(value)) {
      errors.add(new FieldError(field, "must not contain control characters"));
    } else if (!isWellFormed(value)) {
      errors.add(new FieldError(field, UNPAIRED_SURROGATE));
    }
    return this;
  }

  /**
   * Requires exactly one JSON value (object, array, string, number, boolean or null) of at most
   * {@code maxLength} characters, with nothing but whitespace after it, no repeated key in any
   * object, and no U+0000 (NUL) or unpaired surrogate in any string or key, whether written raw or
   * as an escape.
   *
   * @param field the field named by the error
   * @param value the JSON text, or null (accepted)
   * @param maxLength the largest allowed length, in UTF-16 chars
   * @return this collector
   */
  public Validation json(String field, @Nullable String value, int maxLength) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return this;
    }
    if (value.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
      return this;
    }
    if (!isWellFormed(value)) {
      errors.add(new FieldError(field, UNPAIRED_SURROGATE));
      return this;
    }
    String problem = jsonProblem(value);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
    }
    return this;
  }

  /**
   * Requires {@code earliest <= value <= latest} when {@code value} is present.
   *
   * @param field the field named by the error
   * @param value the instant, or null (accepted)
   * @param earliest the earliest allowed instant, inclusive
   * @param latest the latest allowed instant, inclusive
   * @return this collector
   */
  public Validation instant(
      String field, @Nullable Instant value, Instant earliest, Instant latest) {
    return check(
        value == null || (!value.isBefore(earliest) && !value.isAfter(latest)),
        field,
        "must be between " + earliest + " and " + latest);
  }

  /**
   * Requires {@code min <= value <= max} when {@code value} is present, compared without converting
   * to a number (so {@code Duration.ofSeconds(Long.MAX_VALUE)} is an error, not an overflow).
   *
   * @param field the field named by the error
   * @param value the duration, or null (accepted)
   * @param min the shortest allowed duration, inclusive
   * @param max the longest allowed duration, inclusive
   * @return this collector
   */
  public Validation duration(String field, @Nullable Duration value, Duration min, Duration max) {
    return check(
        value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0),
        field,
        "must be between " + min + " and " + max);
  }

  /**
   * Requires {@code min <= value <= max}.
   *
   * @param field the field named by the error
   * @param value the value
   * @param min the smallest allowed value, inclusive
   * @param max the largest allowed value, inclusive
   * @return this collector
   */
  public Validation range(String field, long value, long min, long max) {
    return check(value >= min && value <= max, field, "must be between " + min + " and " + max);
  }

  /**
   * Whether any error was recorded so far.
   *
   * @return true if at least one error was recorded
   */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws the collected errors, if any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static final String UNPAIRED_SURROGATE = "must not contain unpaired surrogate characters";

  private static @Nullable String jsonProblem(String json) {
    try (JsonParser parser = IrisJson.mapper().getFactory().createParser(json)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (parser.nextToken() == null) {
        return "must be a JSON value";
      }
      int depth = 0;
      JsonToken token = parser.currentToken();
      while (true) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
          String text = parser.getText();
          if (text.indexOf(0) >= 0) {
            return "must not contain the character U+0000 (NUL)";
          }
          if (!isWellFormed(text)) {
            return UNPAIRED_SURROGATE;
          }
        } else if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        if (depth == 0) {
          break;
        }
        token = parser.nextToken();
        if (token == null) {
          return "is not valid JSON: it ends early";
        }
      }
      if (parser.nextToken() != null) {
        return "must be exactly one JSON value: text follows it";
      }
      return null;
    } catch (JsonProcessingException e) {
      return "is not valid JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /**
   * Whether the text is well-formed UTF-16: every high surrogate is followed by a low one and every
   * low surrogate follows a high one.
   *
   * @param value the text to check
   * @return true if the text has no unpaired surrogate
   */
  public static boolean isWellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text holds a C0/C1 control character (tab, newline and NUL included).
   *
   * @param value the text to check
   * @return true if at least one control character occurs
   */
  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
