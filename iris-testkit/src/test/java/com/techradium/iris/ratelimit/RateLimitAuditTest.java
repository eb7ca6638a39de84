package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Violations reach the audit log of the same {@link Iris} as security events, aggregated. */
class RateLimitAuditTest {
  @Test
  void aLoginLockoutFloodIsAFewSecurityEventsInTheAuditLog() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    TenantId tenant = TenantId.of("acme");
    try (Iris iris = Iris.builder().clock(clock).build()) {
      for (int i = 0; i < 1000; i++) {
        iris.rateLimits().loginFailed(tenant, "alice", "203.0.113.9");
      }
      clock.advance(Duration.ofSeconds(61));
      iris.rateLimits().flushViolations();

      List<AuditRecord> security =
          iris.audit()
              .securityEvents(
                  tenant, null, null, PageRequest.first(), Accessor.system("test", null))
              .items();
      assertThat(security).hasSizeBetween(1, 4);
      assertThat(security)
          .allSatisfy(
              r -> {
                assertThat(r.event().securityKind())
                    .isEqualTo(SecurityEventKind.RATE_LIMIT_VIOLATION);
                assertThat(r.event().actorId()).isEqualTo("alice");
                assertThat(r.event().ipAddress()).isEqualTo("203.0.113.9");
              });
    }
  }
}
