package com.techradium.iris.aws.recording;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link RecordingStore} on Amazon S3 (or any S3 API): one object per recording at {@code
 * <prefix><tenant>/<recording id>.rec}. Uploads are streamed: bytes are collected into parts of
 * {@code partSize} (default 8 MiB) and each full part is sent with {@code UploadPart} while the
 * recording is still being encrypted, so a two-hour recording never sits in memory; a recording
 * smaller than one part is one {@code PutObject}. The object appears only when the upload
 * completes; an aborted upload is aborted on S3 too (add a lifecycle rule expiring incomplete
 * multipart uploads for crashes). Reads are ranged {@code GetObject}s, so a seek fetches only the
 * segments it needs.
 *
 * <pre>{@code
 * S3RecordingStore store = S3RecordingStore.builder(s3, "acme-recordings").prefix("calls/").build();
 * }</pre>
 *
 * <p>Thread-safe; each upload is for one thread. The client is the host's and is never closed here.
 */
public final class S3RecordingStore implements RecordingStore {
  /** The smallest part S3 accepts (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  private S3RecordingStore(Builder builder) {
    this.s3 = builder.s3;
    this.bucket = builder.bucket;
    this.prefix = builder.prefix;
    this.partSize = builder.partSize;
  }

  /**
   * Starts configuring a store in {@code bucket} over a host-owned client.
   *
   * @param s3 the host's S3 client, with its region, endpoint and credentials; never closed here
   * @param bucket the bucket, which must exist; IRIS never creates or deletes buckets
   * @return a builder with no prefix and 8 MiB parts
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(S3Client s3, String bucket) {
    return new Builder(Objects.requireNonNull(s3, "s3"), Objects.requireNonNull(bucket, "bucket"));
  }

  /** The object key of a recording. */
  String key(TenantId tenant, String recordingId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    return prefix
        + tenant.value()
        + "/"
        + URLEncoder.encode(recordingId, StandardCharsets.UTF_8)
        + ".rec";
  }

  @Override
  public RecordingUpload create(TenantId tenant, String recordingId) {
    return new Upload(key(tenant, recordingId));
  }

  @Override
  public OptionalLong size(TenantId tenant, String recordingId) {
    String key = key(tenant, recordingId);
    try {
      return OptionalLong.of(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength());
    } catch (NoSuchKeyException e) {
      return OptionalLong.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw new StorageException("S3 HeadObject failed for recording " + recordingId, e);
    } catch (SdkException e) {
      throw new StorageException("S3 HeadObject failed for recording " + recordingId, e);
    }
  }

  @Override
  public InputStream read(TenantId tenant, String recordingId, long offset, long length) {
    String key = key(tenant, recordingId);
    if (length <= 0) {
      if (size(tenant, recordingId).isEmpty()) {
        throw NotFoundException.of("recording", recordingId);
      }
      return InputStream.nullInputStream();
    }
    long last = offset + length - 1 < 0 ? Long.MAX_VALUE : offset + length - 1;
    String range = "bytes=" + Math.max(0, offset) + "-" + last;
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key).range(range));
    } catch (NoSuchKeyException e) {
      throw NotFoundException.of("recording", recordingId);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw NotFoundException.of("recording", recordingId);
      }
      if (e.statusCode() == 416) {
        return InputStream.nullInputStream();
      }
      throw new StorageException("S3 GetObject failed for recording " + recordingId, e);
    } catch (SdkException e) {
      throw new StorageException("S3 GetObject failed for recording " + recordingId, e);
    }
  }

  @Override
  public boolean delete(TenantId tenant, String recordingId) {
    if (size(tenant, recordingId).isEmpty()) {
      return false;
    }
    String key = key(tenant, recordingId);
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (SdkException e) {
      throw new StorageException("S3 DeleteObject failed for recording " + recordingId, e);
    }
  }

  @Override
  public String toString() {
    return "S3RecordingStore[s3://" + bucket + "/" + prefix + "]";
  }

  /** One recording on its way to S3: a buffer of one part, sent as it fills. */
  private final class Upload extends RecordingUpload {
    private final String key;
    private final byte[] part = new byte[partSize];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private @Nullable String uploadId;
    private boolean done;

    Upload(String key) {
      this.key = key;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (done) {
        throw new IOException("upload is finished");
      }
      while (len > 0) {
        if (filled == part.length) {
          sendPart();
        }
        int n = Math.min(len, part.length - filled);
        System.arraycopy(b, off, part, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void sendPart() throws IOException {
      try {
        if (uploadId == null) {
          uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        }
        int number = parts.size() + 1;
        String etag =
            s3.uploadPart(
                    r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        filled = 0;
      } catch (SdkException e) {
        throw new IOException("S3 upload of " + key + " failed", e);
      }
    }

    /** Sends what is left and completes the upload: the object appears, whole. */
    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      try {
        if (uploadId == null) {
          s3.putObject(
              r -> r.bucket(bucket).key(key),
              RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
        } else {
          if (filled > 0) {
            sendPart();
          }
          s3.completeMultipartUpload(
              r ->
                  r.bucket(bucket)
                      .key(key)
                      .uploadId(uploadId)
                      .multipartUpload(m -> m.parts(parts)));
        }
        done = true;
      } catch (SdkException e) {
        abort();
        throw new IOException("S3 upload of " + key + " failed", e);
      }
    }

    @Override
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      if (uploadId != null) {
        try {
          s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
          // left for the bucket's lifecycle rule on incomplete multipart uploads
        }
      }
    }
  }

  /** Configures an {@link S3RecordingStore}. Not thread-safe. */
  public static final class Builder {
    private final S3Client s3;
    private final String bucket;
    private String prefix = "";
    private int partSize = 8 * 1024 * 1024;

    private Builder(S3Client s3, String bucket) {
      this.s3 = s3;
      this.bucket = bucket;
    }

    /**
     * A key prefix for every object, such as {@code "recordings/"}. Default: none.
     *
     * @param prefix put before {@code <tenant>/<recording id>.rec} as written (add the trailing
     *     {@code /} if wanted); empty for none
     * @return this builder
     * @throws NullPointerException if {@code prefix} is null
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Bytes per multipart part, {@value #MIN_PART_SIZE} (S3's minimum) to 512 MiB; each upload
     * holds one part in memory. Default 8 MiB.
     *
     * @param bytes the part size in bytes
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is below 5 MiB or above 512 MiB
     */
    public Builder partSize(int bytes) {
      if (bytes < MIN_PART_SIZE || bytes > 512 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "partSize must be between "
                + MIN_PART_SIZE
                + " and "
                + (512 * 1024 * 1024)
                + ", got "
                + bytes);
      }
      this.partSize = bytes;
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a new store; thread-safe as the client is
     */
    public S3RecordingStore build() {
      return new S3RecordingStore(this);
    }
  }
}
