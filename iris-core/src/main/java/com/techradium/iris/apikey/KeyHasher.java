package com.techradium.iris.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Hashes keys for storage and lookup: HMAC-SHA256 under the host's pepper, or plain SHA-256 when no
 * pepper was given (the weaker mode: anyone holding a copy of the store can test guesses offline
 * without also holding the pepper). The output is lower-case hex. One {@link Mac} per thread, so
 * hashing takes no lock. Thread-safe.
 */
final class KeyHasher {
  private static final HexFormat HEX = HexFormat.of();

  private final @Nullable SecretKeySpec pepper;
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<MessageDigest> digests;

  KeyHasher(byte @Nullable [] pepper) {
    this.pepper = pepper == null ? null : new SecretKeySpec(pepper, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.digests = ThreadLocal.withInitial(KeyHasher::newDigest);
  }

  /** Whether keys are hashed under a pepper. */
  boolean peppered() {
    return pepper != null;
  }

  /** The hex hash of a key. */
  String hash(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    byte[] digest = pepper != null ? macs.get().doFinal(bytes) : digests.get().digest(bytes);
    return HEX.formatHex(digest);
  }

  /** Compares two hex hashes in time independent of where they differ. */
  static boolean sameHash(String a, @Nullable String b) {
    return b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      if (pepper != null) {
        mac.init(pepper);
      }
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
