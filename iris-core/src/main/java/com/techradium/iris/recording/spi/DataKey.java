package com.techradium.iris.recording.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fresh 256-bit data key from {@link KeyProvider#generateDataKey}: the plaintext key, which
 * encrypts recordings, and the same key wrapped by the provider's master key, which is stored
 * beside them. The plaintext never appears in {@link #toString()}; {@link #destroy()} overwrites it
 * when it is no longer needed.
 */
public final class DataKey {
  /** The length of every data key, in bytes (AES-256). */
  public static final int LENGTH = 32;

  private final byte[] plaintext;
  private final WrappedKey wrapped;

  /**
   * Pairs a data key with its wrapped form.
   *
   * @param plaintext the 32-byte key (copied)
   * @param wrapped the key wrapped by the provider's current master key
   */
  public DataKey(byte[] plaintext, WrappedKey wrapped) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length != LENGTH) {
      throw new IllegalArgumentException("plaintext must be " + LENGTH + " bytes");
    }
    this.plaintext = plaintext.clone();
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
  }

  /**
   * A copy of the plaintext key.
   *
   * @return a copy of the 32-byte key
   */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  /**
   * The key wrapped by the provider's master key.
   *
   * @return the wrapped key
   */
  public WrappedKey wrapped() {
    return wrapped;
  }

  /** Overwrites the plaintext held by this object with zeros. */
  public void destroy() {
    Arrays.fill(plaintext, (byte) 0);
  }

  @Override
  public String toString() {
    return "DataKey[" + wrapped + "]";
  }
}
