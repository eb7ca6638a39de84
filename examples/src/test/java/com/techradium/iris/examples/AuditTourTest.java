package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditTourTest {

  @Test
  void theTourShowsDetectionVerificationAndTheAlteredEvent() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    AuditLog audit =
        AuditLog.builder()
            .store(store)
            .signer(new HmacCheckpointSigner("demo", new byte[32]))
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    AuditTour.run(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        audit,
        AuditTour.inMemoryEditor(store));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("brute force detected for account dr-lee")
        .contains("verify: valid, 11 events checked")
        .contains("verify: BROKEN -> MODIFIED at DATA_ACCESS #1")
        .contains("\"category\":\"ADMIN\"");
  }
}
