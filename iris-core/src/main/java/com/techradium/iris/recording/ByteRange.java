package com.techradium.iris.recording;

import com.techradium.iris.core.Validation;

/**
 * A range of a recording's audio bytes: {@code length} bytes from {@code offset}. An HTTP {@code
 * Range: bytes=first-last} header is {@link #inclusive(long, long)}.
 *
 * @param offset the first byte, from 0
 * @param length how many bytes, at least 1
 */
public record ByteRange(long offset, long length) {
  /**
   * Creates a {@code ByteRange}, checking its components.
   *
   * @param offset the first byte, from 0
   * @param length how many bytes, at least 1
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public ByteRange {
    Validation.of()
        .check(offset >= 0, "offset", "must not be negative")
        .check(length >= 1, "length", "must be at least 1")
        .throwIfInvalid();
  }

  /**
   * Bytes {@code first} to {@code last}, both included (HTTP's form).
   *
   * @param first the first byte, from 0
   * @param last the last byte, included
   * @return the range
   */
  public static ByteRange inclusive(long first, long last) {
    Validation.of()
        .check(first >= 0, "offset", "must not be negative")
        .check(last >= first, "length", "last must not be before first")
        .throwIfInvalid();
    return new ByteRange(first, last - first + 1);
  }

  /**
   * The byte after the range.
   *
   * @return the offset after the last byte
   */
  public long end() {
    return offset + length;
  }

  /** This range cut at {@code size} bytes (HTTP serves a range running past the end up to it). */
  ByteRange clampedTo(long size) {
    return new ByteRange(offset, Math.min(length, size - offset));
  }
}
