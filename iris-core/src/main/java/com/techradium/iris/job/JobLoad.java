package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one tenant has waiting and running in one queue at one moment: a row of the operator view
 * ({@link JobQueue#deploymentLoad()}, {@link JobQueue#load(TenantId)}).
 *
 * <p>A job is <em>waiting</em> when it is claimable and due ({@link JobState#SCHEDULED}, {@link
 * JobState#QUEUED} or {@link JobState#FAILED} with its run-at not after {@code asOf}): a worker
 * could take it now. Jobs whose run-at is still ahead, blocked jobs and finished jobs are not
 * counted.
 *
 * @param queue the queue's name
 * @param tenant the tenant
 * @param waiting due jobs waiting for a worker
 * @param running jobs a worker holds the lease of
 * @param oldestWaitingSince the earliest run-at among the waiting jobs, or null if none waits
 * @param asOf when the figures were taken
 */
public record JobLoad(
    String queue,
    TenantId tenant,
    long waiting,
    long running,
    @Nullable Instant oldestWaitingSince,
    Instant asOf) {

  /**
   * Creates a {@code JobLoad}, checking its components.
   *
   * @param queue the queue's name
   * @param tenant the tenant
   * @param waiting due jobs waiting for a worker
   * @param running jobs a worker holds the lease of
   * @param oldestWaitingSince the earliest run-at among the waiting jobs, or null if none waits
   * @param asOf when the figures were taken
   * @throws IllegalArgumentException if a count is negative, or if jobs wait without an oldest
   *     run-at (or the other way round)
   */
  public JobLoad {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(asOf, "asOf");
    if (waiting < 0 || running < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if ((waiting > 0) != (oldestWaitingSince != null)) {
      throw new IllegalArgumentException("an oldest run-at is given exactly when jobs wait");
    }
  }

  /**
   * How long the oldest waiting job has been due.
   *
   * @return its wait, or empty if no job waits
   */
  public Optional<Duration> oldestWaitingAge() {
    return oldestWaitingSince == null
        ? Optional.empty()
        : Optional.of(Duration.between(oldestWaitingSince, asOf));
  }
}
