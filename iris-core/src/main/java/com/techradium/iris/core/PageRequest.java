package com.techradium.iris.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Asks for one page of a listing: at most {@code limit} items, continuing after the position an
 * earlier {@link Page#nextCursor()} returned (or from the start when the cursor is null).
 *
 * @param limit 1 to {@value #MAX_LIMIT} items
 * @param cursor an opaque cursor from the previous page, or null for the first page
 */
public record PageRequest(int limit, @Nullable String cursor) {
  /** The largest page a single call may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** The page size used by {@link #first()}. */
  public static final int DEFAULT_LIMIT = 50;

  /**
   * Creates a {@code PageRequest}, checking its components.
   *
   * @param limit 1 to {@value #MAX_LIMIT} items
   * @param cursor an opaque cursor from the previous page, or null for the first page
   * @throws ValidationException if a component is invalid, naming each offending field
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    if (cursor != null && cursor.isBlank()) {
      throw new ValidationException("cursor", "must not be blank");
    }
  }

  /**
   * The first page of {@value #DEFAULT_LIMIT} items.
   *
   * @return the first page with the default limit
   */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /**
   * The first page of {@code limit} items.
   *
   * @param limit the number of items per page
   * @return the first page with that limit
   */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /**
   * The page that follows the one that returned {@code cursor}, with the same limit.
   *
   * @param cursor the cursor returned by the previous page
   * @return the next page request
   */
  public PageRequest after(String cursor) {
    return new PageRequest(limit, cursor);
  }

  /**
   * The cursor, if this is not the first page.
   *
   * @return the cursor, or empty for the first page
   */
  public Optional<String> cursorValue() {
    return Optional.ofNullable(cursor);
  }
}
