package com.techradium.iris.job.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The order in which due jobs of a queue are claimed: higher priority first, first in first out
 * within a priority, with aging so that low priorities are never starved.
 *
 * <p>The rule: a job's effective priority grows by one for every {@link #AGING_STEP} it has been
 * due. Ordering by effective priority {@code p + (now - runAt) / step} descending is the same as
 * ordering by the time-independent <em>rank</em> {@code runAt - p × step} ascending, so a store can
 * compute the rank once when it writes the job and index it: an SQL {@code ORDER BY rank, id} or a
 * Redis sorted-set score. Ties break on the job id (creation order).
 *
 * <p>With a step of one minute, a priority-0 job due for ten minutes ranks with a priority-10 job
 * that has just become due.
 */
public final class JobOrdering {
  /** How long a due job waits to gain one level of effective priority. */
  public static final Duration AGING_STEP = Duration.ofMinutes(1);

  private JobOrdering() {}

  /**
   * The rank in epoch milliseconds: smaller ranks are claimed first.
   *
   * @param priority the job's priority, 0 to 10
   * @param runAt the job's run-at time
   * @return the rank
   */
  public static long rank(int priority, Instant runAt) {
    return runAt.toEpochMilli() - priority * AGING_STEP.toMillis();
  }
}
