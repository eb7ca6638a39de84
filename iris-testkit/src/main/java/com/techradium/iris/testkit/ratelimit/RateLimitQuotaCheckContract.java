package com.techradium.iris.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.ExemptionTarget;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitDecision;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.Violation;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code RateLimiter.check} with quotas tied to the request's resource, on an adapter's store (and,
 * when the subclass overrides {@link #counters()}, its counters): the request's rules and quotas
 * are taken all or none, the decision names the quota that limited it, and {@code peek} reads quota
 * state without taking. An adapter extends it and implements {@link #newStore(java.time.Clock)}.
 */
public abstract class RateLimitQuotaCheckContract extends ContractSupport<RateLimitStore> {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** The limiter under test, built before each test on {@link #store()} and {@link #counters()}. */
  protected RateLimiter limiter;

  private TenantId tenant;

  /** Constructor for an adapter's test, which extends this suite. */
  public RateLimitQuotaCheckContract() {}

  /**
   * The counters the limiter decides rules with, made once per test. Default: in memory; a counter
   * backend's test returns its own, reading the caller's clock.
   *
   * @return new counters for the current test's limiter
   */
  protected RateLimitCounters counters() {
    return new InMemoryRateLimitCounters();
  }

  @BeforeEach
  void buildLimiter() {
    limiter =
        RateLimiter.builder()
            .clock(clock)
            .store(store())
            .counters(counters())
            .defaultRules(List.of())
            .build();
    tenant = newTenant();
  }

  private void rule(String name, long limit) {
    limiter.saveRule(
        tenant,
        RateLimitRule.of(name, "api", limit, Duration.ofHours(1), RateLimitScope.TENANT)
            .withAlgorithm(RateLimitAlgorithm.SLIDING_WINDOW_LOG));
  }

  private void quota(QuotaDefinition quota) {
    limiter.quotas().define(tenant, quota);
  }

  private RateLimitRequest api() {
    return RateLimitRequest.of(tenant, "api").user("u-1");
  }

  private int admitted(RateLimitRequest request, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.check(request).allowed()) {
        admitted++;
      }
    }
    return admitted;
  }

  private long used(String quota) {
    return limiter.quotas().usage(tenant, quota, null).used();
  }

  @Test
  void aCheckTakesItsCostFromTheQuotasTiedToItsResource() {
    rule("api", 100);
    quota(QuotaDefinition.daily("api-daily", 5, NEW_YORK).forResource("api"));

    assertThat(limiter.check(api().cost(2)).allowed()).isTrue();
    assertThat(limiter.check(api()).allowed()).isTrue();

    assertThat(used("api-daily")).isEqualTo(3);
    assertThat(limiter.check(RateLimitRequest.of(tenant, "sms")).allowed()).isTrue();
    assertThat(used("api-daily")).isEqualTo(3);
  }

  @Test
  void aQuotaAtItsLimitDeniesTheCheckNamingItAndTakesNoRulePermit() {
    rule("api", 5);
    quota(QuotaDefinition.daily("api-daily", 2, NEW_YORK).forResource("api"));
    assertThat(admitted(api(), 2)).isEqualTo(2);

    RateLimitDecision denied = limiter.check(api());
    limiter.check(api());
    limiter.check(api());

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.rule()).isEqualTo("quota.api-daily");
    assertThat(denied.quota()).isEqualTo("api-daily");
    assertThat(denied.limit()).isEqualTo(2);
    assertThat(denied.remaining()).isZero();
    Instant midnight = Instant.parse("2026-01-01T05:00:00Z");
    assertThat(denied.resetAt()).isEqualTo(midnight);
    assertThat(denied.retryAfter()).isEqualTo(Duration.between(clock.instant(), midnight));
    assertThat(denied.window()).isEqualTo(Duration.ofDays(1));
    assertThat(denied.headers(clock.instant()))
        .containsEntry("RateLimit-Policy", "\"quota.api-daily\";q=2;w=86400")
        .containsKey("Retry-After");
    assertThat(used("api-daily")).isEqualTo(2);
    // The three refused checks took nothing from the rule: three of its five permits are left.
    quota(QuotaDefinition.daily("api-daily", 100, NEW_YORK).forResource("api"));
    assertThat(admitted(api(), 10)).isEqualTo(3);
    assertThat(limiter.check(api()).rule()).isEqualTo("api");
  }

  @Test
  void aRuleDenialTakesNoQuota() {
    rule("api", 2);
    quota(QuotaDefinition.daily("api-daily", 10, NEW_YORK).forResource("api"));

    assertThat(admitted(api(), 5)).isEqualTo(2);

    RateLimitDecision denied = limiter.check(api());
    assertThat(denied.rule()).isEqualTo("api");
    assertThat(denied.quota()).isNull();
    assertThat(used("api-daily")).isEqualTo(2);
  }

  @Test
  void everyQuotaOfTheRequestIsTakenOrNone() {
    quota(QuotaDefinition.daily("api-daily", 5, NEW_YORK).forResource("api"));
    quota(QuotaDefinition.monthly("api-monthly", 3, NEW_YORK, 1).forResource("api"));

    assertThat(admitted(api(), 5)).isEqualTo(3);

    assertThat(limiter.check(api()).quota()).isEqualTo("api-monthly");
    assertThat(used("api-daily")).isEqualTo(3);
    assertThat(used("api-monthly")).isEqualTo(3);
  }

  @Test
  void aPerKeyQuotaCountsEachKeyAndOnlyRequestsWithAKey() {
    quota(QuotaDefinition.daily("per-key", 1, NEW_YORK).forEachApiKey().forResource("api"));

    assertThat(limiter.check(api().apiKey("k-1")).allowed()).isTrue();
    assertThat(limiter.check(api().apiKey("k-1")).quota()).isEqualTo("per-key");
    assertThat(limiter.check(api().apiKey("k-2")).allowed()).isTrue();
    assertThat(admitted(api(), 3)).isEqualTo(3);
    assertThat(limiter.quotas().usage(tenant, "per-key", "k-1").used()).isEqualTo(1);
    assertThat(limiter.quotas().usage(tenant, "per-key", "k-2").used()).isEqualTo(1);
  }

  @Test
  void aQuotaTiedToNoResourceIsTakenOnlyByConsume() {
    quota(QuotaDefinition.daily("manual", 1, NEW_YORK));

    assertThat(admitted(api(), 3)).isEqualTo(3);

    assertThat(used("manual")).isZero();
    assertThat(limiter.quotas().consume(tenant, "manual", null, 1).allowed()).isTrue();
  }

  @Test
  void peekReportsQuotaStateWithoutTakingIt() {
    quota(QuotaDefinition.daily("api-daily", 1, NEW_YORK).forResource("api"));

    RateLimitDecision before = limiter.peek(api());
    assertThat(before.allowed()).isTrue();
    assertThat(before.quota()).isEqualTo("api-daily");
    assertThat(before.remaining()).isZero();
    assertThat(used("api-daily")).isZero();

    assertThat(limiter.check(api()).allowed()).isTrue();
    RateLimitDecision after = limiter.peek(api());
    assertThat(after.allowed()).isFalse();
    assertThat(after.quota()).isEqualTo("api-daily");
    assertThat(used("api-daily")).isEqualTo(1);
    assertThat(limiter.violations(tenant, Instant.EPOCH)).isEmpty();
  }

  @Test
  void anAllowedDecisionReportsTheLimitWithTheFewestPermitsLeft() {
    rule("api", 100);
    quota(QuotaDefinition.daily("api-daily", 3, NEW_YORK).forResource("api"));
    quota(QuotaDefinition.monthly("api-monthly", 1000, NEW_YORK, 1).forResource("api"));

    RateLimitDecision tight = limiter.check(api());
    assertThat(tight.quota()).isEqualTo("api-daily");
    assertThat(tight.remaining()).isEqualTo(2);

    quota(QuotaDefinition.daily("api-daily", 1000, NEW_YORK).forResource("api"));
    RateLimitDecision loose = limiter.check(api());
    assertThat(loose.rule()).isEqualTo("api");
    assertThat(loose.remaining()).isEqualTo(98);
  }

  @Test
  void aQuotaDenialIsAViolationOfTheQuota() {
    quota(QuotaDefinition.daily("api-daily", 1, NEW_YORK).forResource("api"));
    limiter.check(api());

    limiter.check(api());

    assertThat(limiter.violations(tenant, Instant.EPOCH))
        .extracting(Violation::rule)
        .containsExactly("quota.api-daily");
  }

  @Test
  void anExemptionSkipsRulesNotQuotas() {
    rule("api", 1);
    quota(QuotaDefinition.daily("api-daily", 2, NEW_YORK).forResource("api"));
    limiter.addExemption(tenant, ExemptionTarget.USER, "u-1", Set.of(), null);

    assertThat(admitted(api(), 5)).isEqualTo(2);
    assertThat(used("api-daily")).isEqualTo(2);
  }

  @Test
  void concurrentChecksNeverPassTheQuotaAndDeniedOnesTakeNoRulePermit() throws Exception {
    rule("api", 100);
    quota(QuotaDefinition.daily("api-daily", 50, NEW_YORK).forResource("api"));

    assertThat(hammer(8, 20)).isEqualTo(50);
    assertThat(used("api-daily")).isEqualTo(50);

    limiter.quotas().reset(tenant, "api-daily", null);
    assertThat(admitted(api(), 100)).isEqualTo(50);
  }

  @Test
  void concurrentChecksDeniedByARuleLeaveNoQuotaTaken() throws Exception {
    rule("api", 30);
    quota(QuotaDefinition.daily("api-daily", 1000, NEW_YORK).forResource("api"));

    assertThat(hammer(8, 20)).isEqualTo(30);

    assertThat(used("api-daily")).isEqualTo(30);
  }

  /** Checks from {@code threads} threads at once, {@code each} per thread; returns the admitted. */
  private int hammer(int threads, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return admitted(api(), each);
                }));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
