package com.techradium.iris.recording.memory;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RecordingStore} in the JVM's heap: for tests, demos and small tools. An upload is kept
 * in memory until it is closed, so recordings must fit the heap. Thread-safe.
 */
public final class InMemoryRecordingStore implements RecordingStore {
  private final Map<Key, byte[]> blobs = new ConcurrentHashMap<>();

  private record Key(TenantId tenant, String recordingId) {}

  /** Creates an empty store. */
  public InMemoryRecordingStore() {}

  @Override
  public RecordingUpload create(TenantId tenant, String recordingId) {
    Key key = key(tenant, recordingId);
    return new RecordingUpload() {
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private boolean done;

      @Override
      public void write(int b) throws IOException {
        open();
        bytes.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        open();
        bytes.write(b, off, len);
      }

      private void open() throws IOException {
        if (done) {
          throw new IOException("upload is finished");
        }
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          blobs.put(key, bytes.toByteArray());
        }
      }

      @Override
      public void abort() {
        done = true;
        bytes.reset();
      }
    };
  }

  @Override
  public OptionalLong size(TenantId tenant, String recordingId) {
    byte[] blob = blobs.get(key(tenant, recordingId));
    return blob == null ? OptionalLong.empty() : OptionalLong.of(blob.length);
  }

  @Override
  public InputStream read(TenantId tenant, String recordingId, long offset, long length) {
    byte[] blob = blobs.get(key(tenant, recordingId));
    if (blob == null) {
      throw NotFoundException.of("recording", recordingId);
    }
    int from = (int) Math.min(blob.length, Math.max(0, offset));
    int to = (int) Math.min(blob.length, from + Math.max(0, length));
    return new ByteArrayInputStream(blob, from, to - from);
  }

  @Override
  public boolean delete(TenantId tenant, String recordingId) {
    return blobs.remove(key(tenant, recordingId)) != null;
  }

  /**
   * Overwrites the stored bytes of a recording, as an attacker with access to the store could: for
   * tamper tests.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @param stored the bytes to keep instead
   */
  public void replaceStoredBytes(TenantId tenant, String recordingId, byte[] stored) {
    blobs.put(key(tenant, recordingId), stored.clone());
  }

  private static Key key(TenantId tenant, String recordingId) {
    return new Key(
        Objects.requireNonNull(tenant, "tenant"),
        Objects.requireNonNull(recordingId, "recordingId"));
  }

  @Override
  public String toString() {
    return "InMemoryRecordingStore[" + blobs.size() + " recordings]";
  }
}
