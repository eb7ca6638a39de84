package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BruteForceTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final List<BruteForceDetection> detected = new CopyOnWriteArrayList<>();
  private final AuditLog audit =
      AuditTesting.auditLog(store, clock)
          .listener(
              new AuditListener() {
                @Override
                public void onBruteForceDetected(BruteForceDetection detection) {
                  detected.add(detection);
                }
              })
          .build();

  private FailedLoginResult fail(String account, String ip) {
    return audit.recordFailedLogin(
        FailedLogin.of(tenant, account)
            .withContext(RequestContext.ip(ip))
            .withReason("bad_password"));
  }

  @Test
  void fiveFailuresForOneAccountWithinAMinuteAreDetectedOnce() {
    for (int i = 1; i <= 4; i++) {
      assertThat(fail("alice", "198.51.100." + i).bruteForceDetected()).isFalse();
      clock.advance(Duration.ofSeconds(10));
    }
    FailedLoginResult fifth = fail("alice", "198.51.100.5");
    clock.advance(Duration.ofSeconds(5));
    FailedLoginResult sixth = fail("alice", "198.51.100.6");

    assertThat(fifth.detections())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.key()).isEqualTo("alice");
              assertThat(d.rule().scope()).isEqualTo(BruteForceRule.Scope.ACCOUNT);
              assertThat(d.failures()).isEqualTo(5);
              assertThat(d.event().event().securityKind())
                  .isEqualTo(SecurityEventKind.BRUTE_FORCE_DETECTED);
              assertThat(d.event().event().targetId()).isEqualTo("alice");
            });
    assertThat(sixth.bruteForceDetected()).isFalse();
    assertThat(detected).containsExactlyElementsOf(fifth.detections());
  }

  @Test
  void failuresSpreadWiderThanTheWindowAreNotABurst() {
    for (int i = 1; i <= 8; i++) {
      fail("bob", "198.51.100." + i);
      clock.advance(Duration.ofSeconds(20));
    }
    assertThat(detected).isEmpty();
  }

  @Test
  void aNewBurstInALaterWindowIsDetectedAgain() {
    for (int i = 0; i < 5; i++) {
      fail("carol", "198.51.100." + (10 + i));
    }
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 5; i++) {
      fail("carol", "198.51.100." + (20 + i));
    }
    assertThat(detected).hasSize(2).allMatch(d -> d.key().equals("carol"));
  }

  @Test
  void manyAccountsFromOneIpAreDetectedByIp() {
    for (int i = 1; i <= 5; i++) {
      fail("user-" + i, "203.0.113.66");
    }
    assertThat(detected)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.rule().scope()).isEqualTo(BruteForceRule.Scope.IP_ADDRESS);
              assertThat(d.key()).isEqualTo("203.0.113.66");
              assertThat(d.event().event().ipAddress()).isEqualTo("203.0.113.66");
            });
  }

  @Test
  void twentyFailuresWithinAnHourAreDetectedByTheHourlyRule() {
    for (int i = 1; i <= 20; i++) {
      fail("dave", "198.51.100." + i);
      clock.advance(Duration.ofMinutes(2));
    }
    assertThat(detected)
        .singleElement()
        .satisfies(d -> assertThat(d.rule().window()).isEqualTo(Duration.ofHours(1)));
  }

  @Test
  void detectionsAreSecurityEventsHostsCanQuery() {
    for (int i = 0; i < 5; i++) {
      fail("erin", "198.51.100.1" + i);
    }
    assertThat(
            audit
                .securityEvents(
                    tenant, Severity.HIGH, null, PageRequest.first(), AuditTesting.AUDITOR)
                .items())
        .extracting(r -> r.event().action())
        .containsExactly("brute_force.account.PT1M");
  }

  @Test
  void aFailingListenerDoesNotLoseTheDetection() {
    AuditLog noisy =
        AuditTesting.auditLog(store, clock)
            .listener(
                new AuditListener() {
                  @Override
                  public void onBruteForceDetected(BruteForceDetection detection) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    FailedLoginResult last = null;
    for (int i = 0; i < 5; i++) {
      last = noisy.recordFailedLogin(FailedLogin.of(tenant, "frank"));
    }
    assertThat(last.bruteForceDetected()).isTrue();
  }

  @Test
  void rulesCanBeReplaced() {
    AuditLog strict =
        AuditTesting.auditLog(store, clock)
            .bruteForceRules(
                List.of(new BruteForceRule(BruteForceRule.Scope.ACCOUNT, 2, Duration.ofMinutes(5))))
            .build();
    strict.recordFailedLogin(FailedLogin.of(tenant, "gina"));
    assertThat(strict.recordFailedLogin(FailedLogin.of(tenant, "gina")).bruteForceDetected())
        .isTrue();
  }

  @Test
  void manyThreadsFailingForOneAccountAtOnceGiveExactlyOneDetection() throws Exception {
    int threads = 16;
    int perThread = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    fail("alice", "203.0." + thread + "." + i);
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    AuditQuery detections =
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.BRUTE_FORCE_DETECTED)
            .build();
    // 128 failures cross both account rules (5 a minute, 20 an hour): one detection each.
    assertThat(store.count(detections)).isEqualTo(2);
    assertThat(detected)
        .extracting(d -> d.rule().detectionAction())
        .containsExactlyInAnyOrder("brute_force.account.PT1M", "brute_force.account.PT1H");
    assertThat(detected).allSatisfy(d -> assertThat(d.key()).isEqualTo("alice"));
  }
}
