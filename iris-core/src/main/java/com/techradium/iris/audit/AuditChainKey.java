package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret key for a keyed hash chain ({@link AuditLogBuilder#chainKey}): each event's link is
 * HMAC-SHA256 under this key over the event's canonical encoding (which includes the previous
 * link), instead of plain SHA-256. Someone who can write to the audit tables but does not hold the
 * key cannot compute a link, so a forged append is detected even when its forger recomputed a plain
 * hash.
 *
 * <p>The host keeps the secret (a secret manager, a KMS-unwrapped data key) and hands it to every
 * process that records or verifies; the database never receives it. Stored links name the key by
 * {@link #keyId()} only (see {@link AuditChain}), so a new key can take over under a new id while
 * the old one keeps verifying the events it chained ({@link AuditLogBuilder#retiredChainKeys}). The
 * secret is copied and never returned; {@link #toString()} shows the key id only. Thread-safe.
 */
public final class AuditChainKey {
  /** The shortest secret accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private final String keyId;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /**
   * A chain key for {@code secret} (at least {@value #MIN_KEY_BYTES} bytes), identified by {@code
   * keyId} (1-128 characters without control characters, as for checkpoint keys).
   *
   * @param keyId the key's id, stored in every link
   * @param secret the HMAC secret; copied
   * @throws IllegalArgumentException if the secret is too short or the key id is not acceptable
   */
  public AuditChainKey(String keyId, byte[] secret) {
    this.keyId = HmacCheckpointSigner.requireKeyId(keyId);
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret must be at least " + MIN_KEY_BYTES + " bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * Identifies the key in every link it made.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * HMAC-SHA256 under this key of {@code length} bytes of {@code bytes} from {@code offset}: what
   * {@link AuditChain#hash(AuditChainKey, String, long, java.util.UUID, java.time.Instant,
   * AuditEvent)} computes over an event's canonical encoding.
   *
   * @param bytes the input
   * @param offset where the input starts in {@code bytes}
   * @param length how many bytes to digest
   * @return the 32-byte MAC
   */
  public byte[] hmac(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Mac mac = macs.get();
    mac.update(bytes, offset, length);
    return mac.doFinal();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the chain key was refused by HmacSHA256", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "AuditChainKey[keyId=" + keyId + ", key=***]";
  }
}
