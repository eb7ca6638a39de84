package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input, hostile keys and tenant isolation of the rate limiter. */
class RateLimiterInputTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();
  private final InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();
  private final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
  private final TenantId a = TenantId.of("tenant-a");
  private final TenantId b = TenantId.of("tenant-b");
  private RateLimiter limiter;

  @BeforeEach
  void setUp() {
    directory.register(a, "A", clock.instant());
    directory.register(b, "B", clock.instant());
    limiter =
        RateLimiter.builder()
            .clock(clock)
            .tenants(directory)
            .store(store)
            .counters(counters)
            .build();
    limiter.saveRule(
        a, RateLimitRule.of("per-user", "api", 1, Duration.ofHours(1), RateLimitScope.USER));
    limiter.saveRule(
        b, RateLimitRule.of("per-user", "api", 1, Duration.ofHours(1), RateLimitScope.USER));
  }

  private static ValidationException invalid(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void aBadRequestNamesEveryFieldAndCountsNothing() {
    RateLimitRequest bad =
        new RateLimitRequest(a, "api", "x".repeat(10 * 1024), "", "999.1.1.1", 0);

    ValidationException e = invalid(() -> limiter.check(bad));

    assertThat(e.errors())
        .extracting(f -> f.field())
        .containsExactly("user", "apiKey", "ip", "cost");
    assertThat(counters.size()).isZero();
    assertThat(limiter.peek(RateLimitRequest.of(a, "api")).remaining()).isEqualTo(99);
  }

  @Test
  void anUnknownTenantIsRejectedForReadsAndWrites() {
    TenantId stranger = TenantId.of("stranger");

    assertThat(
            invalid(() -> limiter.check(RateLimitRequest.of(stranger, "api")))
                .hasErrorFor("tenantId"))
        .isTrue();
    assertThat(invalid(() -> limiter.rules(stranger)).hasErrorFor("tenantId")).isTrue();
    assertThat(invalid(() -> limiter.exemptions(stranger)).hasErrorFor("tenantId")).isTrue();
    assertThat(invalid(() -> limiter.violations(stranger, Instant.EPOCH)).hasErrorFor("tenantId"))
        .isTrue();
    assertThat(invalid(() -> limiter.quotas().list(stranger)).hasErrorFor("tenantId")).isTrue();
  }

  @Test
  void badRulesNameEachField() {
    ValidationException e =
        invalid(
            () ->
                new RateLimitRule(
                    "Bad Name",
                    null,
                    EnumSet.noneOf(RateLimitScope.class),
                    RateLimitAlgorithm.GCRA,
                    0,
                    Duration.ZERO,
                    0,
                    UnavailablePolicy.FAIL_OPEN));

    assertThat(e.errors())
        .extracting(f -> f.field())
        .containsExactly("rule.name", "rule.scope", "rule.limit", "rule.window", "rule.burst");
    assertThat(
            invalid(
                    () ->
                        RateLimitRule.of("x", null, -5, Duration.ofSeconds(-1), RateLimitScope.IP))
                .errors())
        .extracting(f -> f.field())
        .contains("rule.limit", "rule.window");
  }

  @Test
  void unknownRulesMalformedBlocksAndPastExpiriesAreRejectedAndNothingIsAdded() {
    assertThat(invalid(() -> limiter.deleteRule(a, "nope")).hasErrorFor("name")).isTrue();
    for (String block :
        new String[] {"10.0.0.0/33", "10.0.0/8", "2001:db8::/129", "host.example", "1.2.3.4/"}) {
      assertThat(
              invalid(() -> limiter.addExemption(a, ExemptionTarget.IP, block, Set.of(), null))
                  .hasErrorFor("value"))
          .as(block)
          .isTrue();
    }
    ValidationException e =
        invalid(
            () ->
                limiter.addExemption(
                    a,
                    ExemptionTarget.USER,
                    "u",
                    Set.of("no-such-rule"),
                    clock.instant().minusSeconds(1)));
    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("rules", "expiresAt");
    assertThat(limiter.exemptions(a)).isEmpty();
  }

  @Test
  void hostileValuesGetCountersOfTheirOwn() {
    String[] hostile = {
      "u}", "u{", "u:x", "u\nx", "}:iris:{tenant-b}:per-user", "u;ip=1.2.3.4", "u%7D", "ü"
    };
    for (String user : hostile) {
      assertThat(limiter.check(RateLimitRequest.of(a, "api").user(user)).allowed())
          .as(user)
          .isTrue();
    }
    for (String user : hostile) {
      assertThat(limiter.check(RateLimitRequest.of(a, "api").user(user)).allowed())
          .as(user)
          .isFalse();
    }
    assertThat(limiter.check(RateLimitRequest.of(a, "api").user("u")).allowed()).isTrue();
    assertThat(limiter.check(RateLimitRequest.of(b, "api").user("per-user")).allowed()).isTrue();
  }

  @Test
  void nothingOfOneTenantIsReadableChangeableOrCountableThroughAnother() {
    limiter.saveRule(
        a, RateLimitRule.of("secret", "api", 7, Duration.ofHours(1), RateLimitScope.TENANT));
    Exemption exemption = limiter.addExemption(a, ExemptionTarget.USER, "vip", Set.of(), null);
    limiter.quotas().define(a, QuotaDefinition.daily("sms", 10, ZoneId.of("UTC")));
    limiter.quotas().consume(a, "sms", null, 4);
    limiter.check(RateLimitRequest.of(a, "api").user("alice"));
    limiter.check(RateLimitRequest.of(a, "api").user("alice"));

    assertThat(limiter.rules(b)).extracting(RateLimitRule::name).doesNotContain("secret");
    assertThat(limiter.exemptions(b)).isEmpty();
    assertThat(limiter.violations(b, Instant.EPOCH)).isEmpty();
    assertThat(limiter.quotas().list(b)).isEmpty();
    assertThat(invalid(() -> limiter.quotas().usage(b, "sms", null)).hasErrorFor("quota")).isTrue();
    assertThat(invalid(() -> limiter.quotas().reset(b, "sms", null)).hasErrorFor("quota")).isTrue();
    assertThat(limiter.removeExemption(b, exemption.id())).isFalse();
    assertThat(invalid(() -> limiter.deleteRule(b, "secret")).hasErrorFor("name")).isTrue();
    assertThat(limiter.peek(RateLimitRequest.of(b, "api").user("alice")).allowed()).isTrue();
    assertThat(limiter.check(RateLimitRequest.of(b, "api").user("vip")).allowed()).isTrue();
    assertThat(limiter.check(RateLimitRequest.of(b, "api").user("vip")).allowed()).isFalse();

    assertThat(limiter.rules(a)).extracting(RateLimitRule::name).contains("secret");
    assertThat(limiter.exemptions(a)).containsExactly(exemption);
    assertThat(limiter.quotas().usage(a, "sms", null).used()).isEqualTo(4);
    assertThat(limiter.violations(a, Instant.EPOCH)).hasSize(1);
    assertThat(limiter.peek(RateLimitRequest.of(a, "api").user("alice")).allowed()).isFalse();
  }

  @Test
  void theBuilderRefusesAPartSetTwiceAndNeedsAStore() {
    assertThatThrownBy(() -> RateLimiter.builder().expectedNodes(2).expectedNodes(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expectedNodes was already set");
    assertThatThrownBy(() -> RateLimiter.builder().expectedNodes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectedNodes must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> RateLimiter.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
    assertThatThrownBy(() -> RateLimiter.builder().store(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("store");
  }
}
