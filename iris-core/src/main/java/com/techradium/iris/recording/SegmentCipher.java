package com.techradium.iris.recording;

import com.techradium.iris.core.TamperedDataException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens the segments of one recording: AES-256-GCM under the recording key, one {@code
 * Cipher.doFinal} per segment, the nonce binding the segment index and the last-segment flag. The
 * header is bound through the key: in format version 2 the HKDF info is a label and the SHA-256 of
 * the whole stored header, and segments have no associated data (as in Tink's AES-GCM-HKDF
 * streaming AEAD); a version 1 recording, still read, derives its key from the label alone and has
 * the whole header as the associated data of every segment. The key derivation (HKDF, RFC 5869)
 * runs on the JDK's HMAC-SHA256. The {@link Cipher} is borrowed from a {@link CipherPool} and given
 * back by {@link #release()}. Not thread-safe: one per stream.
 */
final class SegmentCipher {
  static final byte[] HKDF_LABEL_V2 = "IRIS recording v2".getBytes(StandardCharsets.US_ASCII);
  static final byte[] HKDF_INFO_V1 = "IRIS recording v1".getBytes(StandardCharsets.US_ASCII);
  static final int NONCE_LENGTH = 12;
  static final int KEY_LENGTH = 32;
  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;

  private final SecretKeySpec key;
  private final byte[] nonce = new byte[NONCE_LENGTH];
  private final byte @Nullable [] aad;
  private final CipherPool pool;
  private @Nullable Cipher cipher;

  SegmentCipher(byte[] dataKey, RecordingHeader header, CipherPool pool) {
    byte[] recordingKey = deriveKey(dataKey, header);
    this.key = new SecretKeySpec(recordingKey, "AES");
    Arrays.fill(recordingKey, (byte) 0);
    System.arraycopy(header.noncePrefix(), 0, nonce, 0, RecordingHeader.NONCE_PREFIX_LENGTH);
    this.aad = header.version() == RecordingHeader.VERSION_1 ? header.encode() : null;
    this.pool = pool;
    this.cipher = pool.take();
  }

  /** Gives the cipher back to the pool; sealing or opening afterwards fails. Idempotent. */
  void release() {
    Cipher held = cipher;
    if (held != null) {
      cipher = null;
      pool.give(held);
    }
  }

  private Cipher cipher() {
    Cipher held = cipher;
    if (held == null) {
      throw new IllegalStateException("the segment cipher was released");
    }
    return held;
  }

  /**
   * The recording key: HKDF-SHA256(ikm = data key, salt = header salt, info), 32 bytes, where info
   * is {@code "IRIS recording v2" || SHA-256(header)} in version 2 and {@code "IRIS recording v1"}
   * in version 1.
   */
  static byte[] deriveKey(byte[] dataKey, RecordingHeader header) {
    byte[] info;
    if (header.version() == RecordingHeader.VERSION_1) {
      info = HKDF_INFO_V1;
    } else {
      info = Arrays.copyOf(HKDF_LABEL_V2, HKDF_LABEL_V2.length + HASH_LENGTH);
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(header.encoded());
        sha256.digest(info, HKDF_LABEL_V2.length, HASH_LENGTH);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM has no SHA-256", e);
      }
    }
    return hkdfSha256(dataKey, header.salt(), info, KEY_LENGTH);
  }

  /**
   * HKDF-SHA256 (RFC 5869): extract with {@code salt} (HashLen zero bytes when empty), then expand
   * to {@code length} bytes with {@code info}.
   */
  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 0 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256 output length out of range: " + length);
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
      byte[] block = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(block, HMAC));
      byte[] out = new byte[length];
      int previous = 0;
      for (int done = 0, counter = 1; done < length; counter++) {
        mac.update(block, 0, previous);
        mac.update(info);
        mac.update((byte) counter);
        mac.doFinal(block, 0);
        previous = HASH_LENGTH;
        int n = Math.min(HASH_LENGTH, length - done);
        System.arraycopy(block, 0, out, done, n);
        done += n;
      }
      Arrays.fill(block, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no " + HMAC, e);
    }
  }

  private GCMParameterSpec nonce(long index, boolean last) {
    nonce[7] = (byte) (index >>> 24);
    nonce[8] = (byte) (index >>> 16);
    nonce[9] = (byte) (index >>> 8);
    nonce[10] = (byte) index;
    nonce[11] = (byte) (last ? 1 : 0);
    return new GCMParameterSpec(RecordingHeader.TAG_LENGTH * 8, nonce);
  }

  /**
   * Seals {@code len} bytes of segment {@code index} into the start of {@code out}; returns the
   * bytes written. {@code out} may be {@code in} when {@code off} is 0: sealed in place.
   */
  int seal(long index, boolean last, byte[] in, int off, int len, byte[] out) {
    Cipher cipher = cipher();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(index, last));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, off, len, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a segment", e);
    }
  }

  /**
   * Opens segment {@code index} ({@code len} bytes of ciphertext and tag) into {@code out}; returns
   * the plaintext length. Nothing is written to {@code out} unless the tag verifies. {@code out}
   * may be {@code in} when {@code off} is 0: opened in place.
   *
   * @throws TamperedDataException if it does not verify as that segment of this recording
   */
  int open(long index, boolean last, byte[] in, int off, int len, byte[] out) {
    if (len < RecordingHeader.TAG_LENGTH) {
      throw new TamperedDataException("recording is truncated inside segment " + index);
    }
    Cipher cipher = cipher();
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nonce(index, last));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, off, len, out, 0);
    } catch (AEADBadTagException e) {
      throw new TamperedDataException(
          "segment " + index + " of the recording failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to open a segment", e);
    }
  }
}
