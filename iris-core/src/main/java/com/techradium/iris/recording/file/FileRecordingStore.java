package com.techradium.iris.recording.file;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A {@link RecordingStore} on a local (or mounted) filesystem: {@code <root>/<tenant>/<id>.rec}. An
 * upload is written to a temporary file in the tenant's directory and moved into place atomically
 * when it is closed, so a reader never sees half a recording and a crash leaves only a {@code
 * .part} file. Ranged reads position a file channel. Thread-safe.
 */
public final class FileRecordingStore implements RecordingStore {
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private final Path root;

  private FileRecordingStore(Path root) {
    this.root = root;
  }

  /**
   * A store under {@code root}, created if missing.
   *
   * @param root the directory recordings are kept under
   * @return the store
   */
  public static FileRecordingStore at(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StorageException("cannot create recording directory " + root, e);
    }
    return new FileRecordingStore(root.toAbsolutePath().normalize());
  }

  /** Where a recording's bytes live: ids other than plain letters, digits, '-' and '_' are hex. */
  Path path(TenantId tenant, String recordingId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    String name =
        PLAIN_ID.matcher(recordingId).matches()
            ? recordingId
            : "x" + HexFormat.of().formatHex(recordingId.getBytes(StandardCharsets.UTF_8));
    return root.resolve(tenant.value()).resolve(name + ".rec");
  }

  @Override
  public RecordingUpload create(TenantId tenant, String recordingId) {
    Path target = path(tenant, recordingId);
    try {
      Files.createDirectories(target.getParent());
      Path part = Files.createTempFile(target.getParent(), "upload-", ".part");
      return new FileUpload(part, target);
    } catch (IOException e) {
      throw new StorageException("cannot start recording " + recordingId, e);
    }
  }

  @Override
  public OptionalLong size(TenantId tenant, String recordingId) {
    Path path = path(tenant, recordingId);
    try {
      return OptionalLong.of(Files.size(path));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read the size of recording " + recordingId, e);
    }
  }

  @Override
  public InputStream read(TenantId tenant, String recordingId, long offset, long length) {
    Path path = path(tenant, recordingId);
    try {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      channel.position(Math.max(0, offset));
      InputStream in = Channels.newInputStream(channel);
      return new BoundedInputStream(in, Math.max(0, length));
    } catch (NoSuchFileException e) {
      throw NotFoundException.of("recording", recordingId);
    } catch (IOException e) {
      throw new StorageException("cannot read recording " + recordingId, e);
    }
  }

  @Override
  public boolean delete(TenantId tenant, String recordingId) {
    try {
      return Files.deleteIfExists(path(tenant, recordingId));
    } catch (IOException e) {
      throw new StorageException("cannot delete recording " + recordingId, e);
    }
  }

  @Override
  public String toString() {
    return "FileRecordingStore[" + root + "]";
  }

  private static final class FileUpload extends RecordingUpload {
    private final Path part;
    private final Path target;
    private final OutputStream out;
    private boolean done;

    FileUpload(Path part, Path target) throws IOException {
      this.part = part;
      this.target = target;
      this.out = Files.newOutputStream(part);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      out.close();
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    @Override
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        out.close();
      } catch (IOException ignored) {
        // the part file is removed below either way
      }
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // a leftover .part file holds ciphertext only
      }
    }
  }

  /** At most {@code remaining} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
