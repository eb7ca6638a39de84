package com.techradium.iris.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and the cursor to the next one. The cursor is opaque: pass it back through
 * {@link PageRequest#after(String)}. No cursor means this was the last page.
 *
 * @param <T> the item type
 * @param items the items of this page, in listing order; at most the requested limit
 * @param nextCursor the cursor to the next page, or null on the last page
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  /**
   * Creates a {@code Page}, copying its collections.
   *
   * @param items the items of this page, in listing order; at most the requested limit
   * @param nextCursor the cursor to the next page, or null on the last page
   */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * A page with no items and no successor.
   *
   * @param <T> the item type
   * @return the empty last page
   */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null);
  }

  /**
   * Whether another page follows this one.
   *
   * @return true if {@link #nextCursor()} is not null
   */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /**
   * The cursor to the next page, if there is one.
   *
   * @return the next cursor, or empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /**
   * The same page with every item converted.
   *
   * @param <R> the converted item type
   * @param mapper converts one item
   * @return a page of the converted items with the same cursor
   */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
  }

  /**
   * Builds a page from a result that was fetched with one extra row: if {@code fetched} holds more
   * than {@code limit} items, the extra one is dropped and the cursor is made from the last kept
   * item.
   *
   * @param <T> the item type
   * @param fetched up to {@code limit + 1} rows, in listing order
   * @param limit the page size the caller asked for
   * @param cursorOf makes the cursor from an item
   * @return the page
   */
  public static <T> Page<T> fromOverfetch(
      List<T> fetched, int limit, Function<? super T, String> cursorOf) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> kept = fetched.subList(0, limit);
    return new Page<>(kept, cursorOf.apply(kept.get(limit - 1)));
  }
}
