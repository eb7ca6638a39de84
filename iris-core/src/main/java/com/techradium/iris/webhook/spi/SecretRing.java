package com.techradium.iris.webhook.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's signing keys as a store keeps them: sealed (encrypted and authenticated by the
 * dispatcher), never in plain text. During a rotation's grace period the previous key signs too.
 *
 * @param current the sealed current key
 * @param previous the sealed previous key; null outside a grace period
 * @param previousUntil when the previous key stops signing; null with no previous key
 */
public record SecretRing(
    byte[] current, byte @Nullable [] previous, @Nullable Instant previousUntil) {
  /**
   * Creates a {@code SecretRing}, checking its components.
   *
   * @param current the sealed current key
   * @param previous the sealed previous key; null outside a grace period
   * @param previousUntil when the previous key stops signing; null with no previous key
   * @throws IllegalArgumentException if only one of {@code previous} and {@code previousUntil} is
   *     set
   */
  public SecretRing {
    Objects.requireNonNull(current, "current");
    current = current.clone();
    previous = previous == null ? null : previous.clone();
    if ((previous == null) != (previousUntil == null)) {
      throw new IllegalArgumentException("previous and previousUntil go together");
    }
  }

  /**
   * The sealed current key (a copy).
   *
   * @return a copy of the sealed current key
   */
  @Override
  public byte[] current() {
    return current.clone();
  }

  /**
   * The sealed previous key (a copy), if any.
   *
   * @return a copy of the sealed previous key, or null
   */
  @Override
  public byte @Nullable [] previous() {
    return previous == null ? null : previous.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SecretRing r
        && java.util.Arrays.equals(current, r.current)
        && java.util.Arrays.equals(previous, r.previous)
        && Objects.equals(previousUntil, r.previousUntil);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(current) * 31 + Objects.hashCode(previousUntil);
  }

  @Override
  public String toString() {
    return "SecretRing[sealed, previousUntil=" + previousUntil + "]";
  }
}
