package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final AuditLog audit = AuditTesting.auditLog(store, clock).build();

  @Test
  void theBuilderNeedsAStoreAndTakesEachPartOnce() {
    assertThatThrownBy(() -> AuditLog.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
    assertThatThrownBy(() -> AuditLog.builder().store(store).store(store))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AuditLog.builder().store(store).checkpointEvery(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signer");
  }

  @Test
  void aRecordedEventIsStampedWithTheClockAndChained() {
    AuditRecord first = audit.record(AuditTesting.action(tenant, "u1", "doc.view"));
    clock.advance(Duration.ofSeconds(3));
    AuditRecord second = audit.record(AuditTesting.action(tenant, "u1", "doc.edit"));

    assertThat(first.recordedAt()).isEqualTo(clock.instant().minusSeconds(3));
    assertThat(second.recordedAt()).isEqualTo(clock.instant());
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(second.id()).isGreaterThan(first.id());
  }

  @Test
  void aBatchIsRecordedInOrder() {
    List<AuditRecord> stored =
        audit.recordAll(
            List.of(
                AuditTesting.action(tenant, "a", "x"),
                AuditTesting.action(tenant, "b", "x"),
                AuditTesting.action(tenant, "c", "x")));
    assertThat(stored).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
    assertThat(stored).extracting(r -> r.event().actorId()).containsExactly("a", "b", "c");
  }

  @Test
  void apiRequestsAreRecordedWithAnOutcomeFromTheirStatus() {
    audit.recordApiRequest(
        tenant, "GET", "/v1/calls", 200, Duration.ofMillis(12), "key-1", null, RequestContext.NONE);
    audit.recordApiRequest(
        tenant,
        "post",
        "/v1/sms",
        403,
        Duration.ofMillis(3),
        null,
        "u-9",
        RequestContext.ip("192.0.2.4"));
    audit.recordApiRequest(
        tenant, "GET", "/v1/x", 404, Duration.ZERO, null, null, RequestContext.NONE);
    audit.recordApiRequest(
        tenant, "GET", "/v1/y", 503, Duration.ofSeconds(1), null, null, RequestContext.NONE);

    List<AuditRecord> requests = AuditTesting.chain(store, tenant, AuditCategory.AUDIT);
    assertThat(requests)
        .extracting(r -> r.event().outcome())
        .containsExactly(Outcome.SUCCESS, Outcome.DENIED, Outcome.FAILURE, Outcome.ERROR);
    assertThat(requests)
        .extracting(r -> r.event().actorType())
        .containsExactly(
            ActorType.API_KEY, ActorType.USER, ActorType.ANONYMOUS, ActorType.ANONYMOUS);
    assertThat(requests.get(0).event().metadata())
        .isEqualTo(
            "{\"apiKeyId\":\"key-1\",\"latencyMicros\":12000,\"method\":\"GET\",\"path\":\"/v1/calls\",\"status\":200}");
    assertThat(requests.get(1).event().ipAddress()).isEqualTo("192.0.2.4");
  }

  @Test
  void dataAccessAndAdminRecordersFillTheirStreamsFields() {
    AuditRecord read =
        audit.recordDataAccess(
            tenant,
            "nurse-1",
            DataCategory.PHI,
            "patient",
            List.of("p-1", "p-2"),
            "treatment",
            RequestContext.NONE);
    AuditRecord change =
        audit.recordAdminAction(
            tenant,
            "root",
            "plan.change",
            "tenant",
            tenant.value(),
            "{\"plan\":\"basic\"}",
            "{\"plan\":\"pro\"}",
            RequestContext.NONE);

    assertThat(read.event().recordIds()).containsExactly("p-1", "p-2");
    assertThat(read.event().dataCategory()).isEqualTo(DataCategory.PHI);
    assertThat(read.event().purpose()).isEqualTo("treatment");
    assertThat(change.event().before()).isEqualTo("{\"plan\":\"basic\"}");
    assertThat(change.event().after()).isEqualTo("{\"plan\":\"pro\"}");
    assertThat(
            audit
                .sensitiveAccess(
                    tenant, DataCategory.PHI, null, PageRequest.first(), AuditTesting.AUDITOR)
                .items())
        .containsExactly(read);
    assertThat(audit.adminActivity(tenant, null, PageRequest.first(), AuditTesting.AUDITOR).items())
        .containsExactly(change);
  }

  @Test
  void securityRecordersUseTheirKinds() {
    audit.recordRateLimitViolation(
        tenant, "u-1", ActorType.USER, "api-100-per-min", RequestContext.NONE);
    audit.recordKeyMisuse(tenant, "key-7", "scope", RequestContext.ip("192.0.2.9"));

    assertThat(AuditTesting.chain(store, tenant, AuditCategory.SECURITY))
        .extracting(r -> r.event().securityKind())
        .containsExactly(SecurityEventKind.RATE_LIMIT_VIOLATION, SecurityEventKind.KEY_MISUSE);
  }

  @Test
  void checkpointSignsTheHeadOfEveryChain() {
    audit.record(AuditTesting.action(tenant, "a", "x"));
    audit.recordFailedLogin(tenant, "bob", RequestContext.NONE);

    List<Checkpoint> made = audit.checkpoint(tenant);

    assertThat(made)
        .extracting(Checkpoint::category)
        .containsExactly(AuditCategory.AUDIT, AuditCategory.SECURITY);
    assertThat(made).allMatch(c -> c.isSignedBy(AuditTesting.SIGNER));
    assertThat(audit.checkpoints(tenant, AuditCategory.AUDIT, 0, 10)).containsExactly(made.get(0));
  }

  @Test
  void checkpointsAreSignedPeriodically() {
    AuditLog periodic =
        AuditTesting.auditLog(new InMemoryAuditStore(), clock).checkpointEvery(3).build();
    for (int i = 0; i < 7; i++) {
      periodic.record(AuditTesting.action(tenant, "a", "x"));
    }
    assertThat(periodic.checkpoints(tenant, AuditCategory.AUDIT, 0, 10))
        .extracting(Checkpoint::sequence)
        .containsExactly(3L, 6L);
  }

  @Test
  void eventsForTenantsTheDirectoryDoesNotKnowAreRejectedAndNothingIsWritten() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.register(tenant, "Known Co", clock.instant());
    TenantId stranger = AuditTesting.newTenant();
    AuditLog guarded = AuditTesting.auditLog(store, clock).tenants(directory).build();

    assertThatThrownBy(() -> guarded.record(AuditTesting.action(stranger, "a", "x")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("tenantId")).isTrue());
    assertThatThrownBy(
            () ->
                guarded.recordAll(
                    List.of(
                        AuditTesting.action(tenant, "a", "x"),
                        AuditTesting.action(stranger, "b", "x"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("events[1]");
    assertThatThrownBy(
            () ->
                guarded.userActivity(
                    stranger, "a", null, PageRequest.first(), AuditTesting.AUDITOR))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> guarded.placeLegalHold(stranger, AuditTesting.AUDITOR, "case"))
        .isInstanceOf(ValidationException.class);

    assertThat(AuditTesting.count(store, tenant)).isZero();
    assertThat(AuditTesting.count(store, stranger)).isZero();
    assertThat(store.hasLegalHold(stranger)).isFalse();
    assertThat(guarded.record(AuditTesting.action(tenant, "a", "x")).sequence()).isEqualTo(1);
  }
}
