package com.techradium.iris.audit;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signs checkpoints with Ed25519 (the JDK's {@code Ed25519} signature). The host keeps the 32-byte
 * private key; auditors verify with the 32-byte public key only, through {@link #verifier(String,
 * byte[])}. Keys are the raw encodings of RFC 8032. Thread-safe.
 */
public final class Ed25519CheckpointSigner implements CheckpointSigner {
  /** The length of a raw Ed25519 private key (seed) and of a public key, in bytes. */
  static final int KEY_SIZE = 32;

  /** The DER prefix of an Ed25519 public key's X.509 encoding, followed by its 32 raw bytes. */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private final String keyId;
  private final @Nullable PrivateKey privateKey;
  private final PublicKey publicKey;
  private final byte[] rawPublicKey;

  private Ed25519CheckpointSigner(
      String keyId, @Nullable PrivateKey privateKey, PublicKey publicKey, byte[] rawPublicKey) {
    this.keyId = HmacCheckpointSigner.requireKeyId(keyId);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.rawPublicKey = rawPublicKey;
  }

  /**
   * A signer for the 32-byte Ed25519 private key (seed).
   *
   * @param keyId the key id stored with each checkpoint
   * @param privateKey the 32-byte seed; copied
   * @return a signer that also verifies
   */
  public static Ed25519CheckpointSigner signer(String keyId, byte[] privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 private key is 32 bytes, got " + privateKey.length);
    }
    KeyPair pair = keyPairFromSeed(privateKey.clone());
    return new Ed25519CheckpointSigner(
        keyId, pair.getPrivate(), pair.getPublic(), rawPublicKey(pair.getPublic()));
  }

  /**
   * A verifier holding only the 32-byte public key: {@link #sign} is not available.
   *
   * @param keyId the key id the checkpoints carry
   * @param publicKey the 32-byte public key; copied
   * @return a verifier that cannot sign
   */
  public static Ed25519CheckpointSigner verifier(String keyId, byte[] publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, got " + publicKey.length);
    }
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_SIZE);
    System.arraycopy(publicKey, 0, encoded, X509_PREFIX.length, KEY_SIZE);
    PublicKey key;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
    return new Ed25519CheckpointSigner(keyId, null, key, publicKey.clone());
  }

  /**
   * The 32-byte public key, to hand to auditors.
   *
   * @return a copy of the public key
   */
  public byte[] publicKey() {
    return rawPublicKey.clone();
  }

  /**
   * Whether this instance can sign (it holds the private key).
   *
   * @return true if it holds the private key
   */
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
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 verification failed", e);
    }
  }

  @Override
  public String toString() {
    return "Ed25519CheckpointSigner[keyId=" + keyId + ", canSign=" + canSign() + "]";
  }

  /**
   * The key pair of a raw private key. The JDK has no call that derives an Ed25519 public key from
   * a private one, but its key pair generator draws the 32-byte private key from the random source
   * it is given and derives the public key (RFC 8032, 5.1.5); a source that returns the seed
   * therefore yields the pair. The result is checked, so a provider drawing differently fails here
   * rather than producing a wrong key.
   */
  private static KeyPair keyPairFromSeed(byte[] seed) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
    byte[] drawn =
        pair.getPrivate() instanceof EdECPrivateKey edec
            ? edec.getBytes().orElse(new byte[0])
            : new byte[0];
    if (!Arrays.equals(drawn, seed)) {
      throw new IllegalStateException("the Ed25519 provider did not use the given private key");
    }
    return pair;
  }

  private static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded.length != X509_PREFIX.length + KEY_SIZE
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalStateException("unexpected Ed25519 public key encoding");
    }
    return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
  }

  /** A random source that returns one seed: only for {@link #keyPairFromSeed}. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("expected a request for " + seed.length + " bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
