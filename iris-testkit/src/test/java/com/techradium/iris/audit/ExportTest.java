package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final AuditLog audit = AuditTesting.auditLog(store, clock).build();

  private void recordMixed(int count) {
    for (int i = 0; i < count; i++) {
      switch (i % 3) {
        case 0 -> audit.record(AuditTesting.action(tenant, "u" + i, "doc.view"));
        case 1 ->
            audit.record(
                AuditEvents.dataAccess(
                        tenant, "u" + i, DataCategory.PHI, "patient", List.of("p-" + i))
                    .purpose("treatment")
                    .context(RequestContext.ip("192.0.2.1"))
                    .build());
        default ->
            audit.record(
                AuditEvents.adminAction(tenant, "admin", "role.grant", "user", "u" + i)
                    .before("{\"roles\":[]}")
                    .after("{\"roles\":[\"billing\"]}")
                    .build());
      }
      clock.advance(Duration.ofMillis(1500));
    }
  }

  private String exportAll() {
    StringWriter out = new StringWriter();
    audit.exportJsonLines(AuditQuery.forTenant(tenant).build(), AuditTesting.AUDITOR, out);
    return out.toString();
  }

  @Test
  void jsonLinesCarrySequenceAndHashesAndReverifyOffline() {
    recordMixed(30);

    String export = exportAll();

    String[] lines = export.split("\n");
    assertThat(lines).hasSize(31); // 30 events and the export's own access record
    assertThat(AuditExportVerifier.parse(lines[0]).sequence()).isEqualTo(1);
    assertThat(lines[0]).contains("\"hash\":\"").contains("\"previousHash\":\"");
    ExportVerification result = AuditExportVerifier.verify(new StringReader(export));
    assertThat(result.valid()).isTrue();
    assertThat(result.lines()).isEqualTo(31);
    assertThat(result.linksChecked()).isEqualTo(28); // 31 lines minus the first of 3 chains
  }

  @Test
  void exportedRecordsReadBackEqualToTheStoredOnes() {
    recordMixed(6);
    List<AuditRecord> stored =
        store.scan(AuditQuery.forTenant(tenant).build(), PageRequest.first(100)).items();

    String[] lines = exportAll().split("\n");

    List<AuditRecord> parsed = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      parsed.add(AuditExportVerifier.parse(lines[i]));
    }
    assertThat(parsed).containsExactlyElementsOf(stored);
  }

  @Test
  void anAlteredLineIsReportedByNumber() {
    recordMixed(9);
    String[] lines = exportAll().split("\n");
    lines[4] = lines[4].replace("\"actorId\":\"u4\"", "\"actorId\":\"u5\"");

    ExportVerification result =
        AuditExportVerifier.verify(new StringReader(String.join("\n", lines)));

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBadLine()).isEqualTo(5);
  }

  @Test
  void aLineRecomputedByHandBreaksTheLinkOfTheNextLineOfItsChain() {
    for (int i = 0; i < 4; i++) {
      audit.record(AuditTesting.action(tenant, "u" + i, "doc.view"));
    }
    String[] lines = exportAll().split("\n");
    AuditRecord second = AuditExportVerifier.parse(lines[1]);
    AuditRecord forged =
        AuditRecord.chain(
            new NewAuditRecord(
                second.id(),
                second.recordedAt(),
                second.event().toBuilder().action("doc.delete").build()),
            second.sequence(),
            second.previousHash());
    StringWriter rewritten = new StringWriter();
    try (var json = AuditExportFormat.jsonLines(rewritten)) {
      AuditExportFormat.writeJsonLine(json, forged);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    lines[1] = rewritten.toString().strip();

    ExportVerification result =
        AuditExportVerifier.verify(new StringReader(String.join("\n", lines)));

    assertThat(result.firstBadLine()).isEqualTo(3);
  }

  @Test
  void csvHasAHeaderAndQuotesCellsThatNeedIt() {
    audit.record(
        AuditEvent.builder(tenant, AuditCategory.AUDIT)
            .actor("o'brien, pat")
            .action("note.add")
            .metadata(Map.of("text", "say \"hi\", then leave"))
            .build());
    StringWriter out = new StringWriter();

    ExportSummary summary =
        audit.exportCsv(
            AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build(),
            AuditTesting.AUDITOR,
            out);

    String[] rows = out.toString().split("\r\n");
    assertThat(summary.events()).isEqualTo(1);
    assertThat(rows[0]).isEqualTo(String.join(",", AuditExportFormat.COLUMNS));
    assertThat(rows[1])
        .contains(",\"o'brien, pat\",USER,note.add,")
        .contains("\"{\"\"text\"\":\"\"say \\\"\"hi\\\"\", then leave\"\"}\"");
    assertThat(Arrays.asList(rows)).hasSize(2);
  }

  @Test
  void anExportIsRecordedAsADataAccessByTheReader() {
    recordMixed(3);
    ExportSummary summary =
        audit.exportJsonLines(
            AuditQuery.forTenant(tenant).categories(AuditCategory.ADMIN).build(),
            AuditTesting.AUDITOR,
            new StringWriter());

    AuditEvent access = summary.accessEvent().event();
    assertThat(summary.events()).isEqualTo(1);
    assertThat(access.category()).isEqualTo(AuditCategory.DATA_ACCESS);
    assertThat(access.dataCategory()).isEqualTo(DataCategory.AUDIT_TRAIL);
    assertThat(access.actorId()).isEqualTo("auditor-1");
    assertThat(access.action()).isEqualTo("audit.export");
    assertThat(access.purpose()).isEqualTo("quarterly review");
    assertThat(access.metadata()).contains("\"format\":\"jsonl\"").contains("ADMIN");
  }

  @Test
  void everyQueryIsRecordedAsADataAccessByTheReader() {
    recordMixed(3);
    audit.failedLogins(tenant, null, PageRequest.first(), AuditTesting.AUDITOR);
    audit.userActivity(tenant, "u0", null, PageRequest.first(), AuditTesting.AUDITOR);

    List<AuditRecord> reads =
        store
            .query(
                AuditQuery.forTenant(tenant)
                    .dataCategory(DataCategory.AUDIT_TRAIL)
                    .actorId("auditor-1")
                    .build(),
                PageRequest.first())
            .items();
    assertThat(reads)
        .extracting(r -> r.event().metadata())
        .anyMatch(m -> m.contains("\"view\":\"failed_logins\""))
        .anyMatch(
            m -> m.contains("\"view\":\"user_activity\"") && m.contains("\"actorId\":\"u0\""));
  }

  @Test
  void largeExportsPageThroughTheStore() {
    List<AuditEvent> batch = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      batch.add(AuditTesting.action(tenant, "u" + i, "doc.view"));
    }
    audit.recordAll(batch);

    String export = exportAll();

    ExportVerification result = AuditExportVerifier.verify(new StringReader(export));
    assertThat(result.valid()).isTrue();
    assertThat(result.lines()).isEqualTo(2501);
  }
}
