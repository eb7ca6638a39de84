package com.techradium.iris.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.Exemption;
import com.techradium.iris.ratelimit.ExemptionTarget;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.UnavailablePolicy;
import com.techradium.iris.ratelimit.Violation;
import com.techradium.iris.ratelimit.spi.QuotaAdd;
import com.techradium.iris.ratelimit.spi.QuotaCharge;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RateLimitStore} must show: rules (default and per tenant), quota
 * definitions and atomic usage (one quota or several all or none, and released), exemptions with
 * expiry, aggregated violations, cleanup, and tenants apart. An adapter extends it and implements
 * {@link #newStore(java.time.Clock)}.
 */
public abstract class RateLimitStoreContract extends ContractSupport<RateLimitStore> {
  /** Constructor for an adapter's test, which extends this suite. */
  public RateLimitStoreContract() {}

  private static RateLimitRule rule(String name, long limit) {
    return RateLimitRule.of(name, "api", limit, Duration.ofMinutes(1), RateLimitScope.USER)
        .withAlgorithm(RateLimitAlgorithm.GCRA)
        .withBurst(limit * 2)
        .withOnUnavailable(UnavailablePolicy.LOCAL_FALLBACK);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void customRulesAreSavedReplacedAndDeleted() {
    TenantId tenant = newTenant();
    RateLimitRule rule =
        new RateLimitRule(
            "search",
            null,
            Set.of(RateLimitScope.USER, RateLimitScope.IP),
            RateLimitAlgorithm.SLIDING_WINDOW_LOG,
            30,
            Duration.ofSeconds(90),
            30,
            UnavailablePolicy.FAIL_CLOSED);
    store().saveRule(tenant, rule);
    store().saveRule(tenant, rule("api", 5));
    assertThat(store().rules(tenant)).containsExactly(rule("api", 5), rule);

    store().saveRule(tenant, rule("api", 7));
    assertThat(store().rules(tenant)).containsExactly(rule("api", 7), rule);
    assertThat(store().deleteRule(tenant, "api")).isTrue();
    assertThat(store().deleteRule(tenant, "api")).isFalse();
    assertThat(store().rules(tenant)).containsExactly(rule);
  }

  @Test
  void seedingKeepsEditedDefaults() {
    String name = unique("seed");
    store().seedDefaultRules(List.of(rule(name, 10)));
    store().saveDefaultRule(rule(name, 99));
    store().seedDefaultRules(List.of(rule(name, 10)));

    assertThat(store().defaultRules()).contains(rule(name, 99)).doesNotContain(rule(name, 10));
  }

  @Test
  void quotaUsageIsAddedUpToTheLimitAndReset() {
    TenantId tenant = newTenant();
    QuotaDefinition quota = QuotaDefinition.daily("sms", 10, ZoneId.of("Europe/Paris"));
    store().saveQuota(tenant, quota);
    Instant period = Instant.parse("2026-03-01T23:00:00Z");

    assertThat(store().quotas(tenant)).containsExactly(quota);
    assertThat(store().quota(tenant, "sms")).contains(quota);
    assertThat(store().addUsage(tenant, "sms", "tenant", period, 7, 10).added()).isTrue();
    assertThat(store().addUsage(tenant, "sms", "tenant", period, 4, 10).added()).isFalse();
    assertThat(store().addUsage(tenant, "sms", "tenant", period, 3, 10).used()).isEqualTo(10);
    assertThat(store().usage(tenant, "sms", "tenant", period)).isEqualTo(10);
    assertThat(store().usage(tenant, "sms", "tenant", period.plus(1, ChronoUnit.DAYS))).isZero();
    store().resetUsage(tenant, "sms", "tenant", period);
    assertThat(store().usage(tenant, "sms", "tenant", period)).isZero();
  }

  @Test
  void concurrentUsageNeverPassesTheLimit() throws Exception {
    TenantId tenant = newTenant();
    Instant period = Instant.parse("2026-03-01T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  int added = 0;
                  for (int i = 0; i < 20; i++) {
                    if (store().addUsage(tenant, "api", "tenant", period, 1, 50).added()) {
                      added++;
                    }
                  }
                  return added;
                }));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(50);
      assertThat(store().usage(tenant, "api", "tenant", period)).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aQuotaKeepsTheResourceItIsTiedTo() {
    TenantId tenant = newTenant();
    QuotaDefinition tied =
        QuotaDefinition.monthly("api", 100, ZoneId.of("UTC"), 5).forEachApiKey().forResource("api");
    store().saveQuota(tenant, tied);

    assertThat(store().quota(tenant, "api")).contains(tied);
    store().saveQuota(tenant, QuotaDefinition.monthly("api", 100, ZoneId.of("UTC"), 5));
    assertThat(store().quota(tenant, "api").orElseThrow().resource()).isNull();
  }

  @Test
  void severalChargesAreAddedAllOrNone() {
    TenantId tenant = newTenant();
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    Instant month = Instant.parse("2026-02-15T00:00:00Z");
    List<QuotaCharge> charges =
        List.of(
            new QuotaCharge("daily", "tenant", day, 2, 10),
            new QuotaCharge("monthly", "key:k-1", month, 2, 5));

    assertThat(store().addUsage(tenant, charges))
        .containsExactly(new QuotaAdd(true, 2), new QuotaAdd(true, 2));
    assertThat(store().addUsage(tenant, charges))
        .containsExactly(new QuotaAdd(true, 4), new QuotaAdd(true, 4));
    List<QuotaAdd> refused = store().addUsage(tenant, charges);

    assertThat(refused).containsExactly(new QuotaAdd(false, 4), new QuotaAdd(false, 4));
    assertThat(charges.get(0).exceeds(refused.get(0).used())).isFalse();
    assertThat(charges.get(1).exceeds(refused.get(1).used())).isTrue();
    assertThat(store().usage(tenant, "daily", "tenant", day)).isEqualTo(4);
    assertThat(store().usage(tenant, "monthly", "key:k-1", month)).isEqualTo(4);
  }

  @Test
  void releasedUsageGoesDownAndNeverBelowZero() {
    TenantId tenant = newTenant();
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    QuotaCharge three = new QuotaCharge("daily", "tenant", day, 3, 10);
    store().addUsage(tenant, List.of(three));
    store().addUsage(tenant, List.of(three));

    store().releaseUsage(tenant, List.of(three));
    assertThat(store().usage(tenant, "daily", "tenant", day)).isEqualTo(3);
    store().releaseUsage(tenant, List.of(new QuotaCharge("daily", "tenant", day, 5, 10)));
    assertThat(store().usage(tenant, "daily", "tenant", day)).isZero();
    store().releaseUsage(tenant, List.of(new QuotaCharge("unused", "tenant", day, 1, 10)));
    assertThat(store().usage(tenant, "unused", "tenant", day)).isZero();
  }

  @Test
  void concurrentChargesOnTwoQuotasNeverPassEitherLimit() throws Exception {
    TenantId tenant = newTenant();
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    List<QuotaCharge> both =
        List.of(
            new QuotaCharge("a", "tenant", day, 1, 40), new QuotaCharge("b", "tenant", day, 1, 60));
    List<QuotaCharge> reversed = List.of(both.get(1), both.get(0));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<QuotaCharge> charges = t % 2 == 0 ? both : reversed;
        futures.add(
            pool.submit(
                () -> {
                  int added = 0;
                  for (int i = 0; i < 10; i++) {
                    if (store().addUsage(tenant, charges).get(0).added()) {
                      added++;
                    }
                  }
                  return added;
                }));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(40);
      assertThat(store().usage(tenant, "a", "tenant", day)).isEqualTo(40);
      assertThat(store().usage(tenant, "b", "tenant", day)).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void exemptionsAreListedUntilTheyExpireOrAreRemoved() {
    TenantId tenant = newTenant();
    Instant now = clock.instant();
    Exemption forever =
        new Exemption(UUID.randomUUID(), ExemptionTarget.IP, "10.0.0.0/8", Set.of(), null, now);
    Exemption brief =
        new Exemption(
            UUID.randomUUID(),
            ExemptionTarget.USER,
            "ops",
            Set.of("api"),
            now.plusSeconds(60),
            now.plusMillis(1));
    store().addExemption(tenant, forever);
    store().addExemption(tenant, brief);

    assertThat(store().exemptions(tenant, now)).containsExactly(forever, brief);
    assertThat(store().exemptions(tenant, now.plusSeconds(60))).containsExactly(forever);
    assertThat(store().removeExemption(tenant, forever.id())).isTrue();
    assertThat(store().removeExemption(tenant, forever.id())).isFalse();
    assertThat(store().exemptions(tenant, now)).containsExactly(brief);
  }

  @Test
  void violationsAggregatePerRuleKeyAndPeriod() {
    TenantId tenant = newTenant();
    Instant hour = Instant.parse("2026-01-01T10:00:00Z");
    Instant t1 = hour.plusSeconds(5);
    Instant t2 = hour.plusSeconds(50);
    store().recordViolations(tenant, List.of(new Violation("api", "user=a", hour, 3, t1, t1)));
    store().recordViolations(tenant, List.of(new Violation("api", "user=a", hour, 1000, t2, t2)));
    store().recordViolations(tenant, List.of(new Violation("api", "user=b", hour, 1, t1, t1)));

    assertThat(store().violations(tenant, Instant.EPOCH, 100))
        .containsExactly(
            new Violation("api", "user=a", hour, 1003, t1, t2),
            new Violation("api", "user=b", hour, 1, t1, t1));
    assertThat(store().violations(tenant, t2, 100)).hasSize(1);
    assertThat(store().violations(tenant, Instant.EPOCH, 1)).hasSize(1);
  }

  @Test
  void cleanupDeletesOldViolationsExpiredExemptionsAndPastPeriods() {
    TenantId tenant = newTenant();
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Instant old = now.minus(100, ChronoUnit.DAYS);
    store().recordViolations(tenant, List.of(new Violation("api", "user=a", old, 1, old, old)));
    store().recordViolations(tenant, List.of(new Violation("api", "user=b", now, 1, now, now)));
    store()
        .addExemption(
            tenant,
            new Exemption(
                UUID.randomUUID(), ExemptionTarget.USER, "u", Set.of(), old, old.minusSeconds(1)));
    store().addUsage(tenant, "q", "tenant", old, 1, 10);
    store().addUsage(tenant, "q", "tenant", now, 1, 10);

    assertThat(store().deleteExpired(now.minus(90, ChronoUnit.DAYS), now))
        .isGreaterThanOrEqualTo(3);
    assertThat(store().violations(tenant, Instant.EPOCH, 10))
        .extracting(Violation::scopeKey)
        .containsExactly("user=b");
    assertThat(store().usage(tenant, "q", "tenant", old)).isZero();
    assertThat(store().usage(tenant, "q", "tenant", now)).isEqualTo(1);
  }

  @Test
  void nothingOfOneTenantIsReadableChangeableOrCountableThroughAnother() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Instant now = clock.instant();
    store().saveRule(a, rule("api", 5));
    store().saveQuota(a, QuotaDefinition.daily("sms", 10, ZoneId.of("UTC")));
    store().addUsage(a, "sms", "tenant", now, 4, 10);
    Exemption exemption =
        new Exemption(UUID.randomUUID(), ExemptionTarget.USER, "ops", Set.of(), null, now);
    store().addExemption(a, exemption);
    store().recordViolations(a, List.of(new Violation("api", "user=x", now, 1, now, now)));

    assertThat(store().rules(b)).isEmpty();
    assertThat(store().quotas(b)).isEmpty();
    assertThat(store().quota(b, "sms")).isEmpty();
    assertThat(store().usage(b, "sms", "tenant", now)).isZero();
    assertThat(store().exemptions(b, now)).isEmpty();
    assertThat(store().violations(b, Instant.EPOCH, 10)).isEmpty();
    assertThat(store().deleteRule(b, "api")).isFalse();
    assertThat(store().removeExemption(b, exemption.id())).isFalse();
    store().resetUsage(b, "sms", "tenant", now);
    store().addUsage(b, "sms", "tenant", now, 10, 10);

    assertThat(store().rules(a)).hasSize(1);
    assertThat(store().usage(a, "sms", "tenant", now)).isEqualTo(4);
    assertThat(store().exemptions(a, now)).containsExactly(exemption);
    assertThat(store().violations(a, Instant.EPOCH, 10)).hasSize(1);
  }
}
