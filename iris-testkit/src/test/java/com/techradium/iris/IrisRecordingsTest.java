package com.techradium.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IrisRecordingsTest {
  private static final TenantId ACME = TenantId.of("acme");

  @Test
  void irisHandsOutAVaultWhoseAccessesTheAuditLogRecords() throws Exception {
    try (Iris iris =
        Iris.builder().recordings(r -> r.keyProvider(LocalKeyProvider.ephemeral())).build()) {
      byte[] audio =
          "RIFF....WAVEfmt ".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Recording recording =
          iris.recordings()
              .store(
                  ACME,
                  new NewRecording("call-1", "audio/wav", Duration.ofSeconds(2)),
                  new ByteArrayInputStream(audio));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      iris.recordings().stream(ACME, recording.id(), RecordingAccess.user("ops", "support"), out);

      assertThat(out.toByteArray()).isEqualTo(audio);
      assertThat(
              iris.audit()
                  .sensitiveAccess(
                      ACME, DataCategory.PII, null, PageRequest.first(), Accessor.user("a", "t"))
                  .items())
          .singleElement()
          .satisfies(e -> assertThat(e.event().recordIds()).containsExactly(recording.id()));
    }
  }

  @Test
  void withoutAKeyProviderThereIsNoVault() {
    assertThatThrownBy(() -> Iris.inMemory().recordings())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key provider");
    assertThat(IrisStorage.inMemory().ports())
        .contains(
            com.techradium.iris.recording.spi.RecordingStore.class,
            com.techradium.iris.recording.spi.RecordingMetadataStore.class);
  }
}
