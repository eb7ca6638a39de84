package com.techradium.iris.audit;

import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Signs checkpoints with HMAC-SHA256 (Bouncy Castle). Whoever verifies needs the same secret. The
 * key is copied; keep the original secret in the host's secret store. Thread-safe.
 */
public final class HmacCheckpointSigner implements CheckpointSigner {
  /** The shortest secret accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private final String keyId;
  private final byte[] key;

  /**
   * A signer for {@code key} (at least {@value #MIN_KEY_BYTES} bytes), identified by {@code keyId}.
   */
  public HmacCheckpointSigner(String keyId, byte[] key) {
    this.keyId = requireKeyId(keyId);
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key must be at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = key.clone();
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
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(payload, 0, payload.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    return org.bouncycastle.util.Arrays.constantTimeAreEqual(sign(payload), signature);
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
