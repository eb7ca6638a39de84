package com.techradium.iris.testkit.recording;

import static com.techradium.iris.testkit.recording.CipherFixture.SEGMENT;
import static com.techradium.iris.testkit.recording.CipherFixture.TENANT;
import static com.techradium.iris.testkit.recording.CipherFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.RecordingEncryptor;
import com.techradium.iris.recording.SealedRecording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingCipherTest {
  private final CipherFixture fixture = new CipherFixture();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT, 5000})
  void everySizeRoundTrips(int size) {
    byte[] plaintext = audio(size, size);
    byte[] stored = fixture.encrypt("rec-" + size, plaintext);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    long written = fixture.decrypt(TENANT, "rec-" + size, stored, out);

    assertThat(out.toByteArray()).isEqualTo(plaintext);
    assertThat(written).isEqualTo(size);
  }

  /**
   * Whole segments of a large write are sealed straight from the caller's array, the rest through
   * the segment buffer; however the audio is split into writes, the recording decrypts to it, has
   * the same size, and its last segment (full or not) carries the last-segment flag.
   */
  @ParameterizedTest
  @ValueSource(ints = {SEGMENT, 3 * SEGMENT, 3 * SEGMENT + 5, 5000})
  void howTheAudioIsSplitIntoWritesDoesNotChangeTheRecording(int size) throws IOException {
    byte[] plaintext = audio(size, size);
    int[][] patterns = {
      {size}, {SEGMENT}, {SEGMENT + 1}, {SEGMENT - 1}, {100, size}, {1, 2 * SEGMENT + 3}, {1}
    };
    List<Integer> storedSizes = new ArrayList<>();
    for (int[] pattern : patterns) {
      ByteArrayOutputStream stored = new ByteArrayOutputStream();
      try (RecordingEncryptor out = fixture.cipher.encrypt(TENANT, "split", stored)) {
        int off = 0;
        for (int i = 0; off < size; i++) {
          int n = Math.min(pattern[Math.min(i, pattern.length - 1)], size - off);
          if (n == 1) {
            out.write(plaintext[off]);
          } else {
            out.write(plaintext, off, n);
          }
          off += n;
        }
      }
      ByteArrayOutputStream decrypted = new ByteArrayOutputStream();

      fixture.decrypt(TENANT, "split", stored.toByteArray(), decrypted);

      assertThat(decrypted.toByteArray()).as(Arrays.toString(pattern)).isEqualTo(plaintext);
      storedSizes.add(stored.size());
    }
    assertThat(storedSizes).containsOnly(storedSizes.get(0));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT})
  void theStoredSizeIsHeaderPlusOneTagPerSegment(int size) throws IOException {
    byte[] stored = fixture.encrypt("r", audio(size, 1));
    int segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);

    long header = stored.length - size - 16L * segments;
    assertThat(header).isBetween(100L, 400L);
    assertThat(
            fixture.cipher.plaintextLength(
                CipherFixture.source(stored, new ArrayList<>()), stored.length))
        .isEqualTo(size);
  }

  @Test
  void sealedReportsWhatWasWritten() throws Exception {
    byte[] plaintext = audio(2500, 3);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    RecordingEncryptor out = fixture.cipher.encrypt(TENANT, "r", stored);
    assertThatThrownBy(out::sealed).isInstanceOf(IllegalStateException.class);
    out.write(plaintext);
    out.close();

    SealedRecording sealed = out.sealed();
    assertThat(sealed.plaintextBytes()).isEqualTo(2500);
    assertThat(sealed.ciphertextBytes()).isEqualTo(stored.size());
    assertThat(sealed.segmentSize()).isEqualTo(SEGMENT);
    assertThat(sealed.providerId()).isEqualTo(LocalKeyProvider.ID);
  }

  @Test
  void twoEncryptionsOfTheSameAudioDiffer() {
    byte[] plaintext = audio(3000, 4);

    assertThat(fixture.encrypt("r", plaintext)).isNotEqualTo(fixture.encrypt("r", plaintext));
  }

  @Test
  void everyRangeOfARecordingDecryptsToThoseBytes() {
    byte[] plaintext = audio(3 * SEGMENT + 100, 5);
    byte[] stored = fixture.encrypt("r", plaintext);
    int[] points = {
      0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT, 3 * SEGMENT + 99
    };
    for (int from : points) {
      for (int to : points) {
        if (to < from) {
          continue;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fixture.decryptRange("r", stored, from, to - from + 1L, out);
        assertThat(out.toByteArray())
            .as("bytes %d-%d", from, to)
            .isEqualTo(Arrays.copyOfRange(plaintext, from, to + 1));
      }
    }
  }

  @Test
  void aOneKibRangeReadsTheHeaderAndAtMostTwoSegments() throws IOException {
    byte[] plaintext = audio(20 * SEGMENT, 6);
    byte[] stored = fixture.encrypt("r", plaintext);
    for (int offset : new int[] {0, 500, SEGMENT, 7 * SEGMENT + 3, 19 * SEGMENT}) {
      List<long[]> reads = new ArrayList<>();
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      fixture.cipher.decryptRange(
          TENANT, "r", CipherFixture.source(stored, reads), stored.length, offset, 1024, out);

      assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(plaintext, offset, offset + 1024));
      assertThat(reads).hasSize(2);
      assertThat(reads.get(1)[1]).isLessThanOrEqualTo(2L * (SEGMENT + 16));
    }
  }

  @Test
  void aRangePastTheEndOrNegativeIsRefusedNamingTheField() {
    byte[] stored = fixture.encrypt("r", audio(100, 7));

    assertThatThrownBy(() -> fixture.decryptRange("r", stored, 50, 51, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("length")).isTrue());
    assertThatThrownBy(() -> fixture.decryptRange("r", stored, -1, 5, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("offset")).isTrue());
  }

  @Test
  void badRecordingIdsAndNullsAreRefused() {
    assertThatThrownBy(() -> fixture.cipher.encrypt(TENANT, "", new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("recordingId")).isTrue());
    assertThatThrownBy(
            () -> fixture.cipher.encrypt(TENANT, "x".repeat(129), new ByteArrayOutputStream()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> fixture.cipher.encrypt(TENANT, "r", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("sink");
    assertThatThrownBy(() -> fixture.cipher.encrypt(null, "r", new ByteArrayOutputStream()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tenant");
  }

  @Test
  void theBuilderChecksEachPart() {
    assertThatThrownBy(() -> RecordingCipher.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key provider");
    assertThatThrownBy(() -> RecordingCipher.builder().segmentSize(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segmentSize must be between");
    assertThatThrownBy(
            () ->
                RecordingCipher.builder()
                    .keyProvider(LocalKeyProvider.ephemeral())
                    .keyProvider(LocalKeyProvider.ephemeral()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("keyProvider was already set");
  }

  @Test
  void theEncryptionContextNamesTenantAndPurpose() {
    assertThat(RecordingCipher.encryptionContext(TenantId.of("acme")))
        .containsEntry(RecordingCipher.CONTEXT_TENANT, "acme")
        .containsEntry(RecordingCipher.CONTEXT_PURPOSE, RecordingCipher.PURPOSE);
  }
}
