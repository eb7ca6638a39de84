package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOrdering;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim floor of the PostgreSQL store (migration V11): claims start from a per-queue lower
 * bound of the claim order instead of the claim index's front. Each test first lets the floor move
 * past where a job will later become claimable (checked, so the test fails if the floor stays
 * behind) and then expects the next claim to take that job first.
 */
class JdbcJobClaimFloorTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final AtomicLong NAMES = new AtomicLong();
  private static HikariDataSource pool;
  private static JdbcJobStore store;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TimeOrderedIds ids = new TimeOrderedIds(clock);
  private final TenantId tenant = TenantId.of("floor-" + NAMES.incrementAndGet());
  private final String queue = "floorq-" + NAMES.incrementAndGet();

  @BeforeAll
  static void setUp() {
    pool = JdbcJobFixtures.migratedPool(postgres, 6);
    store = JdbcJobStore.of(pool);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  private NewJob job(int priority, Instant runAt, List<UUID> parents) {
    return JdbcJobFixtures.job(ids, queue, priority, runAt, parents);
  }

  private NewJob job(int priority) {
    return job(priority, clock.instant(), List.of());
  }

  private Job insert(NewJob job) {
    return store.insert(tenant, List.of(job), clock.instant()).get(0).job();
  }

  /** Enqueues {@code count} jobs of priority 5, due now. */
  private void backlog(int count) {
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(job(5));
    }
    store.insert(tenant, batch, clock.instant());
  }

  private List<Job> claim(int limit) {
    return store.claim(ClaimRequest.of(queue, limit, "worker", LEASE), clock.instant());
  }

  private void complete(List<Job> jobs) {
    JdbcJobFixtures.complete(store, jobs, clock.instant());
  }

  /** The queue's floor rank, or null while it has none. */
  private @Nullable Long floorRank() throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("select floor_rank from iris_job_claim_floors where queue = ?")) {
      s.setString(1, queue);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  private @Nullable UUID floorId() throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("select floor_id from iris_job_claim_floors where queue = ?")) {
      s.setString(1, queue);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getObject(1, UUID.class) : null;
      }
    }
  }

  /** Claims and completes {@code count} jobs, and checks that the floor moved past {@code rank}. */
  private void drainPast(int count, long rank) throws SQLException {
    complete(claim(count));
    assertThat(floorRank()).as("floor after claiming").isNotNull().isGreaterThan(rank);
  }

  @Test
  void aDrainMovesTheFloorToTheFirstJobNotClaimed() throws SQLException {
    backlog(300);
    List<Job> first = claim(100);
    List<Job> second = claim(100);
    UUID floor = floorId();

    List<Job> third = claim(100);

    assertThat(third.get(0).id()).isEqualTo(floor);
    assertThat(first).doesNotContainAnyElementsOf(second);
    complete(first);
    complete(second);
    complete(third);
    assertThat(claim(1000)).isEmpty();
  }

  @Test
  void aJobEnqueuedLaterWithAHigherPriorityIsClaimedBeforeTheBacklog() throws SQLException {
    clock.advance(Duration.ofMinutes(10));
    backlog(300);
    clock.advance(Duration.ofSeconds(1));
    NewJob later = job(10);
    drainPast(200, JobOrdering.rank(later.priority(), later.runAt()));

    Job inserted = insert(later);

    assertThat(claim(1)).extracting(Job::id).containsExactly(inserted.id());
  }

  @Test
  void aJobEnqueuedLaterWithAnEarlierRunAtIsClaimedBeforeTheBacklog() throws SQLException {
    backlog(300);
    NewJob overdue = job(5, clock.instant().minus(Duration.ofHours(1)), List.of());
    drainPast(200, JobOrdering.rank(overdue.priority(), overdue.runAt()));

    Job inserted = insert(overdue);

    assertThat(claim(1)).extracting(Job::id).containsExactly(inserted.id());
  }

  @Test
  void aJobGivenBackIsClaimedAgainBeforeLaterJobs() throws SQLException {
    backlog(300);
    List<Job> claimed = claim(100);
    complete(claimed.subList(1, claimed.size()));
    complete(claim(100));
    assertThat(floorRank()).isNotNull();

    assertThat(store.release(claimed.get(0).leaseRef(), clock.instant())).isTrue();

    assertThat(claim(1)).extracting(Job::id).containsExactly(claimed.get(0).id());
  }

  @Test
  void aJobWhoseLeaseLapsedIsClaimedAgainBeforeLaterJobs() throws SQLException {
    Job urgent = insert(job(10));
    backlog(300);
    List<Job> claimed = claim(100);
    assertThat(claimed.get(0).id()).isEqualTo(urgent.id());
    complete(claimed.subList(1, claimed.size()));
    complete(claim(100));
    clock.advance(LEASE.plusSeconds(1));
    // Due again now, at priority 10: it ranks before the rest of the backlog, behind the floor.
    long rankOnceRequeued = JobOrdering.rank(10, clock.instant());
    assertThat(floorRank()).isGreaterThan(rankOnceRequeued);

    assertThat(store.requeueExpired(clock.instant(), 100)).isEqualTo(1);

    assertThat(claim(1)).extracting(Job::id).containsExactly(urgent.id());
  }

  @Test
  void aFailedAttemptRanksByItsRetryTimeEvenBehindTheFloor() throws SQLException {
    Job first = insert(job(10));
    clock.advance(Duration.ofSeconds(1));
    backlog(300);
    Job failing = claim(1).get(0);
    assertThat(failing.id()).isEqualTo(first.id());
    assertThat(floorRank()).isEqualTo(JobOrdering.rank(5, clock.instant()));
    Instant retryAt = clock.instant().plusSeconds(2);

    store.finish(failing.leaseRef(), new JobOutcome.Retry("boom", retryAt, true), clock.instant());

    // Not due yet, it holds the floor while the backlog drains past it ...
    complete(claim(200));
    assertThat(floorRank()).isEqualTo(JobOrdering.rank(10, retryAt));
    assertThat(claim(1)).extracting(Job::id).doesNotContain(first.id());
    clock.advance(Duration.ofSeconds(2));
    // ... and is claimed first once due.
    List<Job> next = claim(1);
    assertThat(next).extracting(Job::id).containsExactly(first.id());
    assertThat(next.get(0).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aWaitingJobNotYetDueIsClaimedOnceDueThoughLaterJobsWereClaimed() throws SQLException {
    // Priority 10, due in five minutes: it ranks before the backlog but cannot be claimed yet.
    Job early = insert(job(10, clock.instant().plus(Duration.ofMinutes(5)), List.of()));
    backlog(300);
    complete(claim(300));
    assertThat(claim(10)).isEmpty();

    clock.advance(Duration.ofMinutes(5));

    assertThat(claim(10)).extracting(Job::id).containsExactly(early.id());
  }

  @Test
  void aWaitingJobRaisedToAHigherPriorityIsClaimedBeforeTheBacklog() throws SQLException {
    backlog(300);
    clock.advance(Duration.ofSeconds(1));
    Job late = insert(job(0));
    drainPast(200, late.rank() - 10 * 60_000);

    store.update(tenant, late.id(), JobUpdate.priority(10), clock.instant());

    assertThat(claim(1)).extracting(Job::id).containsExactly(late.id());
  }

  @Test
  void aChildReleasedByItsParentIsClaimedBeforeLaterJobs() throws SQLException {
    Job parent = insert(job(5));
    Job child = insert(job(5, clock.instant(), List.of(parent.id())));
    clock.advance(Duration.ofSeconds(1));
    backlog(300);
    List<Job> claimed = claim(100);
    assertThat(claimed.get(0).id()).isEqualTo(parent.id());
    complete(claimed.subList(1, claimed.size()));
    drainPast(100, child.rank());

    complete(claimed.subList(0, 1));

    assertThat(claim(1)).extracting(Job::id).containsExactly(child.id());
  }

  @Test
  void aClaimNeverMovesTheFloorPastAJobOfAnOpenTransaction() throws Exception {
    backlog(100);
    clock.advance(Duration.ofSeconds(10));
    backlog(200);
    complete(claim(50));
    // Ranks between the floor (the 51st job) and where the next claim of 100 would move it.
    NewJob between = job(5, clock.instant().minusSeconds(5), List.of());
    JdbcJobFixtures.inOpenTransaction(
        pool,
        () -> store.insert(tenant, List.of(between), clock.instant()),
        // Not committed yet: the claim cannot see the job, and must not move the floor past it.
        () -> assertThat(claim(100)).extracting(Job::id).doesNotContain(between.id()));

    assertThat(claim(1)).extracting(Job::id).containsExactly(between.id());
  }

  @Test
  void theClaimDescendsTheIndexToTheFloorInsteadOfReadingClaimedEntries() throws SQLException {
    backlog(20_000);
    for (int i = 0; i < 190; i++) {
      complete(claim(100));
    }

    String plan =
        ClaimPlans.explain(pool, ClaimRequest.of(queue, 100, "worker", LEASE), clock.instant());

    // 19,000 claimed entries sit in front of the floor, about 100 leaf pages: the claim reads
    // none of them.
    assertThat(plan).contains("iris_jobs_claim");
    assertThat(ClaimPlans.indexScanBuffers(plan, "iris_jobs_claim")).isLessThan(60);
  }
}
