package com.techradium.iris.job.spi;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import java.time.Instant;

/**
 * The transition of {@link JobStore#cancel}, for store authors: a cancelled job stays as it is, a
 * completed or dead one cannot be cancelled, a running one is flagged ({@link
 * Job#cancelRequested()}) for its handler to see, and any other becomes {@link JobState#CANCELLED}
 * at once. When the result is newly cancelled, the store then moves the job's children on as {@link
 * JobDependencies} describes.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobCancel {
  private JobCancel() {}

  /**
   * {@code job} cancelled at {@code now}.
   *
   * @param job the job as stored
   * @param now the time of the operation
   * @return the job after the cancellation (the same job if it was already cancelled), not yet
   *     stored
   * @throws ConflictException if the job is completed or dead
   */
  public static Job apply(Job job, Instant now) {
    switch (job.state()) {
      case CANCELLED:
        return job;
      case COMPLETED:
      case DEAD:
        throw new ConflictException("job " + job.id() + " is " + job.state() + " already");
      case RUNNING:
        return job.toBuilder().cancelRequested(true).updatedAt(now).build();
      default:
        return job.toBuilder().state(JobState.CANCELLED).finishedAt(now).updatedAt(now).build();
    }
  }
}
