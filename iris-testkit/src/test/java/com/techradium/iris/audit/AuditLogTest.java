package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final AuditLog audit = AuditTesting.auditLog(store, clock).build();

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
    audit.record(
        AuditEvents.apiRequest(tenant, "GET", "/v1/calls", 200, Duration.ofMillis(12))
            .apiKey("key-1")
            .build());
    audit.record(
        AuditEvents.apiRequest(tenant, "post", "/v1/sms", 403, Duration.ofMillis(3))
            .user("u-9")
            .context(RequestContext.ip("192.0.2.4"))
            .build());
    audit.record(AuditEvents.apiRequest(tenant, "GET", "/v1/x", 404, Duration.ZERO).build());
    audit.enqueueOrRecord(
        AuditEvents.apiRequest(tenant, "GET", "/v1/y", 503, Duration.ofSeconds(1)).build());

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
        audit.record(
            AuditEvents.dataAccess(
                    tenant, "nurse-1", DataCategory.PHI, "patient", List.of("p-1", "p-2"))
                .purpose("treatment")
                .build());
    AuditRecord change =
        audit.record(
            AuditEvents.adminAction(tenant, "root", "plan.change", "tenant", tenant.value())
                .before("{\"plan\":\"basic\"}")
                .after("{\"plan\":\"pro\"}")
                .build());

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
    audit.record(
        AuditEvents.rateLimitViolation(tenant, "u-1", ActorType.USER, "api-100-per-min").build());
    audit.record(
        AuditEvents.keyMisuse(tenant, "key-7", "scope")
            .context(RequestContext.ip("192.0.2.9"))
            .build());
    audit.record(
        AuditEvents.security(
                tenant, SecurityEventKind.SUSPICIOUS_ACTIVITY, "u-2", ActorType.USER, "api.call")
            .metadata(Map.of("why", "impossible travel"))
            .build());

    List<AuditRecord> events = AuditTesting.chain(store, tenant, AuditCategory.SECURITY);
    assertThat(events)
        .extracting(r -> r.event().securityKind())
        .containsExactly(
            SecurityEventKind.RATE_LIMIT_VIOLATION,
            SecurityEventKind.KEY_MISUSE,
            SecurityEventKind.SUSPICIOUS_ACTIVITY);
    assertThat(events).allMatch(r -> r.event().outcome() == Outcome.DENIED);
    assertThat(events.get(0).event().metadata()).isEqualTo("{\"limit\":\"api-100-per-min\"}");
    assertThat(events.get(1).event().metadata()).isEqualTo("{\"reason\":\"scope\"}");
    assertThat(events.get(1).event().ipAddress()).isEqualTo("192.0.2.9");
  }

  @Test
  void checkpointSignsTheHeadOfEveryChain() {
    audit.record(AuditTesting.action(tenant, "a", "x"));
    audit.recordFailedLogin(FailedLogin.of(tenant, "bob"));

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
}
