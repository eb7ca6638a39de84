package com.techradium.iris.recording;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.WrappedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a stored recording. Holds no key material: the data key is kept wrapped.
 *
 * @param tenant whose recording it is
 * @param id the recording's id (UUIDv7 text, time-ordered)
 * @param callId the host's id of the call recorded
 * @param codec the audio codec or container, as the host named it (e.g. {@code "audio/wav"})
 * @param duration how long the recording lasts
 * @param sizeBytes the audio's length, in bytes
 * @param storedBytes the encrypted form's length in the recording store
 * @param segmentSize plaintext bytes per encrypted segment
 * @param keyProviderId the key provider that wrapped the data key
 * @param key the data key, wrapped under the master key named by its id; after a rotation this is
 *     newer than the copy in the stored header
 * @param checksum CRC32C of the stored bytes, 8 lowercase hex digits
 * @param createdAt when it was stored
 * @param keyRotatedAt when its data key was last re-wrapped, if ever
 */
public record Recording(
    TenantId tenant,
    String id,
    String callId,
    String codec,
    Duration duration,
    long sizeBytes,
    long storedBytes,
    int segmentSize,
    String keyProviderId,
    WrappedKey key,
    String checksum,
    Instant createdAt,
    @Nullable Instant keyRotatedAt) {
  /**
   * Creates a {@code Recording}, checking its components.
   *
   * @param tenant whose recording it is
   * @param id the recording's id (UUIDv7 text, time-ordered)
   * @param callId the host's id of the call recorded
   * @param codec the audio codec or container, as the host named it (e.g. {@code "audio/wav"})
   * @param duration how long the recording lasts
   * @param sizeBytes the audio's length, in bytes
   * @param storedBytes the encrypted form's length in the recording store
   * @param segmentSize plaintext bytes per encrypted segment
   * @param keyProviderId the key provider that wrapped the data key
   * @param key the data key, wrapped under the master key named by its id; after a rotation this is
   *     newer than the copy in the stored header
   * @param checksum CRC32C of the stored bytes, 8 lowercase hex digits
   * @param createdAt when it was stored
   * @param keyRotatedAt when its data key was last re-wrapped, if ever
   */
  public Recording {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(keyProviderId, "keyProviderId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * The same recording with its data key re-wrapped at {@code now}.
   *
   * @param replacement the new wrapped key
   * @param now the facade's current time
   * @return a copy
   */
  public Recording withKey(WrappedKey replacement, Instant now) {
    return new Recording(
        tenant,
        id,
        callId,
        codec,
        duration,
        sizeBytes,
        storedBytes,
        segmentSize,
        keyProviderId,
        replacement,
        checksum,
        createdAt,
        now);
  }
}
