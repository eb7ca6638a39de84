package com.techradium.iris.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a job's attempt history.
 *
 * @param jobId the job
 * @param number the job's attempt count when the attempt started (1 for the first)
 * @param owner the worker that ran it
 * @param startedAt when it was claimed
 * @param finishedAt when it ended
 * @param outcome how it ended
 * @param error the error, for anything but {@link AttemptOutcome#SUCCEEDED}; may be null
 */
public record JobAttempt(
    UUID jobId,
    int number,
    String owner,
    Instant startedAt,
    Instant finishedAt,
    AttemptOutcome outcome,
    @Nullable String error) {
  /**
   * Creates a {@code JobAttempt}, checking its components.
   *
   * @param jobId the job
   * @param number the job's attempt count when the attempt started (1 for the first)
   * @param owner the worker that ran it
   * @param startedAt when it was claimed
   * @param finishedAt when it ended
   * @param outcome how it ended
   * @param error the error, for anything but {@link AttemptOutcome#SUCCEEDED}; may be null
   */
  public JobAttempt {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * How long the attempt ran.
   *
   * @return the time from start to finish
   */
  public Duration runTime() {
    return Duration.between(startedAt, finishedAt);
  }
}
