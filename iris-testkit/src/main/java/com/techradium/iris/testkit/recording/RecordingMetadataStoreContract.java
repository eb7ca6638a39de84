package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.WrappedKey;
import com.techradium.iris.testkit.ContractSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RecordingMetadataStore} must show. An adapter's test extends this
 * class and implements {@link #newStore}; tests use fresh tenants, so one shared store will do.
 */
public abstract class RecordingMetadataStoreContract
    extends ContractSupport<RecordingMetadataStore> {
  private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

  /** Constructor for an adapter's test, which extends this suite. */
  public RecordingMetadataStoreContract() {}

  /**
   * A wrapped key with id {@code keyId}.
   *
   * @param keyId the id of the master key that wrapped it
   * @param bytes the wrapped bytes, as text (stored as its UTF-8 bytes)
   * @return the wrapped key
   */
  protected static WrappedKey key(String keyId, String bytes) {
    return new WrappedKey(keyId, bytes.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A recording of {@code tenant} with every field set, its key under {@code keyId}, created at the
   * test clock's now (to the microsecond).
   *
   * @param tenant the recording's tenant
   * @param keyId the id of the master key that wrapped its data key
   * @return a new recording with a fresh id, not yet inserted
   */
  protected Recording recording(TenantId tenant, String keyId) {
    return new Recording(
        tenant,
        ids.next().toString(),
        "call-" + ids.next(),
        "audio/wav",
        Duration.ofMillis(93_250),
        1_234_567L,
        1_234_891L,
        65_536,
        "local",
        key(keyId, "wrapped-" + keyId),
        "1a2b3c4d",
        clock.instant().truncatedTo(ChronoUnit.MICROS),
        null);
  }

  /** Inserts, finds, lists, counts and deletes. */
  @Nested
  class Records {
    @Test
    void anInsertedRecordingIsFoundWithEveryField() {
      Recording recording = recording(newTenant(), "k1");
      store().insert(recording);

      assertThat(store().find(recording.tenant(), recording.id())).contains(recording);
    }

    @Test
    void aSecondInsertOfAnIdIsAConflict() {
      Recording recording = recording(newTenant(), "k1");
      store().insert(recording);

      assertThatThrownBy(() -> store().insert(recording)).isInstanceOf(ConflictException.class);
      assertThat(store().count(recording.tenant())).isEqualTo(1);
    }

    @Test
    void listingPagesInIdOrder() {
      TenantId tenant = newTenant();
      List<String> inserted = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Recording recording = recording(tenant, "k1");
        store().insert(recording);
        inserted.add(recording.id());
      }

      List<Recording> first = store().list(tenant, null, 3);
      List<Recording> rest = store().list(tenant, first.get(2).id(), 3);

      assertThat(first).extracting(Recording::id).containsExactlyElementsOf(inserted.subList(0, 3));
      assertThat(rest).extracting(Recording::id).containsExactlyElementsOf(inserted.subList(3, 5));
      assertThat(store().count(tenant)).isEqualTo(5);
    }

    @Test
    void aVaultKeepsHereTheCrc32cOfTheStoredBytes() throws IOException {
      TenantId tenant = newTenant();
      InMemoryRecordingStore bytes = new InMemoryRecordingStore();
      RecordingVault vault =
          RecordingVault.builder()
              .context(IrisContext.builder().clock(clock).build())
              .keyProvider(LocalKeyProvider.ephemeral())
              .store(bytes)
              .metadataStore(store())
              .segmentSize(4096)
              .build();
      byte[] audio = new byte[20_000];
      new Random(1).nextBytes(audio);
      Recording recording =
          vault.store(
              tenant,
              new NewRecording("call-1", "audio/wav", Duration.ofSeconds(1)),
              new ByteArrayInputStream(audio));
      CRC32C crc = new CRC32C();
      try (InputStream in = bytes.read(tenant, recording.id(), 0, recording.storedBytes())) {
        crc.update(in.readAllBytes());
      }

      assertThat(store().find(tenant, recording.id()).orElseThrow().checksum())
          .isEqualTo(String.format("%08x", crc.getValue()));
    }

    @Test
    void deleteRemovesOnce() {
      Recording recording = recording(newTenant(), "k1");
      store().insert(recording);

      assertThat(store().delete(recording.tenant(), recording.id())).isTrue();
      assertThat(store().delete(recording.tenant(), recording.id())).isFalse();
      assertThat(store().find(recording.tenant(), recording.id())).isEmpty();
      assertThat(store().count(recording.tenant())).isZero();
    }
  }

  /** What key rotation relies on. */
  @Nested
  class KeyRotation {
    @Test
    void wrappedOtherThanListsOnlyRecordingsUnderOtherKeys() {
      TenantId tenant = newTenant();
      Recording old1 = recording(tenant, "v1");
      Recording current = recording(tenant, "v2");
      Recording old2 = recording(tenant, "v1");
      store().insert(old1);
      store().insert(current);
      store().insert(old2);

      assertThat(store().wrappedOtherThan(tenant, "v2", null, 10))
          .extracting(Recording::id)
          .containsExactly(old1.id(), old2.id());
      assertThat(store().wrappedOtherThan(tenant, "v2", old1.id(), 10))
          .extracting(Recording::id)
          .containsExactly(old2.id());
      assertThat(store().wrappedOtherThan(tenant, "v2", null, 1)).hasSize(1);
    }

    @Test
    void replaceKeyIsACompareAndSet() {
      Recording recording = recording(newTenant(), "v1");
      store().insert(recording);
      WrappedKey v2 = key("v2", "rewrapped");
      Instant now = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MICROS);

      assertThat(
              store().replaceKey(recording.tenant(), recording.id(), key("v1", "stale"), v2, now))
          .isFalse();
      assertThat(store().replaceKey(recording.tenant(), recording.id(), recording.key(), v2, now))
          .isTrue();

      Recording after = store().find(recording.tenant(), recording.id()).orElseThrow();
      assertThat(after.key()).isEqualTo(v2);
      assertThat(after.keyRotatedAt()).isEqualTo(now);
      assertThat(after.withKey(recording.key(), now))
          .isEqualTo(recording.withKey(recording.key(), now));
    }

    @Test
    void ofManyConcurrentReplacementsFromOneKeyExactlyOneWins() throws Exception {
      Recording recording = recording(newTenant(), "v1");
      store().insert(recording);
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          WrappedKey replacement = key("v2", "by-" + i);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store()
                        .replaceKey(
                            recording.tenant(),
                            recording.id(),
                            recording.key(),
                            replacement,
                            clock.instant());
                  }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
          wins += result.get() ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Nothing of tenant A is readable, changeable or countable through tenant B. */
  @Nested
  class Tenancy {
    @Test
    void anotherTenantSeesChangesAndCountsNothing() {
      TenantId a = newTenant();
      TenantId b = newTenant();
      Recording recording = recording(a, "v1");
      store().insert(recording);

      assertThat(store().find(b, recording.id())).isEmpty();
      assertThat(store().list(b, null, 10)).isEmpty();
      assertThat(store().wrappedOtherThan(b, "v2", null, 10)).isEmpty();
      assertThat(store().count(b)).isZero();
      assertThat(
              store()
                  .replaceKey(b, recording.id(), recording.key(), key("v2", "x"), clock.instant()))
          .isFalse();
      assertThat(store().delete(b, recording.id())).isFalse();
      assertThat(store().find(a, recording.id())).contains(recording);
    }

    @Test
    void theSameIdMayExistUnderTwoTenants() {
      Recording a = recording(newTenant(), "v1");
      Recording b =
          new Recording(
              newTenant(),
              a.id(),
              a.callId(),
              a.codec(),
              a.duration(),
              a.sizeBytes(),
              a.storedBytes(),
              a.segmentSize(),
              a.keyProviderId(),
              a.key(),
              a.checksum(),
              a.createdAt(),
              null);
      store().insert(a);
      store().insert(b);

      assertThat(store().find(b.tenant(), a.id())).contains(b);
    }
  }
}
