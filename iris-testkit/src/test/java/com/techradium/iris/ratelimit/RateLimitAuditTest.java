package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Violations and login lockouts reach the audit log of the same {@link Iris} as security events:
 * rate-limit violations aggregated, a login lockout once.
 */
class RateLimitAuditTest {
  private static List<AuditRecord> securityEvents(Iris iris, TenantId tenant) {
    return iris.audit()
        .securityEvents(tenant, null, null, PageRequest.first(), Accessor.system("test", null))
        .items();
  }

  private static AuditQuery kind(TenantId tenant, SecurityEventKind kind) {
    return AuditQuery.forTenant(tenant)
        .categories(AuditCategory.SECURITY)
        .securityKind(kind)
        .build();
  }

  @Test
  void aFloodOfRequestsIsAFewViolationEventsInTheAuditLog() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    TenantId tenant = TenantId.of("acme");
    try (Iris iris = Iris.builder().clock(clock).build()) {
      for (int i = 0; i < 1000; i++) {
        iris.rateLimits().check(RateLimitRequest.of(tenant, "api").user("alice"));
      }
      clock.advance(Duration.ofSeconds(61));
      iris.rateLimits().flushViolations();

      assertThat(securityEvents(iris, tenant))
          .hasSizeBetween(1, 4)
          .allSatisfy(
              r -> {
                assertThat(r.event().securityKind())
                    .isEqualTo(SecurityEventKind.RATE_LIMIT_VIOLATION);
                assertThat(r.event().actorId()).isEqualTo("alice");
              });
    }
  }

  @Test
  void aLoginFloodIsOneEventPerFailureAndOneLockoutPerAccountAndAddress() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    TenantId tenant = TenantId.of("acme");
    try (Iris iris = Iris.builder().clock(clock).build()) {
      for (int i = 0; i < 1000; i++) {
        iris.rateLimits().loginFailed(tenant, "alice", "203.0.113.9");
      }
      clock.advance(Duration.ofSeconds(61));
      iris.rateLimits().flushViolations();

      AuditStore events = iris.storage().store(AuditStore.class);
      assertThat(events.count(kind(tenant, SecurityEventKind.FAILED_LOGIN))).isEqualTo(1000);
      assertThat(events.count(kind(tenant, SecurityEventKind.RATE_LIMIT_VIOLATION))).isZero();
      assertThat(
              events
                  .query(kind(tenant, SecurityEventKind.BRUTE_FORCE_DETECTED), PageRequest.first())
                  .items())
          .extracting(r -> r.event().action())
          .containsExactlyInAnyOrder("brute_force.account.PT1M", "brute_force.ip_address.PT1M");
      assertThat(iris.rateLimits().violations(tenant, clock.instant().minusSeconds(3600)))
          .extracting(Violation::rule)
          .isNotEmpty()
          .allMatch(rule -> rule.startsWith("login-"));
    }
  }
}
