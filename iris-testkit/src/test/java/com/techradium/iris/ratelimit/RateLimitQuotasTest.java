package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Quotas reset themselves at the tenant's midnight and billing day, across DST changes. */
class RateLimitQuotasTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final TenantId tenant = TenantId.of("acme");
  private RateLimitQuotas quotas;

  @BeforeEach
  void setUp() {
    quotas =
        RateLimiter.builder().clock(clock).store(new InMemoryRateLimitStore()).build().quotas();
  }

  @Test
  void aDailyQuotaStartsOverAtTheTenantsMidnightNotUtcs() {
    quotas.define(tenant, QuotaDefinition.daily("sms", 3, NEW_YORK));
    clock.set(Instant.parse("2026-02-10T04:30:00Z")); // 23:30 in New York

    assertThat(quotas.consume(tenant, "sms", null, 3).allowed()).isTrue();
    assertThat(quotas.consume(tenant, "sms", null, 1).allowed()).isFalse();
    clock.set(Instant.parse("2026-02-10T04:59:59Z"));
    assertThat(quotas.consume(tenant, "sms", null, 1).allowed()).isFalse();
    clock.set(Instant.parse("2026-02-10T05:00:00Z")); // midnight in New York
    QuotaUsage fresh = quotas.consume(tenant, "sms", null, 1);
    assertThat(fresh.allowed()).isTrue();
    assertThat(fresh.used()).isEqualTo(1);
    assertThat(fresh.periodStart()).isEqualTo(Instant.parse("2026-02-10T05:00:00Z"));
    assertThat(fresh.resetsAt()).isEqualTo(Instant.parse("2026-02-11T05:00:00Z"));
  }

  @Test
  void theDayOfASpringDstChangeIs23HoursLong() {
    quotas.define(tenant, QuotaDefinition.daily("sms", 1, NEW_YORK));
    clock.set(Instant.parse("2026-03-08T12:00:00Z")); // clocks went forward at 02:00 local

    QuotaUsage usage = quotas.consume(tenant, "sms", null, 1);

    assertThat(usage.periodStart()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(usage.resetsAt()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
    assertThat(Duration.between(usage.periodStart(), usage.resetsAt()))
        .isEqualTo(Duration.ofHours(23));
    clock.set(Instant.parse("2026-03-09T03:59:59Z"));
    assertThat(quotas.consume(tenant, "sms", null, 1).allowed()).isFalse();
    clock.set(Instant.parse("2026-03-09T04:00:00Z"));
    assertThat(quotas.consume(tenant, "sms", null, 1).allowed()).isTrue();
  }

  @Test
  void theDayOfAnAutumnDstChangeIs25HoursLong() {
    quotas.define(tenant, QuotaDefinition.daily("sms", 1, NEW_YORK));
    clock.set(Instant.parse("2026-11-01T12:00:00Z"));

    QuotaUsage usage = quotas.consume(tenant, "sms", null, 1);

    assertThat(Duration.between(usage.periodStart(), usage.resetsAt()))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void aMonthlyQuotaStartsOverOnTheBillingDay() {
    quotas.define(tenant, QuotaDefinition.monthly("api", 100, NEW_YORK, 15));
    clock.set(Instant.parse("2026-03-14T12:00:00Z"));
    quotas.consume(tenant, "api", null, 100);

    assertThat(quotas.consume(tenant, "api", null, 1).allowed()).isFalse();
    assertThat(quotas.usage(tenant, "api", null).periodStart())
        .isEqualTo(Instant.parse("2026-02-15T05:00:00Z"));
    clock.set(Instant.parse("2026-03-15T04:00:00Z")); // midnight EDT on the 15th
    assertThat(quotas.usage(tenant, "api", null).used()).isZero();
    assertThat(quotas.consume(tenant, "api", null, 1).allowed()).isTrue();
  }

  @Test
  void perKeyQuotasCountEachKeyAndCanBeResetByHand() {
    quotas.define(tenant, QuotaDefinition.daily("calls", 2, NEW_YORK).forEachApiKey());
    quotas.consume(tenant, "calls", "key-1", 2);

    assertThat(quotas.consume(tenant, "calls", "key-1", 1).allowed()).isFalse();
    assertThat(quotas.consume(tenant, "calls", "key-2", 1).allowed()).isTrue();
    assertThat(quotas.reset(tenant, "calls", "key-1").used()).isZero();
    assertThat(quotas.consume(tenant, "calls", "key-1", 1).remaining()).isEqualTo(1);
    assertThat(quotas.list(tenant)).extracting(QuotaDefinition::name).containsExactly("calls");
  }

  @Test
  void badQuotaCallsNameTheirFields() {
    quotas.define(tenant, QuotaDefinition.daily("calls", 2, NEW_YORK).forEachApiKey());

    assertFields(() -> quotas.consume(tenant, "calls", null, 0), "amount", "apiKey");
    assertFields(() -> quotas.consume(tenant, "nope", null, 1), "quota");
    assertFields(
        () -> new QuotaDefinition("X", QuotaPeriod.MONTHLY, 0, NEW_YORK, 31, false),
        "quota.name",
        "quota.limit",
        "quota.billingDay");
  }

  private static void assertFields(Executable call, String... fields) {
    try {
      call.execute();
    } catch (ValidationException e) {
      assertThat(e.errors()).extracting(f -> f.field()).containsExactly(fields);
      return;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    throw new AssertionError("expected a ValidationException");
  }
}
