package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.recording.ByteRange;
import com.techradium.iris.recording.KeyCachePolicy;
import com.techradium.iris.recording.KeyRotation;
import com.techradium.iris.recording.KeyUnavailableException;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.RecordingWriter;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import com.techradium.iris.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordingVaultTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final RecordingAccess REVIEWER = RecordingAccess.user("dr-lee", "quality-review");
  private static final NewRecording CALL =
      new NewRecording("call-7", "audio/wav", Duration.ofSeconds(93));

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
  private final IrisContext context = IrisContext.builder().clock(clock).tenants(tenants).build();
  private final AuditLog audit =
      AuditLog.builder().context(context).store(new InMemoryAuditStore()).build();
  private final LocalKeyProvider keys = LocalKeyProvider.create();
  private final CountingProvider counting = new CountingProvider(keys);
  private final InMemoryRecordingStore store = new InMemoryRecordingStore();
  private final InMemoryRecordingMetadataStore metadata = new InMemoryRecordingMetadataStore();
  private final RecordingVault vault = vault(KeyCachePolicy.defaults());

  RecordingVaultTest() {
    tenants.register(ACME, "Acme", clock.instant());
    tenants.register(GLOBEX, "Globex", clock.instant());
    keys.addMasterKey(ACME, 1, masterKey());
    keys.addMasterKey(GLOBEX, 1, masterKey());
  }

  private RecordingVault vault(KeyCachePolicy policy) {
    return RecordingVault.builder()
        .context(context)
        .keyProvider(counting)
        .store(store)
        .metadataStore(metadata)
        .segmentSize(4096)
        .keyCache(policy)
        .build();
  }

  private static byte[] masterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static byte[] audio(int length) {
    return CipherFixture.audio(length, length);
  }

  private Recording store(TenantId tenant, byte[] audio) throws IOException {
    return vault.store(tenant, CALL, new ByteArrayInputStream(audio));
  }

  private byte[] read(RecordingVault from, TenantId tenant, String id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    from.stream(tenant, id, REVIEWER, out);
    return out.toByteArray();
  }

  @Test
  void aStoredRecordingStreamsBackWithItsMetadata() throws IOException {
    byte[] audio = audio(100_000);
    Recording recording = store(ACME, audio);

    assertThat(read(vault, ACME, recording.id())).isEqualTo(audio);
    assertThat(recording.sizeBytes()).isEqualTo(100_000);
    assertThat(recording.storedBytes()).isEqualTo(store.size(ACME, recording.id()).orElseThrow());
    assertThat(recording.callId()).isEqualTo("call-7");
    assertThat(recording.codec()).isEqualTo("audio/wav");
    assertThat(recording.duration()).isEqualTo(Duration.ofSeconds(93));
    assertThat(recording.createdAt()).isEqualTo(clock.instant());
    assertThat(recording.key().keyId()).isEqualTo(keys.currentKeyId(ACME));
    CRC32C crc = new CRC32C();
    crc.update(store.read(ACME, recording.id(), 0, Long.MAX_VALUE).readAllBytes());
    assertThat(recording.checksum()).isEqualTo(String.format("%08x", crc.getValue()));
    assertThat(vault.find(ACME, recording.id())).contains(recording);
    assertThat(vault.count(ACME)).isEqualTo(1);
  }

  @Test
  void aRecordingWrittenWhileCapturedAppearsOnlyWhenClosed() throws IOException {
    RecordingWriter writer = vault.begin(ACME, CALL);
    writer.write(audio(10_000));

    assertThat(vault.find(ACME, writer.recordingId())).isEmpty();
    writer.close();

    assertThat(vault.find(ACME, writer.recordingId())).contains(writer.recording());
    assertThat(read(vault, ACME, writer.recordingId())).isEqualTo(audio(10_000));
  }

  @Test
  void anAbortedRecordingLeavesNothing() throws IOException {
    RecordingWriter writer = vault.begin(ACME, CALL);
    writer.write(audio(10_000));
    writer.abort();

    assertThat(vault.count(ACME)).isZero();
    assertThat(store.size(ACME, writer.recordingId())).isEmpty();
  }

  @Test
  void everyStreamIsRecordedAsADataAccessEventWithRangeAndPurpose() throws IOException {
    Recording recording = store(ACME, audio(20_000));
    vault.stream(ACME, recording.id(), REVIEWER, new ByteArrayOutputStream());
    vault.stream(
        ACME,
        recording.id(),
        ByteRange.inclusive(100, 1123),
        REVIEWER,
        new ByteArrayOutputStream());

    List<AuditRecord> events =
        audit
            .sensitiveAccess(
                ACME, DataCategory.PII, null, PageRequest.first(), Accessor.user("admin", "test"))
            .items();

    assertThat(events).hasSize(2);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.event().actorId()).isEqualTo("dr-lee");
              assertThat(e.event().action()).isEqualTo("recording.stream");
              assertThat(e.event().purpose()).isEqualTo("quality-review");
              assertThat(e.event().recordIds()).containsExactly(recording.id());
            });
    assertThat(events).extracting(e -> e.event().metadata()).anyMatch(m -> m.contains("100-1123"));
  }

  @Test
  void aDeleteIsAnAdminEventAndRemovesBytesAndMetadata() throws IOException {
    Recording recording = store(ACME, audio(5000));

    assertThat(vault.delete(ACME, recording.id(), REVIEWER)).isTrue();
    assertThat(vault.delete(ACME, recording.id(), REVIEWER)).isFalse();

    assertThat(store.size(ACME, recording.id())).isEmpty();
    assertThat(vault.find(ACME, recording.id())).isEmpty();
    assertThat(
            audit
                .adminActivity(ACME, null, PageRequest.first(), Accessor.user("admin", "test"))
                .items())
        .extracting(e -> e.event().action())
        .contains("recording.delete");
  }

  @Test
  void badInputNamesEachFieldAndWritesNothing() {
    assertThatThrownBy(() -> new NewRecording("", "x".repeat(65), Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.hasErrorFor("callId")).isTrue();
              assertThat(e.hasErrorFor("codec")).isTrue();
              assertThat(e.hasErrorFor("duration")).isTrue();
            });
    assertThatThrownBy(() -> vault.begin(TenantId.of("nobody"), CALL))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("tenantId")).isTrue());
    assertThatThrownBy(() -> vault.list(ACME, null, 0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("limit")).isTrue());
    assertThatThrownBy(() -> vault.rotateKeys(ACME, null, 1001))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("batchSize")).isTrue());
    assertThatThrownBy(() -> new ByteRange(-1, 0))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.hasErrorFor("offset")).isTrue();
              assertThat(e.hasErrorFor("length")).isTrue();
            });
    assertThatThrownBy(() -> new RecordingAccess("", null, "x".repeat(257)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.hasErrorFor("actorId")).isTrue();
              assertThat(e.hasErrorFor("actor")).isTrue();
              assertThat(e.hasErrorFor("purpose")).isTrue();
            });
    assertThatThrownBy(() -> vault.store(ACME, CALL, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("audio");
    assertThat(vault.count(ACME)).isZero();
    assertThat(counting.generated.get()).isZero();
  }

  @Test
  void aRangeStartingPastTheEndIsRefusedAndNotAudited() throws IOException {
    Recording recording = store(ACME, audio(1000));

    assertThatThrownBy(
            () ->
                vault.stream(
                    ACME,
                    recording.id(),
                    new ByteRange(1000, 1),
                    REVIEWER,
                    new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("offset")).isTrue());
    assertThat(
            audit
                .sensitiveAccess(
                    ACME, DataCategory.PII, null, PageRequest.first(), Accessor.user("a", "t"))
                .items())
        .isEmpty();
  }

  @Test
  void nothingOfOneTenantIsReadableChangeableOrCountableThroughAnother() throws IOException {
    Recording recording = store(ACME, audio(5000));

    assertThat(vault.find(GLOBEX, recording.id())).isEmpty();
    assertThat(vault.list(GLOBEX, null, 10)).isEmpty();
    assertThat(vault.count(GLOBEX)).isZero();
    assertThatThrownBy(() -> read(vault, GLOBEX, recording.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(vault.delete(GLOBEX, recording.id(), REVIEWER)).isFalse();
    assertThat(vault.rotateAllKeys(GLOBEX).rewrapped()).isZero();
    assertThat(read(vault, ACME, recording.id())).isEqualTo(audio(5000));
  }

  @Test
  void listingPagesOldestFirst() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(store(ACME, audio(100 + i)).id());
      clock.advance(Duration.ofMillis(5));
    }

    List<Recording> first = vault.list(ACME, null, 3);
    assertThat(first).extracting(Recording::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(vault.list(ACME, first.get(2).id(), 3))
        .extracting(Recording::id)
        .containsExactlyElementsOf(ids.subList(3, 5));
  }

  @Test
  void rotationRewrapsEveryRecordingWithoutTouchingTheAudio() throws IOException {
    List<Recording> before = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      before.add(store(ACME, audio(3000 + i)));
    }
    Recording globex = store(GLOBEX, audio(3000));
    keys.addMasterKey(ACME, 2, masterKey());
    clock.advance(Duration.ofHours(1));

    KeyRotation first = vault.rotateKeys(ACME, null, 3);
    assertThat(first.rewrapped()).isEqualTo(3);
    assertThat(first.done()).isFalse();
    KeyRotation rest = vault.rotateAllKeys(ACME);
    assertThat(rest.rewrapped()).isEqualTo(4);
    assertThat(vault.rotateAllKeys(ACME).rewrapped()).isZero();

    keys.retireMasterKey(ACME, 1);
    vault.cipher().evictKeys(ACME);
    for (int i = 0; i < before.size(); i++) {
      Recording after = vault.find(ACME, before.get(i).id()).orElseThrow();
      assertThat(after.key().keyId()).isEqualTo(keys.currentKeyId(ACME));
      assertThat(after.keyRotatedAt()).isEqualTo(clock.instant());
      assertThat(after.checksum()).isEqualTo(before.get(i).checksum());
      assertThat(read(vault, ACME, after.id())).isEqualTo(audio(3000 + i));
    }
    assertThat(vault.find(GLOBEX, globex.id()).orElseThrow().key()).isEqualTo(globex.key());
  }

  @Test
  void rotationResumesAfterACrashWithoutRedoingWork() throws IOException {
    for (int i = 0; i < 6; i++) {
      store(ACME, audio(2000 + i));
    }
    keys.addMasterKey(ACME, 2, masterKey());
    vault.rotateKeys(ACME, null, 4);
    int callsBefore = counting.rewrapped.get();

    KeyRotation resumed = vault.rotateKeys(ACME, null, 100);

    assertThat(resumed.rewrapped()).isEqualTo(2);
    assertThat(counting.rewrapped.get() - callsBefore).isEqualTo(2);
    assertThat(resumed.done()).isTrue();
  }

  @Test
  void destroyingATenantsMasterKeysShredsAllOfItsRecordings() throws IOException {
    Recording acme = store(ACME, audio(5000));
    Recording globex = store(GLOBEX, audio(5000));

    keys.destroyMasterKeys(ACME);
    vault.cipher().evictKeys(ACME);

    assertThatThrownBy(() -> read(vault, ACME, acme.id()))
        .isInstanceOf(KeyUnavailableException.class);
    assertThatThrownBy(() -> store(ACME, audio(10))).isInstanceOf(KeyUnavailableException.class);
    byte[] stored = store.read(ACME, acme.id(), 0, Long.MAX_VALUE).readAllBytes();
    assertThat(indexOf(stored, Arrays.copyOf(audio(5000), 16))).isEqualTo(-1);
    assertThat(read(vault, GLOBEX, globex.id())).isEqualTo(audio(5000));
  }

  @Test
  void cachedDataKeysAreReusedUpToTheirUseLimitThenReplaced() throws IOException {
    RecordingVault limited = vault(new KeyCachePolicy(Duration.ofMinutes(5), 3, 1L << 30));
    for (int i = 0; i < 7; i++) {
      limited.store(ACME, CALL, new ByteArrayInputStream(audio(100)));
    }
    assertThat(counting.generated.get()).isEqualTo(3);
  }

  @Test
  void cachedDataKeysAreReplacedAfterTheirAgeOrBytes() throws IOException {
    RecordingVault byAge = vault(new KeyCachePolicy(Duration.ofSeconds(10), 1000, 1L << 30));
    byAge.store(ACME, CALL, new ByteArrayInputStream(audio(100)));
    byAge.store(ACME, CALL, new ByteArrayInputStream(audio(100)));
    clock.advance(Duration.ofSeconds(11));
    byAge.store(ACME, CALL, new ByteArrayInputStream(audio(100)));
    assertThat(counting.generated.get()).isEqualTo(2);

    RecordingVault byBytes = vault(new KeyCachePolicy(Duration.ofMinutes(5), 1000, 1500));
    for (int i = 0; i < 4; i++) {
      byBytes.store(GLOBEX, CALL, new ByteArrayInputStream(audio(1000)));
    }
    assertThat(counting.generated.get()).isEqualTo(2 + 2);
  }

  @Test
  void aThousandRecordingsFromManyThreadsMakeFewProviderCallsAndAllReadBack() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Recording>> stored = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int size = 500 + i;
        stored.add(pool.submit(() -> store(ACME, audio(size))));
      }
      for (int i = 0; i < stored.size(); i++) {
        assertThat(read(vault, ACME, stored.get(i).get().id())).isEqualTo(audio(500 + i));
      }
      assertThat(counting.generated.get()).isEqualTo(1);
      assertThat(counting.unwrapped.get()).isLessThanOrEqualTo(1);
      assertThat(vault.count(ACME)).isEqualTo(1000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theBuilderNeedsEachStoreAndTheKeyProvider() {
    assertThatThrownBy(() -> RecordingVault.builder().store(store).metadataStore(metadata).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key provider");
    assertThatThrownBy(
            () -> RecordingVault.builder().keyProvider(keys).metadataStore(metadata).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
    assertThatThrownBy(() -> RecordingVault.builder().store(store).store(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store was already set");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Counts calls to the provider it wraps. */
  private static final class CountingProvider implements KeyProvider {
    final KeyProvider delegate;
    final AtomicInteger generated = new AtomicInteger();
    final AtomicInteger unwrapped = new AtomicInteger();
    final AtomicInteger rewrapped = new AtomicInteger();

    CountingProvider(KeyProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public DataKey generateDataKey(TenantId tenant, Map<String, String> context) {
      generated.incrementAndGet();
      return delegate.generateDataKey(tenant, context);
    }

    @Override
    public byte[] unwrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
      unwrapped.incrementAndGet();
      return delegate.unwrap(tenant, key, context);
    }

    @Override
    public WrappedKey rewrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
      rewrapped.incrementAndGet();
      return delegate.rewrap(tenant, key, context);
    }

    @Override
    public String currentKeyId(TenantId tenant) {
      return delegate.currentKeyId(tenant);
    }
  }
}
