package com.techradium.iris.jdbc.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.ratelimit.ExemptionTarget;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.ratelimit.RateLimitQuotaCheckContract;
import com.techradium.iris.testkit.ratelimit.RateLimitStoreContract;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store held to the rate-limit store contract and the quota-check contract on a real
 * PostgreSQL, and the limiter's writes joining the host's transaction.
 */
class JdbcRateLimitStoreTest extends RateLimitStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static RateLimitStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared = JdbcRateLimitStore.of(postgres.dataSource());
  }

  @Override
  protected RateLimitStore newStore(Clock clock) {
    return shared;
  }

  /** Checks with quotas kept on PostgreSQL. */
  @Nested
  class QuotaChecks extends RateLimitQuotaCheckContract {
    @Override
    protected RateLimitStore newStore(Clock clock) {
      return shared;
    }
  }

  @Test
  void theLimitersWritesCommitAndRollBackWithTheHostsTransaction() throws Exception {
    TenantId tenant = newTenant();
    RateLimiter limiter = RateLimiter.builder().clock(clock).store(shared).build();
    RateLimitRule rule =
        RateLimitRule.of("joined", "api", 5, Duration.ofMinutes(1), RateLimitScope.USER);
    for (boolean commit : new boolean[] {false, true}) {
      try (Connection c = postgres.dataSource().getConnection()) {
        c.setAutoCommit(false);
        try (JdbcTransaction joined = JdbcTransaction.join(c)) {
          limiter.saveRule(tenant, rule);
          limiter.quotas().define(tenant, QuotaDefinition.daily("sms", 10, ZoneOffset.UTC));
          limiter.addExemption(tenant, ExemptionTarget.IP, "10.0.0.0/8", Set.of(), null);
        }
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
      }
      assertThat(shared.rules(tenant)).hasSize(commit ? 1 : 0);
      assertThat(shared.quotas(tenant)).hasSize(commit ? 1 : 0);
      assertThat(shared.exemptions(tenant, clock.instant())).hasSize(commit ? 1 : 0);
    }
  }
}
