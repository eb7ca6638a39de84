package com.techradium.iris.recording.spi;

import com.techradium.iris.core.ValidationException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A data key encrypted ("wrapped") by a {@link KeyProvider}: which master key wrapped it and the
 * provider's ciphertext. Not secret on its own — it is useless without the master key — but its
 * bytes are still left out of {@link #toString()}. Immutable; equal when key id and bytes are.
 */
public final class WrappedKey {
  /** The longest key id accepted (a KMS key ARN is well under this). */
  public static final int MAX_KEY_ID_LENGTH = 512;

  /** The largest wrapped key accepted, in bytes. */
  public static final int MAX_BYTES = 4096;

  private final String keyId;
  private final byte[] ciphertext;

  /**
   * A wrapped key.
   *
   * @param keyId the provider's name for the master key that wrapped it (a local key version, a KMS
   *     key ARN): printable ASCII, 1 to {@value #MAX_KEY_ID_LENGTH} characters
   * @param ciphertext the wrapped bytes, 1 to {@value #MAX_BYTES}
   */
  public WrappedKey(String keyId, byte[] ciphertext) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (keyId.isEmpty() || keyId.length() > MAX_KEY_ID_LENGTH || !printableAscii(keyId)) {
      throw new ValidationException(
          "keyId", "must be 1-" + MAX_KEY_ID_LENGTH + " printable ASCII characters");
    }
    if (ciphertext.length == 0 || ciphertext.length > MAX_BYTES) {
      throw new ValidationException("ciphertext", "must hold 1-" + MAX_BYTES + " bytes");
    }
    this.keyId = keyId;
    this.ciphertext = ciphertext.clone();
  }

  static boolean printableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * The master key that wrapped the data key.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * A copy of the wrapped bytes.
   *
   * @return a copy of the wrapped bytes
   */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * The wrapped bytes in Base64, for text columns and logs of key ids.
   *
   * @return the Base64 text
   */
  public String ciphertextBase64() {
    return Base64.getEncoder().encodeToString(ciphertext);
  }

  /**
   * How many wrapped bytes there are.
   *
   * @return the number of wrapped bytes
   */
  public int length() {
    return ciphertext.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WrappedKey that
        && keyId.equals(that.keyId)
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "WrappedKey[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
  }
}
