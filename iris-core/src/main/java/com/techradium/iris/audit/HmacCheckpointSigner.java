package com.techradium.iris.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs checkpoints with HMAC-SHA256 (the JDK's {@code HmacSHA256}). Whoever verifies needs the
 * same secret. The key is copied; keep the original secret in the host's secret store. Thread-safe.
 */
public final class HmacCheckpointSigner implements CheckpointSigner {
  /** The shortest secret accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private final String keyId;
  private final SecretKeySpec key;

  /**
   * A signer for {@code key} (at least {@value #MIN_KEY_BYTES} bytes), identified by {@code keyId}.
   *
   * @param keyId the key id stored with each checkpoint
   * @param key the HMAC key; copied
   */
  public HmacCheckpointSigner(String keyId, byte[] key) {
    this.keyId = requireKeyId(keyId);
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key must be at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  @Override
  public String algorithm() {
    return "HMAC-SHA256";
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    return MessageDigest.isEqual(sign(payload), signature);
  }

  static String requireKeyId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isBlank()
        || keyId.length() > 128
        || keyId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "keyId must be 1-128 characters without control characters");
    }
    return keyId;
  }

  @Override
  public String toString() {
    return "HmacCheckpointSigner[keyId=" + keyId + ", key=***]";
  }
}
