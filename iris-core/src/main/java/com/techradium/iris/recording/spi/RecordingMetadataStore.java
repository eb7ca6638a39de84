package com.techradium.iris.recording.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.Recording;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What is known about each recording ({@link Recording}): in memory in iris-core, on PostgreSQL in
 * iris-jdbc. Every method names the tenant, and nothing of one tenant is visible, changeable or
 * countable through another. Listings are ordered by recording id (UUIDv7, so by creation time).
 *
 * <p>Thread-safe; backend failures are {@link com.techradium.iris.core.StorageException}s with the
 * cause kept.
 */
public interface RecordingMetadataStore {
  /**
   * Adds a recording.
   *
   * @param recording the recording
   * @throws com.techradium.iris.core.ConflictException if the tenant has one with that id
   */
  void insert(Recording recording);

  /**
   * The tenant's recording with that id.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @return the recording, or empty if the tenant has none with that id
   */
  Optional<Recording> find(TenantId tenant, String recordingId);

  /**
   * Up to {@code limit} of the tenant's recordings with ids after {@code afterId}, in id order.
   *
   * @param tenant the owning tenant
   * @param afterId the id to list after, or null from the start
   * @param limit the most recordings returned
   * @return the recordings, in id order
   */
  List<Recording> list(TenantId tenant, @Nullable String afterId, int limit);

  /**
   * Up to {@code limit} of the tenant's recordings, with ids after {@code afterId} in id order,
   * whose data key is wrapped under a key other than {@code keyId}: what key rotation still has to
   * re-wrap.
   *
   * @param tenant the owning tenant
   * @param keyId the current master key's id
   * @param afterId the id to list after, or null from the start
   * @param limit the most recordings returned
   * @return the recordings, in id order
   */
  List<Recording> wrappedOtherThan(
      TenantId tenant, String keyId, @Nullable String afterId, int limit);

  /**
   * Replaces a recording's wrapped key if it is still {@code expected} (a compare-and-set, so two
   * rotations cannot lose each other's work), stamping {@code now} as its rotation time. Returns
   * whether it was replaced.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @param expected the wrapped key the recording must still have
   * @param replacement the new wrapped key
   * @param now the facade's current time
   * @return true if it was replaced
   */
  boolean replaceKey(
      TenantId tenant,
      String recordingId,
      WrappedKey expected,
      WrappedKey replacement,
      Instant now);

  /**
   * Deletes a recording's metadata; returns whether it existed.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @return true if it existed
   */
  boolean delete(TenantId tenant, String recordingId);

  /**
   * How many recordings the tenant has.
   *
   * @param tenant the owning tenant
   * @return the number of recordings
   */
  long count(TenantId tenant);
}
