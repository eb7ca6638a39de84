package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();

  private AuditLog audit(RetentionPolicy policy, int batchSize) {
    return AuditTesting.auditLog(store, clock)
        .retention(policy)
        .cleanupBatchSize(batchSize)
        .checkpointEvery(0)
        .build();
  }

  private void record(AuditLog audit, AuditCategory category, int count) {
    for (int i = 0; i < count; i++) {
      AuditEvent.Builder event = AuditEvent.builder(tenant, category).actor("u").action("a");
      if (category == AuditCategory.SECURITY) {
        event.securityKind(SecurityEventKind.ACCESS_DENIED);
      }
      if (category == AuditCategory.DATA_ACCESS) {
        event.dataCategory(DataCategory.PII);
      }
      audit.record(event.build());
    }
  }

  @Test
  void expiredEventsAreDeletedAndTheRestStaysVerifiable() {
    AuditLog audit = audit(RetentionPolicy.keepFor(Duration.ofDays(30)), 1000);
    record(audit, AuditCategory.AUDIT, 10);
    clock.advance(Duration.ofDays(20));
    record(audit, AuditCategory.AUDIT, 5);
    clock.advance(Duration.ofDays(15));

    CleanupReport report = audit.cleanup();

    assertThat(report.eventsDeleted()).isEqualTo(10);
    assertThat(report.checkpointsWritten()).isEqualTo(1);
    assertThat(AuditTesting.chain(store, tenant, AuditCategory.AUDIT))
        .extracting(AuditRecord::sequence)
        .containsExactly(11L, 12L, 13L, 14L, 15L);
    VerificationReport verification = audit.verify(tenant);
    assertThat(verification.valid()).isTrue();
    assertThat(verification.chain(AuditCategory.AUDIT).orElseThrow().anchorSequence())
        .isEqualTo(10);
  }

  @Test
  void deletionRunsInBoundedBatches() {
    AuditLog audit = audit(RetentionPolicy.keepFor(Duration.ofDays(1)), 3);
    record(audit, AuditCategory.AUDIT, 10);
    clock.advance(Duration.ofDays(2));

    CleanupReport report = audit.cleanup();

    assertThat(report.eventsDeleted()).isEqualTo(10);
    assertThat(report.batches()).isEqualTo(4);
    assertThat(AuditTesting.count(store, tenant)).isZero();
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void eachCategoryKeepsItsOwnPeriod() {
    AuditLog audit =
        audit(
            RetentionPolicy.keepFor(Duration.ofDays(30))
                .withPeriod(AuditCategory.ADMIN, Duration.ofDays(6 * 365)),
            1000);
    record(audit, AuditCategory.AUDIT, 3);
    record(audit, AuditCategory.ADMIN, 2);
    clock.advance(Duration.ofDays(40));

    assertThat(audit.cleanup().eventsDeleted()).isEqualTo(3);
    assertThat(AuditTesting.chain(store, tenant, AuditCategory.ADMIN)).hasSize(2);
    assertThat(AuditTesting.chain(store, tenant, AuditCategory.AUDIT)).isEmpty();

    clock.advance(Duration.ofDays(6 * 365));
    assertThat(audit.cleanup().eventsDeleted()).isEqualTo(2);
  }

  @Test
  void theDefaultPeriodIs365Days() {
    AuditLog audit = AuditTesting.auditLog(store, clock).build();
    record(audit, AuditCategory.AUDIT, 2);
    clock.advance(Duration.ofDays(364));
    assertThat(audit.cleanup().eventsDeleted()).isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(audit.cleanup().eventsDeleted()).isEqualTo(2);
  }

  @Test
  void aLegalHoldSuspendsDeletionUntilReleased() {
    AuditLog audit = audit(RetentionPolicy.keepFor(Duration.ofDays(1)), 1000);
    record(audit, AuditCategory.AUDIT, 4);
    audit.placeLegalHold(tenant, AuditTesting.AUDITOR, "litigation 2026-17");
    clock.advance(Duration.ofDays(3));

    CleanupReport held = audit.cleanup();

    assertThat(held.eventsDeleted()).isZero();
    assertThat(held.tenantsOnHold()).containsExactly(tenant);
    assertThat(audit.hasLegalHold(tenant)).isTrue();

    audit.releaseLegalHold(tenant, AuditTesting.AUDITOR, "case closed");
    CleanupReport released = audit.cleanup();
    assertThat(released.eventsDeleted()).isEqualTo(5); // 4 events + the hold's admin record
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void aTamperedExpiredPartIsNeitherSignedNorDeleted() {
    AuditLog audit = audit(RetentionPolicy.keepFor(Duration.ofDays(1)), 1000);
    record(audit, AuditCategory.AUDIT, 5);
    store.tampering().delete(tenant, AuditCategory.AUDIT, 3);
    clock.advance(Duration.ofDays(2));

    CleanupReport report = audit.cleanup();

    assertThat(report.eventsDeleted()).isZero();
    assertThat(report.checkpointsWritten()).isZero();
    assertThat(report.brokenChains())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind()).isEqualTo(ChainBreak.Kind.MISSING);
              assertThat(b.sequence()).isEqualTo(3);
            });
    assertThat(AuditTesting.chain(store, tenant, AuditCategory.AUDIT)).hasSize(4);
  }

  @Test
  void aSecondCleanupWithNothingExpiredChangesNothing() {
    AuditLog audit = audit(RetentionPolicy.keepFor(Duration.ofDays(1)), 1000);
    record(audit, AuditCategory.AUDIT, 3);
    clock.advance(Duration.ofDays(2));
    audit.cleanup();
    record(audit, AuditCategory.AUDIT, 2);

    CleanupReport again = audit.cleanup();

    assertThat(again.eventsDeleted()).isZero();
    assertThat(again.checkpointsWritten()).isZero();
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void cleanupNeedsACheckpointKey() {
    AuditLog unsigned = AuditLog.builder().store(store).clock(clock).build();
    assertThatThrownBy(unsigned::cleanup)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signer");
  }
}
