package com.techradium.iris.recording.spi;

import com.techradium.iris.core.TenantId;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Where the encrypted bytes of recordings are kept: an object store with streamed writes and ranged
 * reads. It stores ciphertext only and never sees a key. Implementations: in memory and local files
 * in iris-core ({@code recording.memory}, {@code recording.file}), S3 in iris-aws.
 *
 * <p>Recordings are addressed by tenant and recording id; a store keeps tenants apart (the S3 store
 * and the file store put the tenant first in the object key or path). Thread-safe; failures of the
 * backend are {@link com.techradium.iris.core.StorageException}s with the cause kept.
 */
public interface RecordingStore {
  /**
   * Starts writing a recording; it appears, whole, when the upload is closed. Writing the id of an
   * existing recording replaces it when the upload is closed.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @return the upload to write the encrypted bytes to
   */
  RecordingUpload create(TenantId tenant, String recordingId);

  /**
   * The stored length of a recording, if it exists.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @return the length in bytes, or empty if the recording does not exist
   */
  OptionalLong size(TenantId tenant, String recordingId);

  /**
   * The stored bytes {@code [offset, offset + length)} of a recording (fewer if it ends first); the
   * caller closes the stream. A store reads only that range from its backend.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @param offset the first byte, from 0
   * @param length the most bytes to read
   * @return the stream of the bytes
   * @throws com.techradium.iris.core.NotFoundException if the recording does not exist
   */
  InputStream read(TenantId tenant, String recordingId, long offset, long length);

  /**
   * Deletes a recording; returns whether it existed.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @return true if it existed
   */
  boolean delete(TenantId tenant, String recordingId);
}
