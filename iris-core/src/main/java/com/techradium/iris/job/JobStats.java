package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Figures for a queue (or all queues), for one tenant or all.
 *
 * <p>Attempt figures count attempts that finished in {@code [since, asOf]}: {@code succeeded} those
 * {@link AttemptOutcome#SUCCEEDED}, {@code failed} those {@link AttemptOutcome#FAILED} or {@link
 * AttemptOutcome#LEASE_EXPIRED}. Run times are taken over succeeded and failed attempts ({@code
 * finishedAt - startedAt}, to the millisecond); the 95th percentile is the nearest-rank one (SQL
 * {@code percentile_disc(0.95)}), the average is truncated to the millisecond.
 *
 * @param tenant the tenant measured, or null for all
 * @param queue the queue measured, or null for all
 * @param counts current number of jobs in each state; every state present
 * @param oldestDueAt the earliest {@code runAt} among jobs due and waiting for a worker, or null
 * @param since start of the attempt window
 * @param asOf end of the attempt window (the time of the query)
 * @param succeeded attempts that succeeded in the window
 * @param failed attempts that failed in the window
 * @param averageRunTime mean run time, or null without samples
 * @param p95RunTime 95th percentile run time, or null without samples
 */
public record JobStats(
    @Nullable TenantId tenant,
    @Nullable String queue,
    Map<JobState, Long> counts,
    @Nullable Instant oldestDueAt,
    Instant since,
    Instant asOf,
    long succeeded,
    long failed,
    @Nullable Duration averageRunTime,
    @Nullable Duration p95RunTime) {

  /**
   * Creates a {@code JobStats}, checking its components and copying its collections.
   *
   * @param tenant the tenant measured, or null for all
   * @param queue the queue measured, or null for all
   * @param counts current number of jobs in each state; every state present
   * @param oldestDueAt the earliest {@code runAt} among jobs due and waiting for a worker, or null
   * @param since start of the attempt window
   * @param asOf end of the attempt window (the time of the query)
   * @param succeeded attempts that succeeded in the window
   * @param failed attempts that failed in the window
   * @param averageRunTime mean run time, or null without samples
   * @param p95RunTime 95th percentile run time, or null without samples
   */
  public JobStats {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(asOf, "asOf");
    EnumMap<JobState, Long> all = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      all.put(state, counts.getOrDefault(state, 0L));
    }
    counts = Map.copyOf(all);
  }

  /**
   * Jobs currently in {@code state}.
   *
   * @param state the state
   * @return the number of jobs in it
   */
  public long count(JobState state) {
    return counts.get(state);
  }

  /**
   * Jobs currently stored, in any state.
   *
   * @return the number of jobs
   */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * How long the oldest due job has waited, if one is waiting.
   *
   * @return the wait of the oldest due job, or empty if none waits
   */
  public Optional<Duration> oldestQueuedAge() {
    return oldestDueAt == null
        ? Optional.empty()
        : Optional.of(Duration.between(oldestDueAt, asOf)).filter(d -> !d.isNegative());
  }

  /**
   * Failed attempts as a share of finished ones in the window, 0 to 1 (0 without attempts).
   *
   * @return the failure rate
   */
  public double failureRate() {
    long finished = succeeded + failed;
    return finished == 0 ? 0.0 : (double) failed / finished;
  }

  /**
   * Succeeded attempts per minute over the window.
   *
   * @return the throughput
   */
  public double throughputPerMinute() {
    double minutes = Duration.between(since, asOf).toMillis() / 60_000.0;
    return minutes <= 0 ? 0.0 : succeeded / minutes;
  }
}
