package com.techradium.iris.recording;

import com.techradium.iris.core.TamperedDataException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Seals and opens the segments of one recording: AES-256-GCM under the recording key, one {@code
 * Cipher.doFinal} per segment, the nonce binding the segment index and the last-segment flag, the
 * header's authenticated part as associated data. Not thread-safe: one per stream.
 */
final class SegmentCipher {
  static final byte[] HKDF_INFO = "IRIS recording v1".getBytes(StandardCharsets.US_ASCII);
  static final int NONCE_LENGTH = 12;

  private final SecretKeySpec key;
  private final byte[] nonce = new byte[NONCE_LENGTH];
  private final byte[] aad;
  private final Cipher cipher;

  SegmentCipher(byte[] dataKey, RecordingHeader header) {
    byte[] recordingKey = deriveKey(dataKey, header.salt());
    this.key = new SecretKeySpec(recordingKey, "AES");
    Arrays.fill(recordingKey, (byte) 0);
    System.arraycopy(header.noncePrefix(), 0, nonce, 0, RecordingHeader.NONCE_PREFIX_LENGTH);
    this.aad = header.bound();
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no AES/GCM/NoPadding", e);
    }
  }

  /** HKDF-SHA256(ikm = data key, salt = header salt, info = "IRIS recording v1"), 32 bytes. */
  static byte[] deriveKey(byte[] dataKey, byte[] salt) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(dataKey, salt, HKDF_INFO));
    byte[] out = new byte[32];
    hkdf.generateBytes(out, 0, out.length);
    return out;
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
   * Seals {@code len} bytes of segment {@code index} into {@code out}; returns the bytes written.
   */
  int seal(long index, boolean last, byte[] in, int off, int len, byte[] out) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(index, last));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, off, len, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a segment", e);
    }
  }

  /**
   * Opens segment {@code index} ({@code len} bytes of ciphertext and tag) into {@code out}; returns
   * the plaintext length. Nothing is written to {@code out} unless the tag verifies.
   *
   * @throws TamperedDataException if it does not verify as that segment of this recording
   */
  int open(long index, boolean last, byte[] in, int off, int len, byte[] out) {
    if (len < RecordingHeader.TAG_LENGTH) {
      throw new TamperedDataException("recording is truncated inside segment " + index);
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nonce(index, last));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, off, len, out, 0);
    } catch (AEADBadTagException e) {
      throw new TamperedDataException(
          "segment " + index + " of the recording failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to open a segment", e);
    }
  }
}
