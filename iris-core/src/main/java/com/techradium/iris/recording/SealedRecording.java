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
 */
public record SealedRecording(
    long plaintextBytes, long ciphertextBytes, int segmentSize, String providerId, WrappedKey key) {
  /**
   * Creates a {@code SealedRecording}, checking its components.
   *
   * @param plaintextBytes audio bytes encrypted
   * @param ciphertextBytes bytes written to the sink: header, sealed segments and tags
   * @param segmentSize plaintext bytes per segment
   * @param providerId the key provider that wrapped the data key
   * @param key the wrapped data key, as written in the header
   */
  public SealedRecording {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(key, "key");
  }
}
