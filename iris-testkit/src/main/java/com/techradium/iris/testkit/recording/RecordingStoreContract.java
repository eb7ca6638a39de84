package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.ByteRange;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import com.techradium.iris.testkit.ContractSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RecordingStore} must show: streamed uploads that appear whole only
 * when closed, ranged reads, deletes, tenants kept apart, and a vault serving byte ranges over it.
 * An adapter's test extends this class and implements {@link #newStore}.
 */
public abstract class RecordingStoreContract extends ContractSupport<RecordingStore> {

  /** Constructor for an adapter's test, which extends this suite. */
  public RecordingStoreContract() {}

  /**
   * Random bytes, the same for the same seed.
   *
   * @param length how many bytes
   * @param seed the seed of {@link Random}
   * @return {@code length} pseudo-random bytes
   */
  protected static byte[] bytes(int length, long seed) {
    byte[] out = new byte[length];
    new Random(seed).nextBytes(out);
    return out;
  }

  /**
   * Uploads {@code content} as {@code id} in writes of 10,000 bytes and closes the upload, so the
   * recording is stored when this returns.
   *
   * @param store the store to write to
   * @param tenant the recording's tenant
   * @param id the recording's id
   * @param content the whole recording
   * @throws IOException if the store fails to write or complete the upload
   */
  protected static void put(RecordingStore store, TenantId tenant, String id, byte[] content)
      throws IOException {
    try (RecordingUpload upload = store.create(tenant, id)) {
      int step = 10_000;
      for (int off = 0; off < content.length; off += step) {
        upload.write(content, off, Math.min(step, content.length - off));
      }
    }
  }

  /**
   * Reads {@code [offset, offset + length)} of a stored recording.
   *
   * @param store the store to read from
   * @param tenant the recording's tenant
   * @param id the recording's id
   * @param offset the first byte to read
   * @param length how many bytes to read at most
   * @return the bytes read, fewer than {@code length} at the end of the recording
   * @throws UncheckedIOException if the store fails to read
   */
  protected static byte[] read(
      RecordingStore store, TenantId tenant, String id, long offset, long length) {
    try (InputStream in = store.read(tenant, id, offset, length)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Uploads and whole reads. */
  @Nested
  class Uploads {
    @Test
    void aClosedUploadReadsBackWhole() throws IOException {
      TenantId tenant = newTenant();
      byte[] content = bytes(300_000, 1);
      String id = newId();
      put(store(), tenant, id, content);

      assertThat(store().size(tenant, id)).hasValue(content.length);
      assertThat(read(store(), tenant, id, 0, content.length)).isEqualTo(content);
    }

    @Test
    void anEmptyUploadIsStoredEmpty() throws IOException {
      TenantId tenant = newTenant();
      String id = newId();
      put(store(), tenant, id, new byte[0]);

      assertThat(store().size(tenant, id)).hasValue(0);
    }

    @Test
    void anUploadIsInvisibleUntilClosed() throws IOException {
      TenantId tenant = newTenant();
      String id = newId();
      RecordingUpload upload = store().create(tenant, id);
      upload.write(bytes(1000, 2));

      assertThat(store().size(tenant, id)).isEmpty();
      upload.close();
      assertThat(store().size(tenant, id)).hasValue(1000);
    }

    @Test
    void anAbortedUploadLeavesNothing() throws IOException {
      TenantId tenant = newTenant();
      String id = newId();
      RecordingUpload upload = store().create(tenant, id);
      upload.write(bytes(50_000, 3));
      upload.abort();
      upload.abort();

      assertThat(store().size(tenant, id)).isEmpty();
      assertThatThrownBy(() -> read(store(), tenant, id, 0, 1))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSecondUploadOfAnIdReplacesTheFirst() throws IOException {
      TenantId tenant = newTenant();
      String id = newId();
      put(store(), tenant, id, bytes(5000, 4));
      put(store(), tenant, id, bytes(7000, 5));

      assertThat(read(store(), tenant, id, 0, 7000)).isEqualTo(bytes(7000, 5));
    }

    @Test
    void manyUploadsAtOnceAllArriveIntact() throws Exception {
      TenantId tenant = newTenant();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          int seed = i;
          ids.add(
              pool.submit(
                  () -> {
                    String id = newId();
                    put(store(), tenant, id, bytes(40_000 + seed, seed));
                    return id;
                  }));
        }
        for (int i = 0; i < ids.size(); i++) {
          String id = ids.get(i).get();
          assertThat(read(store(), tenant, id, 0, 1 << 20)).isEqualTo(bytes(40_000 + i, i));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Ranged reads and deletes. */
  @Nested
  class Reads {
    @Test
    void aRangedReadReturnsExactlyThatRange() throws IOException {
      TenantId tenant = newTenant();
      byte[] content = bytes(200_000, 6);
      String id = newId();
      put(store(), tenant, id, content);

      assertThat(read(store(), tenant, id, 65_552, 1024))
          .isEqualTo(Arrays.copyOfRange(content, 65_552, 65_552 + 1024));
      assertThat(read(store(), tenant, id, 0, 1)).containsExactly(content[0]);
    }

    @Test
    void aRangePastTheEndStopsAtTheEnd() throws IOException {
      TenantId tenant = newTenant();
      byte[] content = bytes(1000, 7);
      String id = newId();
      put(store(), tenant, id, content);

      assertThat(read(store(), tenant, id, 900, 500))
          .isEqualTo(Arrays.copyOfRange(content, 900, 1000));
    }

    @Test
    void readingAMissingRecordingIsNotFound() {
      assertThatThrownBy(() -> read(store(), newTenant(), newId(), 0, 10))
          .isInstanceOf(NotFoundException.class);
      assertThat(store().size(newTenant(), newId())).isEmpty();
    }

    @Test
    void deleteRemovesTheRecordingOnce() throws IOException {
      TenantId tenant = newTenant();
      String id = newId();
      put(store(), tenant, id, bytes(100, 8));

      assertThat(store().delete(tenant, id)).isTrue();
      assertThat(store().delete(tenant, id)).isFalse();
      assertThat(store().size(tenant, id)).isEmpty();
    }

    @Test
    void aVaultServesRangesOverThisStore() throws IOException {
      TenantId tenant = newTenant();
      RecordingVault vault =
          RecordingVault.builder()
              .context(IrisContext.builder().clock(clock).build())
              .keyProvider(LocalKeyProvider.ephemeral())
              .store(store())
              .metadataStore(new InMemoryRecordingMetadataStore())
              .segmentSize(4096)
              .build();
      byte[] audio = bytes(50_000, 9);
      Recording recording =
          vault.store(
              tenant,
              new NewRecording("call-1", "audio/wav", Duration.ofSeconds(3)),
              new ByteArrayInputStream(audio));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      vault.stream(
          tenant,
          recording.id(),
          ByteRange.inclusive(4000, 9000),
          RecordingAccess.user("u", "test"),
          out);

      assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(audio, 4000, 9001));
      assertThat(store().size(tenant, recording.id())).hasValue(recording.storedBytes());
    }

    @Test
    void theMetadataChecksumIsTheCrc32cOfWhatThisStoreHolds() throws IOException {
      TenantId tenant = newTenant();
      RecordingVault vault =
          RecordingVault.builder()
              .context(IrisContext.builder().clock(clock).build())
              .keyProvider(LocalKeyProvider.ephemeral())
              .store(store())
              .metadataStore(new InMemoryRecordingMetadataStore())
              .segmentSize(4096)
              .build();
      for (int length : new int[] {0, 4096, 50_000}) {
        Recording recording =
            vault.store(
                tenant,
                new NewRecording("call-" + length, "audio/wav", Duration.ofSeconds(1)),
                new ByteArrayInputStream(bytes(length, length)));
        CRC32C crc = new CRC32C();
        crc.update(read(store(), tenant, recording.id(), 0, Long.MAX_VALUE));

        assertThat(recording.checksum())
            .as("%d bytes of audio", length)
            .isEqualTo(String.format("%08x", crc.getValue()));
      }
    }
  }

  /** Nothing of tenant A is readable, changeable or countable through tenant B. */
  @Nested
  class Tenancy {
    @Test
    void anotherTenantCannotReadSizeOrDeleteARecording() throws IOException {
      TenantId a = newTenant();
      TenantId b = newTenant();
      String id = newId();
      put(store(), a, id, bytes(1000, 10));

      assertThat(store().size(b, id)).isEmpty();
      assertThatThrownBy(() -> read(store(), b, id, 0, 10)).isInstanceOf(NotFoundException.class);
      assertThat(store().delete(b, id)).isFalse();
      assertThat(store().size(a, id)).hasValue(1000);
    }

    @Test
    void theSameIdUnderTwoTenantsIsTwoRecordings() throws IOException {
      TenantId a = newTenant();
      TenantId b = newTenant();
      String id = newId();
      put(store(), a, id, bytes(100, 11));
      put(store(), b, id, bytes(200, 12));

      assertThat(read(store(), a, id, 0, 1000)).isEqualTo(bytes(100, 11));
      assertThat(read(store(), b, id, 0, 1000)).isEqualTo(bytes(200, 12));
    }
  }
}
