package com.techradium.iris.job.spi;

import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link JobStore#stats} figures are made, for store authors: a store feeds in the state
 * counts, the run-at times of due jobs and the attempts it read, and takes {@link #result()}. The
 * rules are those of {@link JobStats}: attempts count when they finished in {@code [since, now]};
 * {@link #COUNTED_AS_FAILED} outcomes count as failed; run times are sampled from {@link #SAMPLED}
 * outcomes; the average is truncated to the millisecond and the 95th percentile is the nearest-rank
 * one. A store that aggregates attempts in its database instead (SQL {@code percentile_disc(0.95)}
 * over the same outcomes) passes its figures to {@link #result(long, long, Duration, Duration)}.
 *
 * <p>One tally per query; not thread-safe.
 */
public final class JobStatsTally {
  /** Outcomes whose run times are sampled for the average and the 95th percentile. */
  public static final Set<AttemptOutcome> SAMPLED =
      Set.of(AttemptOutcome.SUCCEEDED, AttemptOutcome.FAILED);

  /** Outcomes counted as failed attempts. */
  public static final Set<AttemptOutcome> COUNTED_AS_FAILED =
      Set.of(AttemptOutcome.FAILED, AttemptOutcome.LEASE_EXPIRED);

  private final StatsQuery query;
  private final Instant now;
  private final Map<JobState, Long> counts = new EnumMap<>(JobState.class);
  private @Nullable Instant oldestDue;
  private long succeeded;
  private long failed;
  private final List<Long> runTimes = new ArrayList<>();

  /**
   * An empty tally for {@code query} asked at {@code now}.
   *
   * @param query the tenant, queue and window
   * @param now the end of the window
   */
  public JobStatsTally(StatsQuery query, Instant now) {
    this.query = query;
    this.now = now;
  }

  /**
   * Adds {@code n} jobs in {@code state}.
   *
   * @param state the state
   * @param n the number of jobs
   * @return this tally
   */
  public JobStatsTally jobs(JobState state, long n) {
    if (n != 0) {
      counts.merge(state, n, Long::sum);
    }
    return this;
  }

  /**
   * Notes a job due and waiting since {@code runAt}; the earliest is kept.
   *
   * @param runAt the job's run-at time, or null
   * @return this tally
   */
  public JobStatsTally due(@Nullable Instant runAt) {
    if (runAt != null && (oldestDue == null || runAt.isBefore(oldestDue))) {
      oldestDue = runAt;
    }
    return this;
  }

  /**
   * Whether an attempt that finished at {@code finishedAt} falls in the query's window.
   *
   * @param finishedAt the attempt's finish time
   * @return true if it lies in the window
   */
  public boolean inWindow(Instant finishedAt) {
    return !finishedAt.isBefore(query.since()) && !finishedAt.isAfter(now);
  }

  /**
   * Adds an attempt that finished in the window with {@code outcome} after {@code runMillis}.
   *
   * @param outcome the attempt's outcome
   * @param runMillis the attempt's run time, in milliseconds
   * @return this tally
   */
  public JobStatsTally attempt(AttemptOutcome outcome, long runMillis) {
    if (outcome == AttemptOutcome.SUCCEEDED) {
      succeeded++;
    } else if (COUNTED_AS_FAILED.contains(outcome)) {
      failed++;
    }
    if (SAMPLED.contains(outcome)) {
      runTimes.add(runMillis);
    }
    return this;
  }

  /**
   * The figures of everything added.
   *
   * @return the figures
   */
  public JobStats result() {
    Duration average = null;
    Duration p95 = null;
    if (!runTimes.isEmpty()) {
      List<Long> sorted = new ArrayList<>(runTimes);
      sorted.sort(null);
      long sum = 0;
      for (long t : sorted) {
        sum += t;
      }
      average = Duration.ofMillis(sum / sorted.size());
      p95 = Duration.ofMillis(sorted.get(nearestRank(0.95, sorted.size()) - 1));
    }
    return result(succeeded, failed, average, p95);
  }

  /**
   * The figures of the jobs added, with attempt figures aggregated by the store.
   *
   * @param succeeded the succeeded attempts in the window
   * @param failed the failed attempts in the window
   * @param average the average run time, or null without attempts
   * @param p95 the 95th-percentile run time, or null without attempts
   * @return the figures
   */
  public JobStats result(
      long succeeded, long failed, @Nullable Duration average, @Nullable Duration p95) {
    return new JobStats(
        query.tenant(),
        query.queue(),
        counts,
        oldestDue,
        query.since(),
        now,
        succeeded,
        failed,
        average,
        p95);
  }

  /** The 1-based nearest rank of percentile {@code p} (0 to 1) among {@code n} sorted samples. */
  static int nearestRank(double p, int n) {
    return Math.max(1, (int) Math.ceil(p * n));
  }
}
