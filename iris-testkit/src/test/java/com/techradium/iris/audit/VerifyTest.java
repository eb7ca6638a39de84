package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyTest {
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

  @Test
  void anIntactChainVerifies() {
    recordTen();
    audit.record(AuditEvent.builder(tenant, AuditCategory.ADMIN).actor("root").action("x").build());

    VerificationReport report = audit.verify(tenant);

    assertThat(report.valid()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(11);
    assertThat(report.chain(AuditCategory.AUDIT).orElseThrow().lastSequence()).isEqualTo(10);
    assertThat(report.chain(AuditCategory.SECURITY)).isEmpty();
  }

  @Test
  void aModifiedEventIsReportedAtItsSequence() {
    List<AuditRecord> records = recordTen();
    AuditRecord original = records.get(4);
    AuditEvent altered = original.event().toBuilder().actor("someone-else").build();
    store
        .tampering()
        .replace(
            new AuditRecord(
                5,
                original.id(),
                original.recordedAt(),
                altered,
                original.previousHash(),
                original.hash()));

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(5);
    assertThat(found.eventId()).isEqualTo(original.id());
    assertThat(found.category()).isEqualTo(AuditCategory.AUDIT);
  }

  @Test
  void aDeletedEventIsReportedMissingAtItsSequence() {
    recordTen();
    store.tampering().delete(tenant, AuditCategory.AUDIT, 4);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MISSING);
    assertThat(found.sequence()).isEqualTo(4);
  }

  @Test
  void deletingTheNewestEventIsDetectedAgainstTheChainHead() {
    recordTen();
    store.tampering().delete(tenant, AuditCategory.AUDIT, 10);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MISSING);
    assertThat(found.sequence()).isEqualTo(10);
  }

  @Test
  void reorderedEventsAreReportedAtTheFirstMovedPosition() {
    recordTen();
    store.tampering().swap(tenant, AuditCategory.AUDIT, 6, 7);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BROKEN_LINK);
    assertThat(found.sequence()).isEqualTo(6);
  }

  @Test
  void aChainRewrittenWithFreshHashesIsCaughtByASignedCheckpoint() {
    List<AuditRecord> records = recordTen();
    store.saveCheckpoint(
        Checkpoint.sign(
            AuditTesting.SIGNER,
            tenant,
            AuditCategory.AUDIT,
            6,
            records.get(5).hash(),
            clock.instant()));
    // Rewrite events 3..10 consistently, as an attacker who knows the algorithm would.
    String previous = records.get(1).hash();
    for (int i = 2; i < 10; i++) {
      AuditRecord old = records.get(i);
      AuditEvent event =
          i == 2 ? old.event().toBuilder().action("doc.delete").build() : old.event();
      AuditRecord forged =
          AuditRecord.chain(new NewAuditRecord(old.id(), old.recordedAt(), event), i + 1, previous);
      store.tampering().replace(forged);
      previous = forged.hash();
    }

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.CHECKPOINT_MISMATCH);
    assertThat(found.sequence()).isEqualTo(6);
  }

  @Test
  void aRangeIsVerifiedFromTheLatestCheckpointBeforeIt() {
    AuditLog checkpointing =
        AuditTesting.auditLog(store, clock)
            .checkpointEvery(4)
            .checkpointAtLeastEvery(Duration.ofDays(1))
            .build();
    List<Instant> times = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      times.add(checkpointing.record(AuditTesting.action(tenant, "u", "a")).recordedAt());
      clock.advance(Duration.ofMinutes(1));
    }

    VerificationReport report = checkpointing.verify(tenant, times.get(9), times.get(10));

    ChainVerification chain = report.chain(AuditCategory.AUDIT).orElseThrow();
    assertThat(chain.valid()).isTrue();
    assertThat(chain.anchorSequence()).isEqualTo(8);
    assertThat(chain.lastSequence()).isEqualTo(11);
    assertThat(chain.eventsChecked()).isEqualTo(3);
  }

  @Test
  void tamperingBeforeTheRangesAnchorDoesNotFailTheRange() {
    AuditLog checkpointing =
        AuditTesting.auditLog(store, clock)
            .checkpointEvery(5)
            .checkpointAtLeastEvery(Duration.ofDays(1))
            .build();
    List<Instant> times = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      times.add(checkpointing.record(AuditTesting.action(tenant, "u", "a")).recordedAt());
      clock.advance(Duration.ofMinutes(1));
    }
    store.tampering().delete(tenant, AuditCategory.AUDIT, 2);

    assertThat(checkpointing.verify(tenant, times.get(6), null).valid()).isTrue();
    assertThat(checkpointing.verify(tenant).firstBreak().orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void aCheckpointSignedWithAnotherKeyIsReported() {
    AuditLog checkpointing =
        AuditTesting.auditLog(store, clock)
            .checkpointEvery(5)
            .checkpointAtLeastEvery(Duration.ofDays(1))
            .build();
    List<Instant> times = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      times.add(checkpointing.record(AuditTesting.action(tenant, "u", "a")).recordedAt());
      clock.advance(Duration.ofMinutes(1));
    }
    AuditLog otherKey =
        AuditLog.builder()
            .store(store)
            .clock(clock)
            .signer(
                new HmacCheckpointSigner(
                    "test-key",
                    "another secret of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)))
            .build();

    ChainBreak found = otherKey.verify(tenant, times.get(7), null).firstBreak().orElseThrow();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE);
    assertThat(found.sequence()).isEqualTo(5);
  }

  @Test
  void aBreakInOneChainLeavesTheOthersValid() {
    recordTen();
    audit.record(AuditEvent.builder(tenant, AuditCategory.ADMIN).actor("root").action("x").build());
    store.tampering().delete(tenant, AuditCategory.AUDIT, 1);

    VerificationReport report = audit.verify(tenant);

    assertThat(report.chain(AuditCategory.AUDIT).orElseThrow().valid()).isFalse();
    assertThat(report.chain(AuditCategory.ADMIN).orElseThrow().valid()).isTrue();
    assertThat(report.firstBreak().orElseThrow().sequence()).isEqualTo(1);
  }
}
