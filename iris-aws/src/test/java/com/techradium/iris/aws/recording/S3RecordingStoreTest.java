package com.techradium.iris.aws.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.ByteRange;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.RecordingWriter;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import com.techradium.iris.testkit.recording.RecordingStoreContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3RecordingStore} against S3Proxy on loopback, through the AWS SDK S3 client. */
class S3RecordingStoreTest extends RecordingStoreContract {
  private static final String BUCKET = "iris-recordings";
  @TempDir static Path directory;
  private static S3ProxyServer server;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyServer(directory);
    s3 = server.client();
    s3.createBucket(r -> r.bucket(BUCKET));
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  private static S3RecordingStore multipart() {
    return S3RecordingStore.builder(s3, BUCKET)
        .prefix("recordings/")
        .partSize(S3RecordingStore.MIN_PART_SIZE)
        .build();
  }

  @Override
  protected RecordingStore newStore(Clock clock) {
    return multipart();
  }

  @Test
  void aLongRecordingIsUploadedInPartsWhileItIsEncryptedAndSeeksWithRangedGets() throws Exception {
    TenantId tenant = newTenant();
    RecordingVault vault =
        RecordingVault.builder()
            .keyProvider(LocalKeyProvider.ephemeral())
            .store(store())
            .metadataStore(new InMemoryRecordingMetadataStore())
            .build();
    MessageDigest written = MessageDigest.getInstance("SHA-256");
    Random random = new Random(3);
    byte[] chunk = new byte[64 * 1024];
    long total = 13L * 1024 * 1024 + 12_345;
    RecordingWriter writer =
        vault.begin(tenant, new NewRecording("long-call", "audio/wav", Duration.ofMinutes(20)));
    byte[] at6MiB = null;
    for (long sent = 0; sent < total; ) {
      random.nextBytes(chunk);
      int n = (int) Math.min(chunk.length, total - sent);
      if (sent <= 6L * 1024 * 1024 && 6L * 1024 * 1024 < sent + n) {
        int from = (int) (6L * 1024 * 1024 - sent);
        at6MiB = Arrays.copyOfRange(chunk, from, Math.min(n, from + 100));
      }
      writer.write(chunk, 0, n);
      written.update(chunk, 0, n);
      sent += n;
    }
    writer.close();
    Recording recording = writer.recording();

    MessageDigest read = MessageDigest.getInstance("SHA-256");
    vault.stream(
        tenant,
        recording.id(),
        RecordingAccess.user("u", "p"),
        new OutputStream() {
          @Override
          public void write(int b) {
            read.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            read.update(b, off, len);
          }
        });
    assertThat(read.digest()).isEqualTo(written.digest());
    assertThat(recording.sizeBytes()).isEqualTo(total);
    ByteArrayOutputStream range = new ByteArrayOutputStream();
    vault.stream(
        tenant,
        recording.id(),
        new ByteRange(6L * 1024 * 1024, 100),
        RecordingAccess.user("u", "p"),
        range);
    assertThat(range.toByteArray()).isEqualTo(at6MiB);
    assertThat(
            s3.headObject(r -> r.bucket(BUCKET).key(multipart().key(tenant, recording.id())))
                .eTag())
        .contains("-");
  }

  @Test
  void anAbortedMultipartUploadLeavesNoObjectAndNoPendingUpload() throws IOException {
    TenantId tenant = newTenant();
    RecordingUpload upload = store().create(tenant, "r1");
    upload.write(bytes(S3RecordingStore.MIN_PART_SIZE + 10, 1));
    upload.abort();

    assertThat(store().size(tenant, "r1")).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads())
        .noneMatch(u -> u.key().contains(tenant.value()));
  }

  @Test
  void thePartSizeHasS3sLowerBound() {
    assertThatThrownBy(() -> S3RecordingStore.builder(s3, BUCKET).partSize(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partSize must be between");
  }
}
