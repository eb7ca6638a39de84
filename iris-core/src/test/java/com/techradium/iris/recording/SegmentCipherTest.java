package com.techradium.iris.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TamperedDataException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-recording key derivation is HKDF-SHA256 exactly as RFC 5869 defines it, so recordings of
 * both format versions derive the keys their test vectors name and their segments seal to the same
 * bytes; and a segment sealed or opened in place is the one sealed or opened into another array.
 */
class SegmentCipherTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The first vector of both shipped vector files ("empty"): its header, version byte apart. */
  private static final String EMPTY_HEADER_AFTER_VERSION =
      "010000006b00000400a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4"
          + "c5c6000461636d6500097265632d656d707479000474657374000b746573743a6b65793a76310010777261"
          + "707065642d646174612d6b6579";

  private static final byte[] DATA_KEY =
      HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private static RecordingHeader emptyVectorHeader(int version) {
    return RecordingHeader.parse(HEX.parseHex("495243520" + version + EMPTY_HEADER_AFTER_VERSION));
  }

  private static byte[] bytes(int from, int toExclusive) {
    byte[] out = new byte[toExclusive - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }

  private static byte[] elevens(int length) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) 0x0b);
    return out;
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] okm = SegmentCipher.hkdfSha256(elevens(22), bytes(0x00, 0x0d), bytes(0xf0, 0xfa), 42);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdfMatchesRfc5869TestCase2WithLongInputsAndThreeExpandBlocks() {
    byte[] okm =
        SegmentCipher.hkdfSha256(bytes(0x00, 0x50), bytes(0x60, 0xb0), bytes(0xb0, 0x100), 82);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41"
                + "c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void hkdfMatchesRfc5869TestCase3WithEmptySaltAndInfo() {
    byte[] okm = SegmentCipher.hkdfSha256(elevens(22), new byte[0], new byte[0], 42);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @ParameterizedTest
  @CsvSource({
    "1, e37b3f4e390a437371e7d1e7131bd2ba95cd84246b91cc52c44cf1c925b621bb",
    "2, ed8670e6004b690202a5c974240b1dbde67538465886dd4d1b5bee1bfd614e14"
  })
  void eachFormatVersionDerivesTheRecordingKeyOfItsVector(int version, String recordingKey) {
    assertThat(HEX.formatHex(SegmentCipher.deriveKey(DATA_KEY, emptyVectorHeader(version))))
        .isEqualTo(recordingKey);
  }

  @ParameterizedTest
  @CsvSource({"1, e609028bdd8742634f970f964301f7f3", "2, f0cfa67be538367788d60f16dd813a33"})
  void anEmptyRecordingSealsAndOpensAsItsVectorIsStored(int version, String storedSegment) {
    SegmentCipher cipher =
        new SegmentCipher(DATA_KEY, emptyVectorHeader(version), new CipherPool(1));
    byte[] sealed = new byte[RecordingHeader.TAG_LENGTH];

    assertThat(cipher.seal(0, true, new byte[0], 0, 0, sealed)).isEqualTo(16);
    assertThat(HEX.formatHex(sealed)).isEqualTo(storedSegment);
    assertThat(cipher.open(0, true, sealed, 0, sealed.length, new byte[0])).isZero();
  }

  @Test
  void aSegmentSealedInPlaceIsTheSegmentSealedIntoAnotherArrayAndOpensInPlace() {
    // Two ciphers of the same recording: one Cipher refuses to seal twice under one nonce.
    SegmentCipher apartCipher =
        new SegmentCipher(DATA_KEY, emptyVectorHeader(2), new CipherPool(1));
    SegmentCipher inPlaceCipher =
        new SegmentCipher(DATA_KEY, emptyVectorHeader(2), new CipherPool(1));
    byte[] plaintext = new byte[1000];
    new Random(7).nextBytes(plaintext);
    byte[] apart = new byte[plaintext.length + RecordingHeader.TAG_LENGTH];
    int sealedLength = apartCipher.seal(3, false, plaintext, 0, plaintext.length, apart);

    byte[] inPlace = Arrays.copyOf(plaintext, apart.length);
    assertThat(inPlaceCipher.seal(3, false, inPlace, 0, plaintext.length, inPlace))
        .isEqualTo(sealedLength);
    assertThat(inPlace).isEqualTo(apart);

    assertThat(inPlaceCipher.open(3, false, inPlace, 0, sealedLength, inPlace))
        .isEqualTo(plaintext.length);
    assertThat(Arrays.copyOf(inPlace, plaintext.length)).isEqualTo(plaintext);
  }

  @Test
  void aSegmentOpenedUnderAnotherIndexOrLastFlagIsTampered() {
    SegmentCipher cipher = new SegmentCipher(DATA_KEY, emptyVectorHeader(2), new CipherPool(1));
    byte[] segment = new byte[100 + RecordingHeader.TAG_LENGTH];
    int sealedLength = cipher.seal(5, false, new byte[100], 0, 100, segment);

    assertThatThrownBy(() -> cipher.open(6, false, segment, 0, sealedLength, new byte[100]))
        .isInstanceOf(TamperedDataException.class);
    assertThatThrownBy(() -> cipher.open(5, true, segment, 0, sealedLength, new byte[100]))
        .isInstanceOf(TamperedDataException.class);
  }

  @Test
  void releasingGivesTheCipherBackOnceAndLeavesNothingToSealWith() {
    CipherPool pool = new CipherPool(4);
    SegmentCipher cipher = new SegmentCipher(DATA_KEY, emptyVectorHeader(2), pool);

    cipher.release();
    cipher.release();

    assertThat(pool.idle()).isOne();
    assertThatThrownBy(() -> cipher.seal(0, true, new byte[0], 0, 0, new byte[16]))
        .isInstanceOf(IllegalStateException.class);
  }
}
