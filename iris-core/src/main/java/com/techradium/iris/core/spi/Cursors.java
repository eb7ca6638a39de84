package com.techradium.iris.core.spi;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes the opaque cursors in {@link Page}: a few key parts (for example a timestamp
 * and an id) packed into URL-safe Base64, so stores can page by keyset without exposing their
 * layout. A cursor that does not decode is a {@link ValidationException} on field {@code cursor}.
 */
public final class Cursors {
  private static final char SEPARATOR = '\u001F';

  private Cursors() {}

  /**
   * Packs the parts into one opaque cursor. Parts must not contain the unit separator U+001F.
   *
   * @param parts the values to pack, in order; none may contain U+001F
   * @return the opaque cursor
   */
  public static String encode(String... parts) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(SEPARATOR) >= 0) {
        throw new IllegalArgumentException("cursor part contains U+001F: part " + i);
      }
      if (i > 0) {
        joined.append(SEPARATOR);
      }
      joined.append(parts[i]);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Unpacks a cursor made by {@link #encode}, checking that it has {@code expectedParts} parts.
   *
   * @param cursor a cursor made by {@link #encode}
   * @param expectedParts the number of parts the caller packed
   * @return the parts, in the order they were packed
   * @throws ValidationException on field {@code cursor} if it is malformed or has another number of
   *     parts
   */
  public static List<String> decode(String cursor, int expectedParts) {
    String joined;
    try {
      joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
    List<String> parts = new ArrayList<>(expectedParts);
    int start = 0;
    for (int i = 0; i <= joined.length(); i++) {
      if (i == joined.length() || joined.charAt(i) == SEPARATOR) {
        parts.add(joined.substring(start, i));
        start = i + 1;
      }
    }
    if (parts.size() != expectedParts) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
    return List.copyOf(parts);
  }
}
