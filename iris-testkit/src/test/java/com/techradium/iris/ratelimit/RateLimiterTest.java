package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.BruteForceRule;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate limiter in memory: defaults, decisions, headers, login protection, exemptions. */
class RateLimiterTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();
  private final List<SecurityNotice> notices = new CopyOnWriteArrayList<>();
  private final TenantId tenant = TenantId.of("acme");
  private RateLimiter limiter;

  @BeforeEach
  void setUp() {
    IrisContext context = IrisContext.builder().clock(clock).build();
    context.events().subscribe(SecurityNotice.class, notices::add);
    limiter = RateLimiter.builder().context(context).store(store).build();
  }

  private RateLimitRequest api() {
    return RateLimitRequest.of(tenant, "api").user("u-1").ip("203.0.113.7");
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

  @Test
  void defaultRulesAreCreatedOnFirstUseNotAtBuild() {
    assertThat(store.defaultRules()).isEmpty();

    limiter.check(api());

    assertThat(store.defaultRules())
        .extracting(RateLimitRule::name)
        .containsExactlyInAnyOrder(
            "api",
            "calls",
            "sms",
            "login-account-1m",
            "login-account-1h",
            "login-ip-1m",
            "login-ip-1h");
  }

  @Test
  void theDefaultsAreApi100PerMinuteCalls10PerSecondSms100PerMinute() {
    assertThat(admitted(api(), 150)).isEqualTo(100);
    assertThat(admitted(RateLimitRequest.of(tenant, "calls"), 15)).isEqualTo(10);
    assertThat(admitted(RateLimitRequest.of(tenant, "sms"), 150)).isEqualTo(100);
    clock.advance(Duration.ofMinutes(2));
    assertThat(limiter.check(api()).allowed()).isTrue();
  }

  @Test
  void loginRulesAndBruteForceRulesAreOneDefinition() {
    List<String> login = new ArrayList<>();
    for (RateLimitRule rule : limiter.defaultRules()) {
      if (RateLimitRule.LOGIN.equals(rule.resource())) {
        login.add(rule.scope() + ":" + rule.limit() + "/" + rule.window());
      }
    }
    List<String> audit = new ArrayList<>();
    for (BruteForceRule rule : BruteForceRule.defaults()) {
      String scope =
          rule.scope() == BruteForceRule.Scope.ACCOUNT
              ? Set.of(RateLimitScope.USER).toString()
              : Set.of(RateLimitScope.IP).toString();
      audit.add(scope + ":" + rule.maxFailures() + "/" + rule.window());
    }
    assertThat(login).containsExactlyInAnyOrderElementsOf(audit);
  }

  @Test
  void aDenialCarriesTheRuleRetryAfterAndTheDraftHeaders() {
    admitted(api(), 100);

    RateLimitDecision denied = limiter.check(api());

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.rule()).isEqualTo("api");
    assertThat(denied.remaining()).isZero();
    // The previous window still weighs fully at its end: the wait runs a little into the next.
    assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2));
    Map<String, String> headers = denied.headers(clock.instant());
    assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"api\";q=100;w=60");
    assertThat(headers.get("RateLimit")).matches("\"api\";r=0;t=\\d+");
    assertThat(headers.get("Retry-After")).matches("\\d+");
    assertThatThrownBy(() -> limiter.checkOrThrow(api()))
        .isInstanceOfSatisfying(
            RateLimitExceededException.class,
            e -> assertThat(e.decision().rule()).isEqualTo("api"));
  }

  @Test
  void anAllowedDecisionReportsWhatIsLeft() {
    RateLimitDecision first = limiter.check(api());

    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(99);
    assertThat(first.headers(clock.instant()))
        .containsKey("RateLimit")
        .doesNotContainKey("Retry-After");
    assertThat(limiter.check(RateLimitRequest.of(tenant, "unlimited")).headers()).isEmpty();
  }

  @Test
  void peekAndTheEnforcerAnswerLikeCheck() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.peek(api()).remaining()).isEqualTo(99);
    }
    assertThat(limiter.enforcer().apply(api()).remaining()).isEqualTo(99);
    assertThat(limiter.peek(api()).remaining()).isEqualTo(98);
  }

  @Test
  void aTenantsCustomRuleOverridesTheDefaultForThatTenantOnly() {
    limiter.saveRule(
        tenant, RateLimitRule.of("api", "api", 3, Duration.ofMinutes(1), RateLimitScope.TENANT));
    TenantId other = TenantId.of("globex");

    assertThat(admitted(api(), 10)).isEqualTo(3);
    assertThat(admitted(RateLimitRequest.of(other, "api"), 10)).isEqualTo(10);
    limiter.deleteRule(tenant, "api");
    clock.advance(Duration.ofMinutes(2));
    assertThat(admitted(api(), 10)).isEqualTo(10);
  }

  @Test
  void editedDefaultsApplyToEveryTenant() {
    limiter.saveDefaultRule(
        RateLimitRule.of("sms", "sms", 2, Duration.ofMinutes(1), RateLimitScope.TENANT));

    assertThat(admitted(RateLimitRequest.of(tenant, "sms"), 5)).isEqualTo(2);
    assertThat(admitted(RateLimitRequest.of(TenantId.of("globex"), "sms"), 5)).isEqualTo(2);
  }

  @Test
  void everyRuleOfARequestIsTakenOrNone() {
    limiter.saveRule(
        tenant, RateLimitRule.of("per-user", "api", 5, Duration.ofMinutes(1), RateLimitScope.USER));
    limiter.saveRule(
        tenant, RateLimitRule.of("per-ip", "api", 3, Duration.ofMinutes(1), RateLimitScope.IP));

    assertThat(admitted(api(), 10)).isEqualTo(3);
    RateLimitDecision otherIp = limiter.check(api().ip("198.51.100.1"));
    assertThat(otherIp.allowed()).isTrue();
    assertThat(otherIp.rule()).isEqualTo("per-user");
    assertThat(otherIp.remaining()).isEqualTo(1);
  }

  @Test
  void loginIsLockedAfterFiveFailuresAndASuccessForgetsTheAccountsFailures() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.loginFailed(tenant, "alice", null).allowed()).isTrue();
    }
    limiter.loginSucceeded(tenant, "alice");
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.loginFailed(tenant, "alice", null).allowed()).isTrue();
    }

    assertThat(limiter.checkLogin(tenant, "alice", null).allowed()).isFalse();
    assertThat(limiter.checkLogin(tenant, "bob", null).allowed()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.checkLogin(tenant, "alice", null).allowed()).isTrue();
  }

  @Test
  void anAddressFailingOnManyAccountsIsLockedToo() {
    for (int i = 0; i < 5; i++) {
      limiter.loginFailed(tenant, "user-" + i, "198.51.100.9");
    }
    limiter.loginSucceeded(tenant, "user-0");

    RateLimitDecision decision = limiter.checkLogin(tenant, "fresh", "198.51.100.9");
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.rule()).isEqualTo("login-ip-1m");
  }

  @Test
  void twentyFailuresAnHourLockTheAccount() {
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.loginFailed(tenant, "carol", null).allowed()).isTrue();
      clock.advance(Duration.ofSeconds(15));
    }
    RateLimitDecision decision = limiter.checkLogin(tenant, "carol", null);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.rule()).isEqualTo("login-account-1h");
  }

  @Test
  void exemptUsersKeysAndAddressBlocksSkipTheirRules() {
    limiter.saveRule(
        tenant, RateLimitRule.of("api", "api", 1, Duration.ofMinutes(1), RateLimitScope.USER));
    limiter.addExemption(tenant, ExemptionTarget.USER, "ops", Set.of(), null);
    limiter.addExemption(tenant, ExemptionTarget.API_KEY, "key-1", Set.of("api"), null);
    limiter.addExemption(tenant, ExemptionTarget.IP, "10.1.2.3/16", Set.of(), null);
    limiter.addExemption(tenant, ExemptionTarget.IP, "2001:db8::/32", Set.of(), null);

    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("ops"), 5)).isEqualTo(5);
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("k").apiKey("key-1"), 5))
        .isEqualTo(5);
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("v4").ip("10.1.200.1"), 5))
        .isEqualTo(5);
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("v6").ip("2001:db8:ffff::1"), 5))
        .isEqualTo(5);
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("out").ip("10.2.0.1"), 5))
        .isEqualTo(1);
    assertThat(limiter.exemptions(tenant))
        .extracting(Exemption::value)
        .containsExactlyInAnyOrder("ops", "key-1", "10.1.0.0/16", "2001:db8::/32");
  }

  @Test
  void anExemptionEndsWhenItExpiresOrIsRemoved() {
    limiter.saveRule(
        tenant, RateLimitRule.of("api", "api", 1, Duration.ofHours(1), RateLimitScope.USER));
    Exemption brief =
        limiter.addExemption(
            tenant, ExemptionTarget.USER, "temp", Set.of(), clock.instant().plusSeconds(60));
    Exemption other = limiter.addExemption(tenant, ExemptionTarget.USER, "gone", Set.of(), null);

    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("temp"), 3)).isEqualTo(3);
    clock.advance(Duration.ofSeconds(61));
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("temp"), 3)).isEqualTo(1);
    assertThat(limiter.removeExemption(tenant, other.id())).isTrue();
    assertThat(admitted(RateLimitRequest.of(tenant, "api").user("gone"), 3)).isEqualTo(1);
    assertThat(limiter.exemptions(tenant)).doesNotContain(brief, other);
  }

  @Test
  void aFloodIsOneViolationAndAFewNotices() {
    limiter.saveRule(
        tenant, RateLimitRule.of("api", "api", 1, Duration.ofHours(1), RateLimitScope.USER));
    admitted(api(), 10_001);
    clock.advance(Duration.ofSeconds(61));
    limiter.check(api());

    List<Violation> violations = limiter.violations(tenant, Instant.EPOCH);
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).count()).isEqualTo(10_001);
    assertThat(violations.get(0).scopeKey()).isEqualTo("user=u-1");
    assertThat(notices).hasSizeLessThanOrEqualTo(3);
    assertThat(notices.get(0).kind()).isEqualTo(SecurityNotice.Kind.RATE_LIMIT_VIOLATION);
    assertThat(notices.get(0).actorId()).isEqualTo("u-1");
    assertThat(notices.stream().mapToLong(n -> Long.parseLong(n.details().get("count"))).sum())
        .isEqualTo(10_001);
  }

  @Test
  void thirtyTwoThreadsThroughTheFacadeGetExactlyTheLimit() throws Exception {
    limiter.saveRule(
        tenant,
        RateLimitRule.of("api", "api", 100, Duration.ofHours(1), RateLimitScope.TENANT)
            .withAlgorithm(RateLimitAlgorithm.GCRA));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return admitted(RateLimitRequest.of(tenant, "api").user("u"), 20);
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }
}
