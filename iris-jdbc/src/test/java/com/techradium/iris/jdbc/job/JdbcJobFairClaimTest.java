package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.TenantClaims;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL claim of a fair-share queue without caps or rates, one call of {@code
 * iris_job_tenant_claim_fair} (migration V21): it picks each due tenant's jobs on a guess of its
 * share and plans in SQL, and must start exactly what {@link TenantClaims#plan} chooses over every
 * due job, leaving the same state.
 */
class JdbcJobFairClaimTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final AtomicLong NAMES = new AtomicLong();
  private static HikariDataSource pool;
  private static JdbcJobStore store;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TimeOrderedIds ids = new TimeOrderedIds(clock);
  private final TenantId acme = TenantId.of("acme-" + NAMES.incrementAndGet());
  private final TenantId globex = TenantId.of("globex-" + NAMES.incrementAndGet());
  private final QueueConfig fair =
      QueueConfig.defaults("firstpick-" + NAMES.incrementAndGet())
          .withClaimOrder(ClaimOrder.FAIR_SHARE);

  @BeforeAll
  static void setUp() {
    pool = JdbcJobFixtures.migratedPool(postgres, 4);
    store = JdbcJobStore.of(pool);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  private void backlog(TenantId tenant, int count) {
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(JdbcJobFixtures.job(ids, fair.name(), 5, clock.instant(), List.of()));
    }
    store.insert(tenant, batch, clock.instant());
  }

  private List<Job> claim(int limit) {
    return store.claim(
        ClaimRequest.of(fair.name(), limit, "worker", LEASE).withQueueConfig(fair),
        clock.instant());
  }

  /** Sets the tenant's fair-share virtual time, as if it had started that many jobs before. */
  private void virtualTime(TenantId tenant, double value) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into iris_job_tenant_shares (queue, tenant_id, virtual_time, running,"
                    + " rate_tat) values (?, ?, ?, 0, 0)")) {
      s.setString(1, fair.name());
      s.setString(2, tenant.value());
      s.setDouble(3, value);
      s.executeUpdate();
    }
  }

  @Test
  void startsWhatTheJavaPlanChoosesOverEveryDueJobAndKeepsTheSameState() throws SQLException {
    Random random = new Random(20261203);
    List<TenantId> tenants = new ArrayList<>();
    Map<TenantId, Integer> weights = new HashMap<>();
    for (int t = 0; t < 6; t++) {
      TenantId tenant = TenantId.of("t" + t + "-" + NAMES.incrementAndGet());
      tenants.add(tenant);
      if (random.nextBoolean()) {
        weights.put(tenant, 1 + random.nextInt(4));
      }
    }
    QueueConfig weighted =
        QueueConfig.defaults("weighted-" + NAMES.incrementAndGet())
            .withClaimOrder(ClaimOrder.FAIR_SHARE)
            .withTenantWeights(weights);
    for (int round = 0; round < 60; round++) {
      // Jobs arrive for a few tenants: some due now at a random priority, some due later.
      for (TenantId tenant : tenants) {
        if (random.nextInt(3) == 0) {
          List<NewJob> batch = new ArrayList<>();
          for (int i = random.nextInt(12); i > 0; i--) {
            Instant runAt = clock.instant().plusMillis(random.nextInt(4) == 0 ? 5_000 : 0);
            batch.add(
                JdbcJobFixtures.job(ids, weighted.name(), random.nextInt(11), runAt, List.of()));
          }
          store.insert(tenant, batch, clock.instant());
        }
      }
      int limit = 1 + random.nextInt(15);
      TenantClaims.Plan expected = expectedPlan(weighted, limit);

      List<Job> claimed =
          store.claim(
              ClaimRequest.of(weighted.name(), limit, "worker", LEASE).withQueueConfig(weighted),
              clock.instant());

      assertThat(claimed)
          .extracting(Job::id)
          .containsExactlyInAnyOrderElementsOf(
              expected.chosen().stream().map(TenantClaims.Candidate::id).toList());
      Shares after = shares(weighted);
      if (!expected.chosen().isEmpty()) {
        assertThat(after.queue().clock()).isCloseTo(expected.queue().clock(), within(1e-9));
        expected
            .tenants()
            .forEach(
                (tenant, share) ->
                    assertThat(after.tenants().get(tenant).virtualTime())
                        .isCloseTo(share.virtualTime(), within(1e-9)));
      }
      if (random.nextBoolean()) {
        JdbcJobFixtures.complete(store, claimed, clock.instant());
      }
      clock.advance(Duration.ofMillis(random.nextInt(3_000)));
    }
  }

  /** What {@link TenantClaims#plan} starts now given every due, unclaimed job of the queue. */
  private TenantClaims.Plan expectedPlan(QueueConfig config, int limit) throws SQLException {
    Shares before = shares(config);
    List<TenantClaims.Candidate> due = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select tenant_id, id, rank_ms from iris_jobs where queue = ? and state in"
                    + " ('scheduled', 'queued', 'failed') and run_at <= ? and rank_ms <= ?")) {
      s.setString(1, config.name());
      s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(3, clock.instant().toEpochMilli());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          due.add(
              new TenantClaims.Candidate(
                  TenantId.of(r.getString(1)), r.getObject(2, UUID.class), r.getLong(3)));
        }
      }
    }
    return TenantClaims.plan(config, before.queue(), before.tenants(), due, limit, clock.instant());
  }

  private record Shares(TenantClaims.QueueShare queue, Map<TenantId, TenantClaims.Share> tenants) {}

  private Shares shares(QueueConfig config) throws SQLException {
    TenantClaims.QueueShare queue = TenantClaims.QueueShare.NEW;
    Map<TenantId, TenantClaims.Share> tenants = new HashMap<>();
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select tenant_id, virtual_time, running, rate_tat from iris_job_tenant_shares"
                    + " where queue = ?")) {
      s.setString(1, config.name());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getString(1).isEmpty()) {
            queue = new TenantClaims.QueueShare(r.getDouble(2), r.getLong(4));
          } else {
            tenants.put(
                TenantId.of(r.getString(1)),
                new TenantClaims.Share(r.getDouble(2), r.getInt(3), r.getLong(4)));
          }
        }
      }
    }
    return new Shares(queue, tenants);
  }

  @Test
  void aTenantOwedMoreThanAnEvenShareGetsItThoughTheFirstPickGuessedEven() throws SQLException {
    // globex is ten jobs ahead of the queue's clock: all of the next six start tags are acme's.
    // The first pick guesses an even share (four each of a claim of six); acme's four are all
    // chosen and its next tag comes before globex's, so acme is picked again.
    virtualTime(globex, 10);
    backlog(acme, 20);
    backlog(globex, 20);

    List<Job> claimed = claim(6);

    assertThat(claimed).hasSize(6).extracting(Job::tenant).containsOnly(acme);
  }

  @Test
  void jobsPickedButNotStartedStayClaimable() {
    backlog(acme, 10);
    clock.advance(Duration.ofSeconds(1));
    backlog(globex, 1);

    // The first pick takes three of acme's jobs and globex's one; the plan starts two of acme's.
    // The third, locked by the claim but not started, is free for the next one.
    List<Job> first = claim(3);
    assertThat(first).extracting(Job::tenant).containsOnly(acme, globex).contains(globex);
    List<Job> rest = claim(100);

    Set<UUID> seen = new HashSet<>();
    first.forEach(j -> assertThat(seen.add(j.id())).isTrue());
    rest.forEach(j -> assertThat(seen.add(j.id())).isTrue());
    assertThat(seen).hasSize(11);
  }
}
