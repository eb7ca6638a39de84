package com.techradium.iris.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditListener;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.BruteForceDetection;
import com.techradium.iris.audit.BruteForceRule;
import com.techradium.iris.audit.FailedLogin;
import com.techradium.iris.audit.FailedLoginResult;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter and the audit log on one context: a failed login recorded through either is one
 * count (the limiter's login rules) and one FAILED_LOGIN event, and a lockout is one security
 * event. Alone, each facade keeps its own counting.
 */
class LoginFailuresTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final TenantId tenant = TenantId.of("acme");
  private final IrisContext context = IrisContext.builder().clock(clock).build();
  private final InMemoryAuditStore auditStore = new InMemoryAuditStore();
  private final InMemoryRateLimitStore limitStore = new InMemoryRateLimitStore();
  private final List<BruteForceDetection> detected = new CopyOnWriteArrayList<>();
  private final List<SecurityNotice> notices = new CopyOnWriteArrayList<>();

  private final AuditLog audit =
      AuditLog.builder()
          .context(context)
          .store(auditStore)
          .listener(
              new AuditListener() {
                @Override
                public void onBruteForceDetected(BruteForceDetection detection) {
                  detected.add(detection);
                }
              })
          .build();
  private final RateLimiter limiter =
      RateLimiter.builder().context(context).store(limitStore).build();

  {
    context.events().subscribe(SecurityNotice.class, notices::add);
  }

  private FailedLoginResult auditFailure(String account) {
    return audit.recordFailedLogin(FailedLogin.of(tenant, account).withReason("bad_password"));
  }

  private long events(SecurityEventKind kind) {
    return auditStore.count(
        AuditQuery.forTenant(tenant).categories(AuditCategory.SECURITY).securityKind(kind).build());
  }

  /** Failures counted against the account's one-minute rule, read without counting. */
  private long counted(String account) {
    RateLimitDecision login = limiter.checkLogin(tenant, account, null);
    return login.allowed() ? 5 - login.remaining() - 1 : 5;
  }

  @Test
  void aFailureRecordedByTheAuditLogIsOneCountAndOneEvent() {
    FailedLoginResult result = auditFailure("alice");

    assertThat(result.event().event().securityKind()).isEqualTo(SecurityEventKind.FAILED_LOGIN);
    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isEqualTo(1);
    assertThat(counted("alice")).isEqualTo(1);
  }

  @Test
  void aFailureCountedByTheLimiterIsOneCountAndOneEvent() {
    RateLimitDecision decision = limiter.loginFailed(tenant, "alice", "203.0.113.9");

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.remaining()).isEqualTo(4);
    assertThat(counted("alice")).isEqualTo(1);
    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isEqualTo(1);
    assertThat(
            auditStore.count(
                AuditQuery.forTenant(tenant)
                    .securityKind(SecurityEventKind.FAILED_LOGIN)
                    .ipAddress("203.0.113.9")
                    .actorId("alice")
                    .build()))
        .isEqualTo(1);
  }

  @Test
  void theFifthFailureWithinAMinuteIsOneLockoutEventWhicheverEntryPointCountedThem() {
    auditFailure("alice");
    limiter.loginFailed(tenant, "alice", null);
    auditFailure("alice");
    limiter.loginFailed(tenant, "alice", null);
    clock.advance(Duration.ofSeconds(30));
    FailedLoginResult fifth = auditFailure("alice");
    RateLimitDecision sixth = limiter.loginFailed(tenant, "alice", null);
    clock.advance(Duration.ofSeconds(61));
    limiter.flushViolations();

    assertThat(fifth.detections())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.key()).isEqualTo("alice");
              assertThat(d.rule())
                  .isEqualTo(
                      new BruteForceRule(BruteForceRule.Scope.ACCOUNT, 5, Duration.ofMinutes(1)));
              assertThat(d.event().event().action()).isEqualTo("brute_force.account.PT1M");
              assertThat(d.event().event().metadata()).contains("\"rule\":\"login-account-1m\"");
            });
    assertThat(detected).containsExactlyElementsOf(fifth.detections());
    assertThat(sixth.allowed()).isFalse();
    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isEqualTo(6);
    assertThat(events(SecurityEventKind.BRUTE_FORCE_DETECTED)).isEqualTo(1);
    assertThat(events(SecurityEventKind.RATE_LIMIT_VIOLATION)).isZero();
    assertThat(notices).isEmpty();
    // The limiter still keeps the lockout's denials among its violations.
    assertThat(limiter.violations(tenant, Instant.EPOCH))
        .extracting(Violation::rule)
        .containsExactly("login-account-1m");
  }

  @Test
  void theFifthFailureThroughTheLimiterIsTheLockoutToo() {
    for (int i = 0; i < 4; i++) {
      limiter.loginFailed(tenant, "bob", null);
    }
    assertThat(detected).isEmpty();

    RateLimitDecision fifth = limiter.loginFailed(tenant, "bob", null);

    assertThat(fifth.allowed()).isTrue();
    assertThat(fifth.remaining()).isZero();
    assertThat(detected).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo("bob"));
    assertThat(events(SecurityEventKind.BRUTE_FORCE_DETECTED)).isEqualTo(1);
  }

  @Test
  void anAddressFailingForManyAccountsIsLockedOutOnce() {
    for (int i = 1; i <= 7; i++) {
      limiter.loginFailed(tenant, "user-" + i, "198.51.100.66");
    }

    assertThat(detected)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.rule().scope()).isEqualTo(BruteForceRule.Scope.IP_ADDRESS);
              assertThat(d.key()).isEqualTo("198.51.100.66");
              assertThat(d.event().event().ipAddress()).isEqualTo("198.51.100.66");
            });
    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isEqualTo(7);
  }

  @Test
  void aSuccessfulLoginResetsTheOneCount() {
    for (int i = 0; i < 4; i++) {
      auditFailure("carol");
    }
    limiter.loginSucceeded(tenant, "carol");
    for (int i = 0; i < 4; i++) {
      auditFailure("carol");
    }

    assertThat(counted("carol")).isEqualTo(4);
    assertThat(detected).isEmpty();
    assertThat(limiter.checkLogin(tenant, "carol", null).allowed()).isTrue();
  }

  @Test
  void inputTheLimiterCannotKeyIsRefusedBeforeAnythingIsCountedOrRecorded() {
    assertThatThrownBy(() -> limiter.loginFailed(tenant, "a\nb", null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> auditFailure("x".repeat(300))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                audit.recordFailedLogin(
                    FailedLogin.of(tenant, "dave").withContext(RequestContext.ip("1.2.3.999"))))
        .isInstanceOf(ValidationException.class);

    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isZero();
    assertThat(counted("a\nb")).isZero();
    assertThat(counted("dave")).isZero();
  }

  @Test
  void concurrentFailuresFromManyThreadsAreOneLockoutEvent() throws Exception {
    int threads = 16;
    int perThread = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean throughAudit = t % 2 == 0;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    if (throughAudit) {
                      auditFailure("erin");
                    } else {
                      limiter.loginFailed(tenant, "erin", null);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(events(SecurityEventKind.FAILED_LOGIN)).isEqualTo(threads * perThread);
    assertThat(events(SecurityEventKind.BRUTE_FORCE_DETECTED)).isEqualTo(1);
    assertThat(detected).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo("erin"));
    assertThat(counted("erin")).isEqualTo(5);
    assertThat(notices).isEmpty();
  }

  @Test
  void aLimiterAlonePublishesItsLockoutAsARateLimitViolation() {
    IrisContext own = IrisContext.builder().clock(clock).build();
    List<SecurityNotice> published = new CopyOnWriteArrayList<>();
    own.events().subscribe(SecurityNotice.class, published::add);
    RateLimiter alone =
        RateLimiter.builder().context(own).store(new InMemoryRateLimitStore()).build();

    for (int i = 0; i < 6; i++) {
      alone.loginFailed(tenant, "frank", null);
    }

    assertThat(published)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.kind()).isEqualTo(SecurityNotice.Kind.RATE_LIMIT_VIOLATION);
              assertThat(n.details()).containsEntry("rule", "login-account-1m");
            });
  }

  @Test
  void anAuditLogAloneCountsFailedLoginsInItsStore() {
    InMemoryAuditStore own = new InMemoryAuditStore();
    AuditLog alone =
        AuditLog.builder()
            .store(own)
            .clock(clock)
            .bruteForceRules(
                List.of(new BruteForceRule(BruteForceRule.Scope.ACCOUNT, 2, Duration.ofMinutes(5))))
            .build();

    alone.recordFailedLogin(FailedLogin.of(tenant, "gina"));
    FailedLoginResult second = alone.recordFailedLogin(FailedLogin.of(tenant, "gina"));

    assertThat(second.detections())
        .singleElement()
        .satisfies(d -> assertThat(d.failures()).isEqualTo(2));
  }
}
