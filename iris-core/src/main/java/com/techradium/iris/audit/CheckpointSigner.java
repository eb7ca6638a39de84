package com.techradium.iris.audit;

/**
 * Signs and verifies {@linkplain Checkpoint checkpoints} with a key the host supplies (from its
 * secret manager or KMS). Two implementations ship: {@link HmacCheckpointSigner} (HMAC-SHA256, one
 * shared secret) and {@link Ed25519CheckpointSigner} (Ed25519, so auditors can verify with the
 * public key alone).
 *
 * <p>Implementations must be thread-safe.
 */
public interface CheckpointSigner {
  /**
   * The algorithm name stored with each checkpoint, e.g. {@code "HMAC-SHA256"}.
   *
   * @return the algorithm name
   */
  String algorithm();

  /**
   * Identifies the key, so checkpoints signed by another key are recognised as such.
   *
   * @return the key id
   */
  String keyId();

  /**
   * Signs {@code payload}.
   *
   * @param payload the bytes to sign
   * @return the signature
   */
  byte[] sign(byte[] payload);

  /**
   * Whether {@code signature} is a valid signature of {@code payload} under this key.
   *
   * @param payload the signed bytes
   * @param signature the signature to check
   * @return true if it verifies
   */
  boolean verify(byte[] payload, byte[] signature);
}
