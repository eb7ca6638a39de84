package com.techradium.iris.recording;

import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.recording.spi.WrappedKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header of a recording (docs/RECORDING_FORMAT.md). The whole header, exactly as stored, is
 * bound to every segment, so changing any byte of it fails every segment: in format version 2
 * through the key derivation (its SHA-256 is part of the HKDF info), in version 1, which is still
 * read, as the associated data of every segment. It is written once and never rewritten: key
 * rotation records a newer wrapping of the same data key in the metadata store.
 */
record RecordingHeader(
    int segmentSize,
    byte[] salt,
    byte[] noncePrefix,
    TenantId tenant,
    String recordingId,
    String providerId,
    WrappedKey key,
    byte[] encoded,
    int length) {
  // encoded: the whole header as stored, bound to every segment

  static final byte[] MAGIC = {'I', 'R', 'C', 'R'};

  /** The version written: the header bound through the key derivation, no associated data. */
  static final int VERSION = 2;

  /** The first version, still read: the whole header is the associated data of every segment. */
  static final int VERSION_1 = 1;

  static final int ALGORITHM_AES256_GCM_HKDF_SHA256 = 1;
  static final int SALT_LENGTH = 32;
  static final int NONCE_PREFIX_LENGTH = 7;
  static final int TAG_LENGTH = 16;
  static final int FIXED_LENGTH = 4 + 1 + 1 + 4 + 4 + SALT_LENGTH + NONCE_PREFIX_LENGTH;
  static final int MAX_LENGTH = 16 * 1024;
  static final int MIN_SEGMENT_SIZE = 1024;
  static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
  static final int MAX_ID_LENGTH = 128;
  static final String NOT_A_RECORDING = "not an IRIS recording of format version 1 or 2";

  /** A header for a new recording, encoded. */
  static RecordingHeader create(
      int segmentSize,
      byte[] salt,
      byte[] noncePrefix,
      TenantId tenant,
      String recordingId,
      String providerId,
      WrappedKey key) {
    byte[] tenantBytes = tenant.value().getBytes(StandardCharsets.US_ASCII);
    byte[] idBytes = recordingId.getBytes(StandardCharsets.UTF_8);
    byte[] providerBytes = providerId.getBytes(StandardCharsets.US_ASCII);
    byte[] keyIdBytes = key.keyId().getBytes(StandardCharsets.US_ASCII);
    byte[] wrapped = key.ciphertext();
    int length =
        FIXED_LENGTH
            + 2
            + tenantBytes.length
            + 2
            + idBytes.length
            + 2
            + providerBytes.length
            + 2
            + keyIdBytes.length
            + 2
            + wrapped.length;
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(MAGIC)
        .put((byte) VERSION)
        .put((byte) ALGORITHM_AES256_GCM_HKDF_SHA256)
        .putInt(length)
        .putInt(segmentSize)
        .put(salt)
        .put(noncePrefix);
    putField(out, tenantBytes);
    putField(out, idBytes);
    putField(out, providerBytes);
    putField(out, keyIdBytes);
    putField(out, wrapped);
    byte[] encoded = out.array();
    return new RecordingHeader(
        segmentSize,
        salt.clone(),
        noncePrefix.clone(),
        tenant,
        recordingId,
        providerId,
        key,
        encoded,
        length);
  }

  private static void putField(ByteBuffer out, byte[] value) {
    out.putShort((short) value.length).put(value);
  }

  /** The encoded header (a copy). */
  byte[] encode() {
    return encoded.clone();
  }

  /** The format version of this header: {@link #VERSION} or {@link #VERSION_1}. */
  int version() {
    return encoded[4];
  }

  /**
   * The total header length announced by the first bytes of a recording (at least {@link
   * #FIXED_LENGTH} of them).
   *
   * @throws TamperedDataException if they are not the start of a recording of a version read here
   */
  static int announcedLength(byte[] start) {
    if (start.length < FIXED_LENGTH
        || !Arrays.equals(start, 0, 4, MAGIC, 0, 4)
        || (start[4] != VERSION && start[4] != VERSION_1)
        || start[5] != ALGORITHM_AES256_GCM_HKDF_SHA256) {
      throw new TamperedDataException(NOT_A_RECORDING);
    }
    int length = ByteBuffer.wrap(start, 6, 4).getInt();
    if (length < FIXED_LENGTH + 10 || length > MAX_LENGTH) {
      throw new TamperedDataException("recording header has an impossible length");
    }
    return length;
  }

  /**
   * Parses a whole header.
   *
   * @throws TamperedDataException if it is malformed
   */
  static RecordingHeader parse(byte[] header) {
    int length = announcedLength(header);
    if (header.length != length) {
      throw new TamperedDataException("recording header is truncated");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(header);
      in.position(10);
      int segmentSize = in.getInt();
      if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
        throw new TamperedDataException("recording header has an impossible segment size");
      }
      byte[] salt = new byte[SALT_LENGTH];
      in.get(salt);
      byte[] prefix = new byte[NONCE_PREFIX_LENGTH];
      in.get(prefix);
      String tenant = new String(field(in), StandardCharsets.US_ASCII);
      String recordingId = new String(field(in), StandardCharsets.UTF_8);
      String providerId = new String(field(in), StandardCharsets.US_ASCII);
      String keyId = new String(field(in), StandardCharsets.US_ASCII);
      byte[] wrapped = field(in);
      if (in.hasRemaining()) {
        throw new TamperedDataException("recording header has trailing bytes");
      }
      return new RecordingHeader(
          segmentSize,
          salt,
          prefix,
          TenantId.of(tenant),
          recordingId,
          providerId,
          new WrappedKey(keyId, wrapped),
          header.clone(),
          length);
    } catch (java.nio.BufferUnderflowException | ValidationException e) {
      throw new TamperedDataException("recording header is malformed", e);
    }
  }

  private static byte[] field(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    byte[] value = new byte[length];
    in.get(value);
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordingHeader that && Arrays.equals(encoded, that.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "RecordingHeader[" + tenant + "/" + recordingId + ", " + key + "]";
  }
}
