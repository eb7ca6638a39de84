package com.techradium.iris.audit;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.jspecify.annotations.Nullable;

/**
 * Signs checkpoints with Ed25519 (Bouncy Castle). The host keeps the 32-byte private key; auditors
 * verify with the public key only, through {@link #verifier(String, byte[])}. Thread-safe.
 */
public final class Ed25519CheckpointSigner implements CheckpointSigner {
  private final String keyId;
  private final @Nullable Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKeyParameters publicKey;

  private Ed25519CheckpointSigner(
      String keyId,
      @Nullable Ed25519PrivateKeyParameters privateKey,
      Ed25519PublicKeyParameters publicKey) {
    this.keyId = HmacCheckpointSigner.requireKeyId(keyId);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A signer for the 32-byte Ed25519 private key (seed). */
  public static Ed25519CheckpointSigner signer(String keyId, byte[] privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 private key is 32 bytes, got " + privateKey.length);
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(privateKey, 0);
    return new Ed25519CheckpointSigner(keyId, key, key.generatePublicKey());
  }

  /** A verifier holding only the 32-byte public key: {@link #sign} is not available. */
  public static Ed25519CheckpointSigner verifier(String keyId, byte[] publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, got " + publicKey.length);
    }
    return new Ed25519CheckpointSigner(keyId, null, new Ed25519PublicKeyParameters(publicKey, 0));
  }

  /** The 32-byte public key, to hand to auditors. */
  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  /** Whether this instance can sign (it holds the private key). */
  public boolean canSign() {
    return privateKey != null;
  }

  @Override
  public String algorithm() {
    return "Ed25519";
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /**
   * Signs {@code payload}.
   *
   * @throws IllegalStateException if this is a {@linkplain #verifier verifier} without private key
   */
  @Override
  public byte[] sign(byte[] payload) {
    if (privateKey == null) {
      throw new IllegalStateException("this Ed25519 instance holds only the public key");
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(payload, 0, payload.length);
    return signer.generateSignature();
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, publicKey);
    verifier.update(payload, 0, payload.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public String toString() {
    return "Ed25519CheckpointSigner[keyId=" + keyId + ", canSign=" + canSign() + "]";
  }
}
