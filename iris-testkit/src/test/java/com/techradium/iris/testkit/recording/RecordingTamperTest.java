package com.techradium.iris.testkit.recording;

import static com.techradium.iris.testkit.recording.CipherFixture.SEGMENT;
import static com.techradium.iris.testkit.recording.CipherFixture.TENANT;
import static com.techradium.iris.testkit.recording.CipherFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.ByteRange;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.testkit.recording.CipherFixture.RecordingSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of tampering raises {@link TamperedDataException}, and a sink that keeps what it
 * received proves that no byte of a segment that failed (or followed a failure) was written.
 */
class RecordingTamperTest {
  private static final int SEALED = SEGMENT + 16;
  private final CipherFixture fixture = new CipherFixture();
  private final byte[] plaintext = audio(3 * SEGMENT + 500, 42);
  private final byte[] stored = fixture.encrypt("rec-1", plaintext);
  private final int header = stored.length - plaintext.length - 4 * 16;

  /** The sink holds a prefix of whole authentic segments, none at or after {@code badSegment}. */
  private void assertOnlyAuthenticSegments(RecordingSink sink, int badSegment) {
    byte[] received = sink.received();
    assertThat(received.length % SEGMENT).isZero();
    assertThat(received.length).isLessThanOrEqualTo(Math.max(0, badSegment) * SEGMENT);
    assertThat(received).isEqualTo(Arrays.copyOf(plaintext, received.length));
  }

  private int segmentAt(int storedOffset) {
    return storedOffset < header ? -1 : (storedOffset - header) / SEALED;
  }

  private void assertTampered(byte[] bytes, int badSegment) {
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> fixture.decrypt(TENANT, "rec-1", bytes, sink))
        .isInstanceOf(TamperedDataException.class);
    assertOnlyAuthenticSegments(sink, badSegment);
  }

  private byte[] segment(byte[] from, int index) {
    int start = header + index * SEALED;
    return Arrays.copyOfRange(from, start, Math.min(from.length, start + SEALED));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void aBitFlippedAnywhereIsTamperedAndNothingOfItsSegmentIsWritten() throws IOException {
    InMemoryRecordingStore store = new InMemoryRecordingStore();
    RecordingVault vault =
        RecordingVault.builder()
            .context(IrisContext.builder().build())
            .keyProvider(LocalKeyProvider.ephemeral())
            .store(store)
            .metadataStore(new InMemoryRecordingMetadataStore())
            .segmentSize(SEGMENT)
            .build();
    TenantId tenant = TenantId.of("acme");
    Recording recording =
        vault.store(
            tenant,
            new NewRecording("call", "audio/wav", Duration.ofSeconds(1)),
            new ByteArrayInputStream(plaintext));
    byte[] original = store.read(tenant, recording.id(), 0, Long.MAX_VALUE).readAllBytes();
    int headerLength = original.length - plaintext.length - 4 * 16;
    RecordingAccess access = RecordingAccess.user("auditor", "tamper-test");
    int flips = 0;
    for (int offset = 0; offset < original.length; offset++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = original.clone();
        tampered[offset] ^= (byte) (1 << bit);
        store.replaceStoredBytes(tenant, recording.id(), tampered);
        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> vault.stream(tenant, recording.id(), access, sink))
            .as("bit %d of byte %d", bit, offset)
            .isInstanceOf(TamperedDataException.class);
        int bad = offset < headerLength ? -1 : (offset - headerLength) / SEALED;
        assertOnlyAuthenticSegments(sink, bad);
        flips++;
      }
    }
    assertThat(flips).isEqualTo(original.length * 8);
  }

  /**
   * The whole header is bound to every segment (format version 2: through the key derivation), so
   * changing any one field, the header staying well-formed, fails before a byte is written: even
   * the version (relabelled as version 1) and the key fields, which the vault does not otherwise
   * read because the metadata holds the data key's current wrapping.
   */
  @Test
  void everyHeaderFieldAlteredIsTampered() throws IOException {
    InMemoryRecordingStore store = new InMemoryRecordingStore();
    RecordingVault vault =
        RecordingVault.builder()
            .keyProvider(LocalKeyProvider.ephemeral())
            .store(store)
            .metadataStore(new InMemoryRecordingMetadataStore())
            .segmentSize(SEGMENT)
            .build();
    Recording recording =
        vault.store(
            TENANT,
            new NewRecording("call", "audio/wav", Duration.ZERO),
            new ByteArrayInputStream(plaintext));
    byte[] original = store.read(TENANT, recording.id(), 0, Long.MAX_VALUE).readAllBytes();
    assertThat(original[4]).as("format version written").isEqualTo((byte) 2);
    Map<String, Integer> fields = new LinkedHashMap<>();
    fields.put("version", 4);
    fields.put("segment_size", 12);
    fields.put("salt", 14 + 31);
    fields.put("nonce_prefix", 46 + 6);
    int at = 53;
    for (String field : List.of("tenant", "recording_id", "provider_id", "key_id", "wrapped_key")) {
      int length = ((original[at] & 0xff) << 8) | (original[at + 1] & 0xff);
      fields.put(field, at + 2 + length - 1);
      at += 2 + length;
    }
    assertThat(at).as("header length").isEqualTo(original.length - plaintext.length - 4 * 16);

    for (Map.Entry<String, Integer> field : fields.entrySet()) {
      byte[] tampered = original.clone();
      // version 2 -> 1, segment size 1024 -> 1280, the last character or byte of the rest + 1
      tampered[field.getValue()] += field.getKey().equals("version") ? -1 : 1;
      store.replaceStoredBytes(TENANT, recording.id(), tampered);
      RecordingSink sink = new RecordingSink();

      assertThatThrownBy(
              () ->
                  vault.stream(
                      TENANT, recording.id(), RecordingAccess.user("u", "header-test"), sink))
          .as(field.getKey())
          .isInstanceOf(TamperedDataException.class);
      assertThat(sink.received()).as(field.getKey()).isEmpty();
    }
  }

  @Test
  void aFlipInsideARangeIsTamperedAndTheRangeWritesOnlyAuthenticSegments() {
    byte[] tampered = stored.clone();
    tampered[header + 2 * SEALED + 10] ^= 1;
    RecordingSink sink = new RecordingSink();

    assertThatThrownBy(
            () ->
                fixture.cipher.decryptRange(
                    TENANT,
                    "rec-1",
                    CipherFixture.source(tampered, new ArrayList<>()),
                    tampered.length,
                    SEGMENT,
                    2 * SEGMENT,
                    sink))
        .isInstanceOf(TamperedDataException.class);
    assertThat(sink.received()).isEqualTo(Arrays.copyOfRange(plaintext, SEGMENT, 2 * SEGMENT));
  }

  @Test
  void truncationAtEveryLengthIsTampered() {
    for (int length = 0; length < stored.length; length++) {
      int bad = length <= header ? -1 : segmentAt(length - 1);
      assertTampered(Arrays.copyOf(stored, length), Math.max(bad, 0));
    }
  }

  @Test
  void truncationAtEverySegmentBoundaryIsTampered() {
    for (int segments = 0; segments < 4; segments++) {
      byte[] cut = Arrays.copyOf(stored, header + segments * SEALED);
      assertTampered(cut, Math.max(0, segments - 1));
    }
  }

  @Test
  void aRangedReadOfATruncatedRecordingIsTampered() {
    byte[] cut = Arrays.copyOf(stored, header + 2 * SEALED);
    RecordingSink sink = new RecordingSink();

    assertThatThrownBy(
            () ->
                fixture.cipher.decryptRange(
                    TENANT,
                    "rec-1",
                    CipherFixture.source(cut, new ArrayList<>()),
                    cut.length,
                    SEGMENT,
                    100,
                    sink))
        .isInstanceOf(TamperedDataException.class);
    assertThat(sink.received()).isEmpty();
  }

  @Test
  void swappedSegmentsAreTampered() {
    byte[] head = Arrays.copyOf(stored, header);
    assertTampered(
        concat(
            head, segment(stored, 1), segment(stored, 0), segment(stored, 2), segment(stored, 3)),
        0);
    assertTampered(
        concat(
            head, segment(stored, 0), segment(stored, 2), segment(stored, 1), segment(stored, 3)),
        1);
  }

  @Test
  void aDuplicatedOrDroppedSegmentIsTampered() {
    byte[] head = Arrays.copyOf(stored, header);
    assertTampered(
        concat(
            head,
            segment(stored, 0),
            segment(stored, 1),
            segment(stored, 1),
            segment(stored, 2),
            segment(stored, 3)),
        2);
    assertTampered(concat(head, segment(stored, 0), segment(stored, 2), segment(stored, 3)), 1);
  }

  @Test
  void anAppendedSegmentOrByteIsTampered() {
    assertTampered(concat(stored, segment(stored, 1)), 3);
    assertTampered(concat(stored, new byte[] {0}), 3);
    byte[] other = fixture.encrypt("rec-1", audio(SEGMENT, 7));
    assertTampered(concat(stored, segment(other, 0)), 3);
  }

  @Test
  void aHeaderSplicedFromAnotherRecordingIsTampered() {
    byte[] sameIdOtherEncryption = fixture.encrypt("rec-1", plaintext);
    int otherHeader = sameIdOtherEncryption.length - plaintext.length - 4 * 16;
    byte[] spliced =
        concat(
            Arrays.copyOf(sameIdOtherEncryption, otherHeader),
            Arrays.copyOfRange(stored, header, stored.length));
    assertTampered(spliced, 0);

    byte[] otherId = fixture.encrypt("rec-2", plaintext);
    byte[] splicedId =
        concat(
            Arrays.copyOf(otherId, otherId.length - plaintext.length - 4 * 16),
            Arrays.copyOfRange(stored, header, stored.length));
    assertTampered(splicedId, 0);
  }

  @Test
  void segmentsSplicedFromAnotherRecordingAreTampered() {
    byte[] other = fixture.encrypt("rec-1", plaintext);
    byte[] head = Arrays.copyOf(stored, header);
    assertTampered(
        concat(head, segment(stored, 0), segment(other, 1), segment(stored, 2), segment(stored, 3)),
        1);
  }

  @Test
  void decryptingUnderAnotherTenantOrRecordingIdIsTampered() {
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> fixture.decrypt(TenantId.of("globex"), "rec-1", stored, sink))
        .isInstanceOf(TamperedDataException.class)
        .hasMessageNotContaining(Arrays.toString(plaintext));
    assertThatThrownBy(() -> fixture.decrypt(TENANT, "rec-2", stored, sink))
        .isInstanceOf(TamperedDataException.class);
    assertThat(sink.received()).isEmpty();
  }

  @Test
  void somethingThatIsNotARecordingIsTampered() {
    assertTampered(new byte[0], 0);
    assertTampered(audio(5000, 9), 0);
    assertThatThrownBy(
            () -> fixture.decryptRange("rec-1", audio(5000, 9), 0, 10, new RecordingSink()))
        .isInstanceOf(TamperedDataException.class);
  }

  @Test
  void aRangeDecryptWithAByteRangeOverTheVaultIsServedFromAuthenticSegments() throws IOException {
    RecordingVault vault =
        RecordingVault.builder()
            .keyProvider(LocalKeyProvider.ephemeral())
            .store(new InMemoryRecordingStore())
            .metadataStore(new InMemoryRecordingMetadataStore())
            .segmentSize(SEGMENT)
            .build();
    Recording recording =
        vault.store(
            TENANT,
            new NewRecording("call", "audio/wav", Duration.ZERO),
            new ByteArrayInputStream(plaintext));
    RecordingSink sink = new RecordingSink();

    ByteRange served =
        vault.stream(
            TENANT,
            recording.id(),
            new ByteRange(3000, 10_000),
            RecordingAccess.user("u", "p"),
            sink);

    assertThat(served).isEqualTo(new ByteRange(3000, plaintext.length - 3000));
    assertThat(sink.received()).isEqualTo(Arrays.copyOfRange(plaintext, 3000, plaintext.length));
  }
}
