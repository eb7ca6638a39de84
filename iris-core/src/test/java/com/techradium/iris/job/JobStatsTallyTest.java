package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.job.spi.JobStatsTally;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobStatsTallyTest {
  private final StatsQuery query =
      new StatsQuery(TENANT, "emails", NOW.minus(Duration.ofHours(24)));
  private final JobStatsTally tally = new JobStatsTally(query, NOW);

  @Test
  void anEmptyTallyHasNoSamples() {
    JobStats stats = tally.result();

    assertThat(stats.total()).isZero();
    assertThat(stats.oldestDueAt()).isNull();
    assertThat(stats.averageRunTime()).isNull();
    assertThat(stats.p95RunTime()).isNull();
    assertThat(stats.tenant()).isEqualTo(TENANT);
    assertThat(stats.queue()).isEqualTo("emails");
    assertThat(stats.since()).isEqualTo(query.since());
    assertThat(stats.asOf()).isEqualTo(NOW);
  }

  @Test
  void jobCountsAddUpByState() {
    tally.jobs(JobState.QUEUED, 2).jobs(JobState.QUEUED, 3).jobs(JobState.DEAD, 1);

    assertThat(tally.result().count(JobState.QUEUED)).isEqualTo(5);
    assertThat(tally.result().count(JobState.DEAD)).isEqualTo(1);
  }

  @Test
  void theEarliestDueJobIsKept() {
    tally.due(NOW.minusSeconds(5)).due(NOW.minusSeconds(50)).due(null).due(NOW.minusSeconds(9));

    assertThat(tally.result().oldestDueAt()).isEqualTo(NOW.minusSeconds(50));
  }

  @Test
  void failedAndExpiredAttemptsCountAsFailedButOnlyRanAttemptsAreSampled() {
    tally
        .attempt(AttemptOutcome.SUCCEEDED, 100)
        .attempt(AttemptOutcome.FAILED, 300)
        .attempt(AttemptOutcome.LEASE_EXPIRED, 99_000)
        .attempt(AttemptOutcome.RESCHEDULED, 99_000)
        .attempt(AttemptOutcome.CANCELLED, 99_000);

    JobStats stats = tally.result();

    assertThat(stats.succeeded()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.averageRunTime()).isEqualTo(Duration.ofMillis(200));
    assertThat(stats.p95RunTime()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theAverageIsTruncatedToTheMillisecond() {
    tally.attempt(AttemptOutcome.SUCCEEDED, 1).attempt(AttemptOutcome.SUCCEEDED, 2);

    assertThat(tally.result().averageRunTime()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void theP95IsTheNearestRankSample() {
    for (int ms = 100; ms >= 1; ms--) {
      tally.attempt(AttemptOutcome.SUCCEEDED, ms);
    }

    assertThat(tally.result().p95RunTime()).isEqualTo(Duration.ofMillis(95));
  }

  @Test
  void theP95OfFewSamplesIsTheLargest() {
    tally.attempt(AttemptOutcome.SUCCEEDED, 10).attempt(AttemptOutcome.SUCCEEDED, 20);

    assertThat(tally.result().p95RunTime()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void theWindowRunsFromSinceToNowInclusive() {
    assertThat(tally.inWindow(query.since())).isTrue();
    assertThat(tally.inWindow(NOW)).isTrue();
    assertThat(tally.inWindow(query.since().minusMillis(1))).isFalse();
    assertThat(tally.inWindow(NOW.plusMillis(1))).isFalse();
  }

  @Test
  void figuresAggregatedByTheStoreAreTakenAsGiven() {
    tally.jobs(JobState.COMPLETED, 4);

    JobStats stats = tally.result(4, 1, Duration.ofMillis(7), Duration.ofMillis(9));

    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(4);
    assertThat(stats.succeeded()).isEqualTo(4);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.averageRunTime()).isEqualTo(Duration.ofMillis(7));
    assertThat(stats.p95RunTime()).isEqualTo(Duration.ofMillis(9));
  }
}
