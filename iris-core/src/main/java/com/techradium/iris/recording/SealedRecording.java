package com.techradium.iris.recording;

import com.techradium.iris.recording.spi.WrappedKey;
import java.util.Objects;

/**
 * What a finished {@link RecordingEncryptor} wrote.
 *
 * @param plaintextBytes audio bytes encrypted
 * @param ciphertextBytes bytes written to the sink: header, sealed segments and tags
 * @param segmentSize plaintext bytes per segment
 * @param providerId the key provider that wrapped the data key
 * @param key the wrapped data key, as written in the header
 * @param checksum CRC32C of every byte written to the sink, 8 lowercase hex digits (the checksum S3
 *     can verify natively; authenticity comes from the AES-GCM tags, not from this)
 */
public record SealedRecording(
    long plaintextBytes,
    long ciphertextBytes,
    int segmentSize,
    String providerId,
    WrappedKey key,
    String checksum) {
  /**
   * Creates a {@code SealedRecording}, checking its components.
   *
   * @param plaintextBytes audio bytes encrypted
   * @param ciphertextBytes bytes written to the sink: header, sealed segments and tags
   * @param segmentSize plaintext bytes per segment
   * @param providerId the key provider that wrapped the data key
   * @param key the wrapped data key, as written in the header
   * @param checksum CRC32C of every byte written to the sink, 8 lowercase hex digits (the checksum
   *     S3 can verify natively; authenticity comes from the AES-GCM tags, not from this)
   */
  public SealedRecording {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(checksum, "checksum");
  }
}
