package com.techradium.iris.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and the cursor to the next one. The cursor is opaque: pass it back through
 * {@link PageRequest#after(String)}. No cursor means this was the last page.
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** A page with no items and no successor. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null);
  }

  /** Whether another page follows this one. */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /** The cursor to the next page, if there is one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** The same page with every item converted. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
  }

  /**
   * Builds a page from a result that was fetched with one extra row: if {@code fetched} holds more
   * than {@code limit} items, the extra one is dropped and the cursor is made from the last kept
   * item.
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
