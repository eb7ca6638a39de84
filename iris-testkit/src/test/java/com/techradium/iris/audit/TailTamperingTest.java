package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tampering at the end of a chain, where no later event links to the change: a tail cut back below
 * a signed checkpoint, events stored past the head, checkpoints past the head that do not verify;
 * and reads that are rejected before they are recorded.
 */
class TailTamperingTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final AuditLog audit = AuditTesting.auditLog(store, clock).checkpointEvery(0).build();

  private List<AuditRecord> recordTen() {
    return AuditTesting.recordTen(audit, tenant, clock);
  }

  private ChainBreak firstBreak() {
    VerificationReport report = audit.verify(tenant);
    assertThat(report.valid()).isFalse();
    return report.firstBreak().orElseThrow();
  }

  private AuditRecord forgedAfter(AuditRecord last, boolean rightHash) {
    AuditEvent event = AuditTesting.action(tenant, "mallory", "doc.delete");
    long sequence = last.sequence() + 1;
    UUID id = UUID.randomUUID();
    String hash =
        rightHash
            ? AuditChain.hash(last.hash(), sequence, id, clock.instant(), event)
            : "0".repeat(64);
    return new AuditRecord(sequence, id, clock.instant(), event, last.hash(), hash);
  }

  @Test
  void aTailCutBelowASignedCheckpointIsReportedAsTruncated() {
    recordTen();
    audit.checkpoint(tenant);
    store.tampering().truncate(tenant, AuditCategory.AUDIT, 7);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
    assertThat(found.sequence()).isEqualTo(8);
    assertThat(found.detail()).contains("#10").contains("#7");
  }

  @Test
  void aTailCutTogetherWithItsCheckpointsIsNotDetectableFromTheDatabaseAlone() {
    recordTen();
    audit.checkpoint(tenant);
    store.tampering().truncate(tenant, AuditCategory.AUDIT, 7);
    store.tampering().deleteCheckpoints(tenant, AuditCategory.AUDIT, 7);

    // What docs/audit.md says: only checkpoints held outside the database catch this.
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void aCheckpointPastTheHeadThatDoesNotVerifyIsReportedAsForged() {
    recordTen();
    HmacCheckpointSigner other =
        new HmacCheckpointSigner(
            AuditTesting.SIGNER.keyId(),
            "another-key-another-key-another!!".getBytes(StandardCharsets.US_ASCII));
    store.saveCheckpoint(
        Checkpoint.sign(other, tenant, AuditCategory.AUDIT, 15, "0".repeat(64), clock.instant()));

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE);
    assertThat(found.sequence()).isEqualTo(15);
  }

  @Test
  void anEventStoredPastTheHeadIsNamedByVerifyAndNotServedByQueries() {
    List<AuditRecord> records = recordTen();
    AuditRecord forged = forgedAfter(records.get(9), false);
    store.tampering().insert(forged);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.PAST_HEAD);
    assertThat(found.sequence()).isEqualTo(11);
    assertThat(found.eventId()).isEqualTo(forged.id());
    assertThat(found.detail()).contains(forged.id().toString());
    List<AuditRecord> served =
        audit
            .query(
                AuditQuery.forTenant(tenant).build(), PageRequest.first(100), AuditTesting.AUDITOR)
            .items();
    assertThat(served).extracting(AuditRecord::id).doesNotContain(forged.id());
    assertThat(served).extracting(AuditRecord::id).contains(records.get(9).id());
  }

  @Test
  void anEventPastTheHeadWithARecomputedHashIsStillNamed() {
    List<AuditRecord> records = recordTen();
    AuditRecord forged = forgedAfter(records.get(9), true);
    assertThat(forged.hashMatches()).isTrue();
    store.tampering().insert(forged);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.PAST_HEAD);
    assertThat(found.eventId()).isEqualTo(forged.id());
    assertThat(
            audit
                .userActivity(tenant, "mallory", null, PageRequest.first(), AuditTesting.AUDITOR)
                .items())
        .isEmpty();
  }

  @Test
  void anEventStoredPastTheHeadIsLeftOutOfExportsWhichStillVerify() {
    List<AuditRecord> records = recordTen();
    AuditRecord forged = forgedAfter(records.get(9), true);
    store.tampering().insert(forged);
    AuditQuery everything = AuditQuery.forTenant(tenant).build();
    StringWriter jsonLines = new StringWriter();
    StringWriter csv = new StringWriter();

    ExportSummary exported = audit.exportJsonLines(everything, AuditTesting.AUDITOR, jsonLines);
    audit.exportCsv(everything, AuditTesting.AUDITOR, csv);

    assertThat(jsonLines.toString()).doesNotContain(forged.id().toString()).contains("user-10");
    assertThat(csv.toString()).doesNotContain(forged.id().toString()).contains("user-10");
    assertThat(exported.events()).isEqualTo(11); // ten events and the export's own read
    ExportVerification verified =
        AuditExportVerifier.verify(new StringReader(jsonLines.toString()));
    assertThat(verified.valid()).isTrue();
    assertThat(verified.lines()).isEqualTo(11);
  }

  @Test
  void aRangeEndingBeforeTheHeadIsNotBlamedForTheTail() {
    List<AuditRecord> records = recordTen();
    store.tampering().insert(forgedAfter(records.get(9), false));

    VerificationReport range =
        audit.verify(tenant, records.get(0).recordedAt(), records.get(4).recordedAt());

    assertThat(range.valid()).isTrue();
  }

  @Test
  void aQueryRejectedForItsCursorIsNotRecordedAsARead() {
    recordTen();
    AuditQuery reads = AuditQuery.forTenant(tenant).categories(AuditCategory.DATA_ACCESS).build();

    assertThatThrownBy(
            () ->
                audit.query(
                    AuditQuery.forTenant(tenant).build(),
                    PageRequest.first().after("not-a-cursor"),
                    AuditTesting.AUDITOR))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("cursor")).isTrue());
    assertThat(store.count(reads)).isZero();
  }
}
