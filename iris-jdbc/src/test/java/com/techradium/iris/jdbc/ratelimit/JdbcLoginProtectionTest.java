package com.techradium.iris.jdbc.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.FailedLogin;
import com.techradium.iris.audit.FailedLoginResult;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitDecision;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login protection and quotas through {@link Iris} on PostgreSQL: a failed login recorded through
 * the audit log or the rate limiter is one count and one event, a lockout one security event, and a
 * check takes from the quotas tied to its resource.
 */
class JdbcLoginProtectionTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static HikariDataSource pool;
  private static Iris iris;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    iris =
        Iris.builder()
            .storage(JdbcIris.storage(pool))
            .jobs(j -> j.runWorker(false).runScheduler(false))
            .build();
  }

  @AfterAll
  static void tearDown() {
    iris.close();
    pool.close();
  }

  private static TenantId tenant() {
    return TenantId.of("logins-" + TENANTS.incrementAndGet());
  }

  private static long events(TenantId tenant, SecurityEventKind kind) {
    return iris.storage()
        .store(AuditStore.class)
        .count(
            AuditQuery.forTenant(tenant)
                .categories(AuditCategory.SECURITY)
                .securityKind(kind)
                .build());
  }

  @Test
  void eitherEntryPointIsOneCountOneEventAndTheFifthFailureOneLockout() {
    TenantId tenant = tenant();

    iris.audit().recordFailedLogin(FailedLogin.of(tenant, "alice"));
    assertThat(events(tenant, SecurityEventKind.FAILED_LOGIN)).isEqualTo(1);
    assertThat(iris.rateLimits().checkLogin(tenant, "alice", null).remaining()).isEqualTo(3);
    iris.rateLimits().loginFailed(tenant, "alice", null);
    assertThat(events(tenant, SecurityEventKind.FAILED_LOGIN)).isEqualTo(2);
    assertThat(iris.rateLimits().checkLogin(tenant, "alice", null).remaining()).isEqualTo(2);
    iris.rateLimits().loginFailed(tenant, "alice", null);
    iris.audit().recordFailedLogin(FailedLogin.of(tenant, "alice"));
    FailedLoginResult fifth = iris.audit().recordFailedLogin(FailedLogin.of(tenant, "alice"));
    RateLimitDecision sixth = iris.rateLimits().loginFailed(tenant, "alice", null);

    assertThat(fifth.detections()).hasSize(1);
    assertThat(sixth.allowed()).isFalse();
    assertThat(events(tenant, SecurityEventKind.FAILED_LOGIN)).isEqualTo(6);
    assertThat(events(tenant, SecurityEventKind.BRUTE_FORCE_DETECTED)).isEqualTo(1);
    assertThat(events(tenant, SecurityEventKind.RATE_LIMIT_VIOLATION)).isZero();
    assertThat(iris.audit().verify(tenant).valid()).isTrue();
  }

  @Test
  void concurrentFailuresFromManyThreadsAreOneLockoutEvent() throws Exception {
    TenantId tenant = tenant();
    int threads = 8;
    int perThread = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean throughAudit = t % 2 == 0;
        done.add(
            executor.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    if (throughAudit) {
                      iris.audit().recordFailedLogin(FailedLogin.of(tenant, "bob"));
                    } else {
                      iris.rateLimits().loginFailed(tenant, "bob", null);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(events(tenant, SecurityEventKind.FAILED_LOGIN)).isEqualTo(threads * perThread);
    assertThat(events(tenant, SecurityEventKind.BRUTE_FORCE_DETECTED)).isEqualTo(1);
    assertThat(iris.rateLimits().checkLogin(tenant, "bob", null).allowed()).isFalse();
  }

  @Test
  void aCheckTakesFromTheQuotaTiedToItsResourceOnPostgresql() {
    TenantId tenant = tenant();
    iris.rateLimits()
        .quotas()
        .define(tenant, QuotaDefinition.daily("sms-daily", 2, ZoneOffset.UTC).forResource("sms"));

    RateLimitRequest sms = RateLimitRequest.of(tenant, "sms");
    assertThat(iris.rateLimits().check(sms).allowed()).isTrue();
    assertThat(iris.rateLimits().check(sms).allowed()).isTrue();
    RateLimitDecision third = iris.rateLimits().check(sms);

    assertThat(third.allowed()).isFalse();
    assertThat(third.quota()).isEqualTo("sms-daily");
    assertThat(iris.rateLimits().quotas().usage(tenant, "sms-daily", null).used()).isEqualTo(2);
  }
}
