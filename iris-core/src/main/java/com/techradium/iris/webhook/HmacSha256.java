package com.techradium.iris.webhook;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 (RFC 2104) under one key, of a message given in two parts. The SHA-256 states after
 * the key's inner and outer pads are computed once; each MAC copies them ({@link
 * MessageDigest#clone}) instead of hashing the padded key again, as {@link Mac} does on every
 * message: two of the twenty compressions a 1 KiB message costs. Where the digest cannot be copied
 * (a provider without {@code clone}) each thread keeps a {@link Mac} instead. Thread-safe.
 */
final class HmacSha256 {
  private static final String HMAC = "HmacSHA256";
  private static final int BLOCK = 64;

  private final MessageDigest inner;
  private final MessageDigest outer;

  /** A {@link Mac} per thread, only where the digest cannot be copied. */
  private final @Nullable ThreadLocal<Mac> macs;

  HmacSha256(byte[] key) {
    inner = sha256();
    outer = sha256();
    byte[] block = key.length > BLOCK ? sha256().digest(key) : key;
    byte[] innerPad = new byte[BLOCK];
    byte[] outerPad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte k = i < block.length ? block[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
    inner.update(innerPad);
    outer.update(outerPad);
    macs = copyable(inner) ? null : macsOf(new SecretKeySpec(key, HMAC));
  }

  private static ThreadLocal<Mac> macsOf(SecretKeySpec key) {
    return ThreadLocal.withInitial(
        () -> {
          try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable on this JVM", e);
          }
        });
  }

  /** The MAC of {@code first} followed by {@code second}. */
  byte[] mac(byte[] first, byte[] second) {
    if (macs != null) {
      Mac mac = macs.get();
      mac.update(first);
      return mac.doFinal(second);
    }
    MessageDigest in = copy(inner);
    in.update(first);
    in.update(second);
    MessageDigest out = copy(outer);
    out.update(in.digest());
    return out.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable on this JVM", e);
    }
  }

  private static boolean copyable(MessageDigest digest) {
    try {
      digest.clone();
      return true;
    } catch (CloneNotSupportedException e) {
      return false;
    }
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("a digest that copied before no longer does", e);
    }
  }
}
