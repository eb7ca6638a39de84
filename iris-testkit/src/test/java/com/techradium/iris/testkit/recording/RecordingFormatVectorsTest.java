package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped test vectors ({@code recording-format-v1-vectors.json} in iris-testkit, described in
 * docs/RECORDING_FORMAT.md) are what an encoder written from the document produces, and the library
 * decrypts them, whole and by range.
 */
class RecordingFormatVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<JsonNode> vectors() throws IOException {
    try (InputStream in =
        RecordingFormatVectorsTest.class.getResourceAsStream(
            "/com/techradium/iris/testkit/recording/recording-format-v1-vectors.json")) {
      assertThat(in).as("vectors file on the classpath").isNotNull();
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(out::add);
      return out;
    }
  }

  private static byte[] hex(JsonNode vector, String field) {
    return HEX.parseHex(vector.get(field).asText());
  }

  /** A provider that unwraps exactly the vector's wrapped key to its data key. */
  private static KeyProvider fixed(JsonNode vector) {
    WrappedKey wrapped = new WrappedKey(vector.get("keyId").asText(), hex(vector, "wrappedKey"));
    byte[] dataKey = hex(vector, "dataKey");
    return new KeyProvider() {
      @Override
      public String id() {
        return vector.get("providerId").asText();
      }

      @Override
      public DataKey generateDataKey(TenantId tenant, Map<String, String> context) {
        return new DataKey(dataKey, wrapped);
      }

      @Override
      public byte[] unwrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
        if (!key.equals(wrapped)) {
          throw new TamperedDataException("not the vector's key");
        }
        return dataKey.clone();
      }

      @Override
      public WrappedKey rewrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
        return key;
      }

      @Override
      public String currentKeyId(TenantId tenant) {
        return wrapped.keyId();
      }
    };
  }

  @Test
  void theVectorsAreWhatTheDocumentedEncodingProduces() throws Exception {
    RecordingFormatReference.Inputs[] inputs = RecordingFormatReference.inputs();
    List<JsonNode> vectors = vectors();
    assertThat(vectors).hasSize(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      JsonNode vector = vectors.get(i);
      assertThat(RecordingFormatReference.header(inputs[i])).isEqualTo(hex(vector, "header"));
      assertThat(RecordingFormatReference.recordingKey(inputs[i]))
          .isEqualTo(hex(vector, "recordingKey"));
      assertThat(RecordingFormatReference.encrypt(inputs[i])).isEqualTo(hex(vector, "stored"));
    }
  }

  @Test
  void theLibraryDecryptsEveryVectorWholeAndByRange() throws Exception {
    for (JsonNode vector : vectors()) {
      RecordingCipher cipher =
          RecordingCipher.builder()
              .keyProvider(fixed(vector))
              .segmentSize(vector.get("segmentSize").asInt())
              .build();
      TenantId tenant = TenantId.of(vector.get("tenant").asText());
      String id = vector.get("recordingId").asText();
      byte[] stored = hex(vector, "stored");
      byte[] plaintext = hex(vector, "plaintext");
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      cipher.decrypt(tenant, id, new ByteArrayInputStream(stored), out);
      assertThat(out.toByteArray()).as(vector.get("name").asText()).isEqualTo(plaintext);

      if (plaintext.length > 10) {
        ByteArrayOutputStream range = new ByteArrayOutputStream();
        cipher.decryptRange(
            tenant,
            id,
            CipherFixture.source(stored, new ArrayList<>()),
            stored.length,
            5,
            plaintext.length - 10,
            range);
        assertThat(range.toByteArray())
            .isEqualTo(Arrays.copyOfRange(plaintext, 5, plaintext.length - 5));
      }
      byte[] tampered = stored.clone();
      tampered[tampered.length - 1] ^= 1;
      assertThatThrownBy(
              () ->
                  cipher.decrypt(
                      tenant, id, new ByteArrayInputStream(tampered), new ByteArrayOutputStream()))
          .isInstanceOf(TamperedDataException.class);
    }
  }

  @Test
  void theLibraryEncryptsAsTheDocumentSaysGivenTheSameRandomness() throws Exception {
    JsonNode vector = vectors().get(2);
    RecordingCipher cipher =
        RecordingCipher.builder()
            .keyProvider(fixed(vector))
            .segmentSize(vector.get("segmentSize").asInt())
            .build();
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (var out =
        cipher.encrypt(TenantId.of("acme"), vector.get("recordingId").asText(), stored)) {
      out.write(hex(vector, "plaintext"));
    }
    byte[] mine = stored.toByteArray();
    byte[] theirs = hex(vector, "stored");

    assertThat(mine).hasSameSizeAs(theirs);
    assertThat(Arrays.copyOf(mine, 10)).isEqualTo(Arrays.copyOf(theirs, 10));
  }
}
