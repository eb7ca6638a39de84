package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOrdering;
import com.techradium.iris.job.spi.JobOutcome;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL claim of queues scheduled by tenant beyond the shared contract.
 *
 * <p>Claim floors per (queue, tenant) (migration V20): claims start each tenant's scan at a lower
 * bound of that tenant's claim order. Each floor test first lets a tenant's floor move past where a
 * job will later become claimable (checked, so the test fails if the floor stays behind) and then
 * expects that job to be claimed first.
 *
 * <p>The one-call claim of a fair-share queue without caps or rates ({@code
 * iris_job_tenant_claim_fair}, migration V21) picks each due tenant's jobs on a guess of its share
 * and plans in SQL: it must start exactly what {@link TenantClaims#plan} chooses over every due
 * job, leaving the same state.
 */
class JdbcJobTenantClaimTest {
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
      QueueConfig.defaults("fairq-" + NAMES.incrementAndGet())
          .withClaimOrder(ClaimOrder.FAIR_SHARE);

  @BeforeAll
  static void setUp() {
    pool = JdbcJobFixtures.migratedPool(postgres, 10);
    store = JdbcJobStore.of(pool);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  private NewJob job(int priority, Instant runAt) {
    return JdbcJobFixtures.job(ids, fair.name(), priority, runAt, List.of());
  }

  private Job insert(TenantId tenant, NewJob job) {
    return store.insert(tenant, List.of(job), clock.instant()).get(0).job();
  }

  /** Enqueues {@code count} jobs of priority 5, due now, for {@code tenant}. */
  private void backlog(TenantId tenant, int count) {
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(job(5, clock.instant()));
    }
    store.insert(tenant, batch, clock.instant());
  }

  private List<Job> claim(int limit) {
    return store.claim(
        ClaimRequest.of(fair.name(), limit, "worker", LEASE).withQueueConfig(fair),
        clock.instant());
  }

  private void complete(List<Job> jobs) {
    JdbcJobFixtures.complete(store, jobs, clock.instant());
  }

  /** The tenant's floor (rank, id) in the queue, or null while it has none. */
  private @Nullable Floor floor(TenantId tenant) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select floor_rank, floor_id from iris_job_tenant_floors"
                    + " where queue = ? and tenant_id = ?")) {
      s.setString(1, fair.name());
      s.setString(2, tenant.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new Floor(r.getLong(1), r.getObject(2, UUID.class)) : null;
      }
    }
  }

  private record Floor(long rank, UUID id) {}

  private long rows(String table) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from " + table + " where queue = ?")) {
      s.setString(1, fair.name());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /**
   * Claims and completes {@code count} jobs, and checks that acme's floor moved past {@code rank}.
   */
  private void drainPast(int count, long rank) throws SQLException {
    complete(claim(count));
    assertThat(floor(acme)).as("acme's floor after claiming").isNotNull();
    assertThat(floor(acme).rank()).as("acme's floor after claiming").isGreaterThan(rank);
  }

  @Test
  void aClaimRaisesTheTenantsFloorToItsFirstJobNotClaimed() throws SQLException {
    backlog(acme, 300);
    List<Job> first = claim(100);
    assertThat(floor(acme)).isNotNull();
    UUID next = floor(acme).id();

    List<Job> second = claim(100);

    assertThat(second.get(0).id()).isEqualTo(next);
    assertThat(first).doesNotContainAnyElementsOf(second);
    complete(first);
    complete(second);
    complete(claim(1000));
    assertThat(claim(1000)).isEmpty();
  }

  @Test
  void theClaimDescendsEachTenantsIndexRangeToItsFloorInsteadOfReadingClaimedEntries()
      throws SQLException {
    backlog(acme, 20_000);
    for (int i = 0; i < 190; i++) {
      complete(claim(100));
    }

    String rank = Long.toString(clock.instant().toEpochMilli());
    String now = at(clock.instant());
    String plan =
        explain("iris_job_tenant_pick", "array['" + acme.value() + "']", "array[100]", rank, now);

    // 19,000 claimed entries sit in front of acme's floor, about 100 leaf pages: the pick reads
    // none of them.
    assertThat(ClaimPlans.indexScanBuffers(plan, "iris_jobs_claim_tenant")).isLessThan(60);
    // Nor does the search for tenants with due jobs, nor the fold of stopped jobs.
    String state = explain("iris_job_tenant_claim_state", rank, now);
    assertThat(ClaimPlans.statementBuffers(state, "SELECT d.tenant_id")).isLessThan(30);
    assertThat(ClaimPlans.statementBuffers(state, "WITH done")).isLessThan(30);
    // Nor does the one-call claim of a fair queue without caps or rates (migration V21), which
    // searches and picks through the same functions.
    String oneCall =
        explain(
            "iris_job_tenant_claim_fair",
            rank,
            now,
            "100",
            "array[]::text[]",
            "array[]::int[]",
            "'worker'",
            at(clock.instant().plus(LEASE)));
    assertThat(ClaimPlans.statementBuffers(oneCall, "SELECT array_agg(d.tid")).isLessThan(30);
  }

  /** The plans of a call of {@code function} on the fair queue with {@code args} after its name. */
  private String explain(String function, String... args) throws SQLException {
    return ClaimPlans.explain(
        pool,
        "select * from " + function + "('" + fair.name() + "', " + String.join(", ", args) + ")");
  }

  private static String at(Instant instant) {
    return "cast('" + instant + "' as timestamptz)";
  }

  @Test
  void aTenantsDueJobIsFoundBehindItsJobsDueLaterAndATenantWithNoneDueIsSkipped() {
    Job due = insert(acme, job(5, clock.instant()));
    List<NewJob> later = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      later.add(job(5, clock.instant().plus(Duration.ofHours(1))));
    }
    store.insert(acme, later, clock.instant());
    insert(globex, job(5, clock.instant().plus(Duration.ofHours(1))));

    assertThat(claim(100)).extracting(Job::id).containsExactly(due.id());

    clock.advance(Duration.ofHours(1));
    assertThat(claim(1000)).hasSize(501).extracting(Job::tenant).contains(acme, globex);
  }

  @Test
  void eachTenantHasItsOwnFloor() throws SQLException {
    backlog(acme, 200);
    clock.advance(Duration.ofSeconds(1));
    backlog(globex, 200);

    List<Job> claimed = claim(100);

    assertThat(claimed).extracting(Job::tenant).containsOnly(acme, globex);
    Floor a = floor(acme);
    Floor g = floor(globex);
    assertThat(a).isNotNull();
    assertThat(g).isNotNull();
    assertThat(g.rank()).isGreaterThan(a.rank());
    complete(claimed);
    complete(claim(1000));
    assertThat(claim(1000)).isEmpty();
  }

  @Test
  void aJobInsertedBelowTheFloorIsStillClaimedFirst() throws SQLException {
    clock.advance(Duration.ofMinutes(10));
    backlog(acme, 300);
    clock.advance(Duration.ofSeconds(1));
    NewJob urgent = job(10, clock.instant());
    drainPast(200, JobOrdering.rank(urgent.priority(), urgent.runAt()));

    Job inserted = insert(acme, urgent);

    assertThat(floor(acme).rank()).isEqualTo(inserted.rank());
    assertThat(claim(1)).extracting(Job::id).containsExactly(inserted.id());
  }

  @Test
  void aJobRetriedBelowTheFloorIsStillClaimedFirst() throws SQLException {
    backlog(acme, 100);
    clock.advance(Duration.ofSeconds(1));
    backlog(acme, 200);
    List<Job> claimed = claim(100);
    Job failing = claimed.get(0);
    complete(claimed.subList(1, claimed.size()));
    drainPast(100, failing.rank());

    // Due now: it ranks with the jobs behind the floor, before them by its older id.
    store.finish(
        failing.leaseRef(), new JobOutcome.Retry("boom", clock.instant(), true), clock.instant());

    assertThat(claim(1)).extracting(Job::id).containsExactly(failing.id());
  }

  @Test
  void aClaimNeverRaisesAFloorPastAJobOfAnOpenTransaction() throws Exception {
    backlog(acme, 100);
    clock.advance(Duration.ofSeconds(10));
    backlog(acme, 200);
    complete(claim(50));
    // Ranks between the floor (the 51st job) and where the next claim of 100 would raise it.
    NewJob between = job(5, clock.instant().minusSeconds(5));
    JdbcJobFixtures.inOpenTransaction(
        pool,
        () -> store.insert(acme, List.of(between), clock.instant()),
        // Not committed yet: the claim cannot see the job, and must not raise the floor past it.
        () -> assertThat(claim(100)).extracting(Job::id).doesNotContain(between.id()));

    assertThat(claim(1)).extracting(Job::id).containsExactly(between.id());
  }

  @Test
  void concurrentClaimsAndEnqueuesBelowTheFloorLoseNoJobAndClaimNoneTwice() throws Exception {
    int waves = 20;
    int perWave = 50;
    Set<UUID> inserted = ConcurrentHashMap.newKeySet();
    Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    List<UUID> twice = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    CountDownLatch enqueued = new CountDownLatch(2);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (TenantId tenant : List.of(acme, globex)) {
        work.add(
            threads.submit(
                () -> {
                  // Each wave ranks before the last one (an hour earlier): below the floor.
                  for (int w = 0; w < waves; w++) {
                    List<NewJob> batch = new ArrayList<>();
                    Instant runAt = clock.instant().minus(Duration.ofHours(w));
                    for (int i = 0; i < perWave; i++) {
                      batch.add(job(5, runAt));
                    }
                    store
                        .insert(tenant, batch, clock.instant())
                        .forEach(r -> inserted.add(r.job().id()));
                  }
                  enqueued.countDown();
                  return null;
                }));
      }
      for (int t = 0; t < 4; t++) {
        work.add(
            threads.submit(
                () -> {
                  for (int round = 0; round < 100_000; round++) {
                    boolean done = enqueued.getCount() == 0;
                    List<Job> got = claim(17);
                    for (Job j : got) {
                      if (!claimed.add(j.id())) {
                        synchronized (twice) {
                          twice.add(j.id());
                        }
                      }
                    }
                    complete(got);
                    if (done && got.isEmpty()) {
                      return null;
                    }
                  }
                  throw new AssertionError("the claims never ran dry");
                }));
      }
      for (Future<?> f : work) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(twice).isEmpty();
    assertThat(inserted).hasSize(2 * waves * perWave);
    assertThat(new HashSet<>(claimed)).isEqualTo(inserted);
  }

  @Test
  void aJobStoppedByATransactionOpenDuringAClaimStillFreesItsPlaceUnderTheCap() throws Exception {
    QueueConfig capped = fair.withMaxRunningPerTenant(1);
    backlog(acme, 3);
    ClaimRequest request =
        ClaimRequest.of(fair.name(), 10, "worker", LEASE).withQueueConfig(capped);
    List<Job> first = store.claim(request, clock.instant());
    assertThat(first).hasSize(1);
    JdbcJobFixtures.inOpenTransaction(
        pool,
        () -> complete(first),
        // The completion is not committed: acme is still at its cap, and this claim's fold moves
        // past the stops it can see, but not past the one of the open transaction.
        () -> assertThat(store.claim(request, clock.instant())).isEmpty());

    assertThat(store.claim(request, clock.instant())).hasSize(1);
  }

  @Test
  void withoutACapJobsStartUncountedAndTheirEndsLeaveNoStops() throws SQLException {
    backlog(acme, 20);

    complete(claim(10));

    assertThat(rows("iris_job_tenant_stops")).isZero();
    assertThat(claim(100)).hasSize(10);
  }

  @Test
  void deletingTheQueueRemovesItsSchedulingStateAndFloorsButNotItsJobs() throws SQLException {
    QueueConfig capped = fair.withMaxRunningPerTenant(100);
    store.saveQueue(capped);
    backlog(acme, 20);
    backlog(globex, 20);
    List<Job> running =
        store.claim(
            ClaimRequest.of(fair.name(), 10, "worker", LEASE).withQueueConfig(capped),
            clock.instant());
    complete(running.subList(0, 5));
    assertThat(rows("iris_job_tenant_shares")).isPositive();
    assertThat(rows("iris_job_tenant_stops")).isPositive();
    assertThat(rows("iris_job_tenant_floors")).isPositive();

    assertThat(store.deleteQueue(fair.name())).isTrue();

    assertThat(rows("iris_job_tenant_shares")).isZero();
    assertThat(rows("iris_job_tenant_stops")).isZero();
    assertThat(rows("iris_job_tenant_floors")).isZero();
    assertThat(store.getQueue(fair.name())).isEmpty();
    // The jobs stay, and claims without floors still find every one of them.
    assertThat(claim(1000)).hasSize(30);
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
    claimsAsPlanned(new Random(20261203), 6);
  }

  @Test
  void aLoneTenantStartsItsFirstJobsWithTheStateTheJavaPlanLeaves() throws SQLException {
    claimsAsPlanned(new Random(20261204), 1);
  }

  /**
   * Sixty rounds of random enqueues for {@code tenantCount} tenants (random weights, priorities and
   * due times), each followed by a claim of a random limit that must start what {@link
   * TenantClaims#plan} chooses over every due job and leave the virtual times and clock it
   * computes, bit for bit, then by the completion of the claimed jobs or not.
   */
  private void claimsAsPlanned(Random random, int tenantCount) throws SQLException {
    List<TenantId> tenants = new ArrayList<>();
    Map<TenantId, Integer> weights = new HashMap<>();
    for (int t = 0; t < tenantCount; t++) {
      TenantId tenant = TenantId.of("t" + t + "-" + NAMES.incrementAndGet());
      tenants.add(tenant);
      if (random.nextBoolean() || tenantCount == 1) {
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
        if (random.nextInt(3) == 0 || tenantCount == 1) {
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
        assertThat(after.queue().clock()).isEqualTo(expected.queue().clock());
        expected
            .tenants()
            .forEach(
                (tenant, share) ->
                    assertThat(after.tenants().get(tenant).virtualTime())
                        .isEqualTo(share.virtualTime()));
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
