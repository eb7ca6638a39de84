package com.techradium.iris.core.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks every facade builder applies to its setters, so the same mistake gets the same
 * exception and wording in every facade:
 *
 * <ul>
 *   <li>a part set twice: {@link IllegalStateException} "{@code <part> was already set}";
 *   <li>a number out of range: {@link IllegalArgumentException} "{@code <name> must be between
 *       <min> and <max>, got <value>}";
 *   <li>a duration that is not positive: {@link IllegalArgumentException} "{@code <name> must be at
 *       least 1 ms, got <value>}";
 *   <li>a second entry under one key (a handler for a type): {@link IllegalStateException} "{@code
 *       <kind> <key> was already set}".
 * </ul>
 *
 * <pre>{@code
 * public FooBuilder store(FooStore store) {
 *   this.store = BuilderChecks.setOnce("store", this.store, store);
 *   return this;
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BuilderChecks {
  private BuilderChecks() {}

  /**
   * Returns {@code value} if the part was not set before.
   *
   * @throws NullPointerException naming the part if {@code value} is null
   * @throws IllegalStateException if {@code current} is not null
   */
  public static <T> T setOnce(String part, @Nullable Object current, T value) {
    Objects.requireNonNull(value, part);
    if (current != null) {
      throw alreadySet(part);
    }
    return value;
  }

  /**
   * Marks a part with a default (a primitive or a non-null default) as set, throwing if it was set
   * before: call as {@code clockSet = BuilderChecks.markSet("clock", clockSet)}.
   *
   * @throws IllegalStateException if {@code alreadySet}
   */
  public static boolean markSet(String part, boolean alreadySet) {
    if (alreadySet) {
      throw alreadySet(part);
    }
    return true;
  }

  /** The exception for a part set twice: "{@code <part> was already set}". */
  public static IllegalStateException alreadySet(String part) {
    return new IllegalStateException(part + " was already set");
  }

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @throws IllegalArgumentException "{@code <name> must be between <min> and <max>, got <value>}"
   */
  public static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @throws IllegalArgumentException "{@code <name> must be between <min> and <max>, got <value>}"
   */
  public static long inRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least one millisecond.
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be at least 1 ms, got <value>}"
   */
  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(ONE_MILLI) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it lies between one millisecond and {@code max}, compared without
   * converting to a number (a duration of {@code Long.MAX_VALUE} seconds is rejected, not
   * overflowed).
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be between 1 ms and <max>, got <value>}"
   */
  public static Duration positive(String name, Duration value, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(ONE_MILLI) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + max + ", got " + value);
    }
    return value;
  }

  private static final Duration ONE_MILLI = Duration.ofMillis(1);

  /**
   * The exception for a second entry under one key, e.g. {@code duplicate("handler for type",
   * "email.send")}: "{@code handler for type email.send was already set}".
   */
  public static IllegalStateException duplicate(String kind, String key) {
    return new IllegalStateException(kind + " " + key + " was already set");
  }
}
