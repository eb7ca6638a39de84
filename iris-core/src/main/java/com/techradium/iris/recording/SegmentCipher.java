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
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens the segments of one recording: AES-256-GCM under the recording key, one {@code
 * Cipher.doFinal} per segment, the nonce binding the segment index and the last-segment flag. The
 * header is bound through the key: in format version 2 the HKDF info is a label and the SHA-256 of
 * the whole stored header, and segments have no associated data (as in Tink's AES-GCM-HKDF
 * streaming AEAD); a version 1 recording, still read, derives its key from the label alone and has
 * the whole header as the associated data of every segment. Not thread-safe: one per stream.
 */
final class SegmentCipher {
  static final byte[] HKDF_LABEL_V2 = "IRIS recording v2".getBytes(StandardCharsets.US_ASCII);
  static final byte[] HKDF_INFO_V1 = "IRIS recording v1".getBytes(StandardCharsets.US_ASCII);
  static final int NONCE_LENGTH = 12;
  static final int KEY_LENGTH = 32;

  private final SecretKeySpec key;
  private final byte[] nonce = new byte[NONCE_LENGTH];
  private final byte @Nullable [] aad;
  private final Cipher cipher;

  SegmentCipher(byte[] dataKey, RecordingHeader header) {
    byte[] recordingKey = deriveKey(dataKey, header);
    this.key = new SecretKeySpec(recordingKey, "AES");
    Arrays.fill(recordingKey, (byte) 0);
    System.arraycopy(header.noncePrefix(), 0, nonce, 0, RecordingHeader.NONCE_PREFIX_LENGTH);
    this.aad = header.version() == RecordingHeader.VERSION_1 ? header.encode() : null;
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no AES/GCM/NoPadding", e);
    }
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
      SHA256Digest sha256 = new SHA256Digest();
      byte[] encoded = header.encoded();
      sha256.update(encoded, 0, encoded.length);
      info = Arrays.copyOf(HKDF_LABEL_V2, HKDF_LABEL_V2.length + sha256.getDigestSize());
      sha256.doFinal(info, HKDF_LABEL_V2.length);
    }
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(dataKey, header.salt(), info));
    byte[] out = new byte[KEY_LENGTH];
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
