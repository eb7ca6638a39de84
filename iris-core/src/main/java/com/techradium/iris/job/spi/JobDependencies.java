package com.techradium.iris.job.spi;

import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What happens to a blocked child when a parent ends, for store authors. When a parent completes, a
 * child whose parents have all completed is {@linkplain #released released}; when a parent dies or
 * is cancelled, every blocked child is {@linkplain #failed failed} by its {@link
 * ParentFailurePolicy}, and so on down the chain.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobDependencies {
  private JobDependencies() {}

  /**
   * The last error of a child whose parent {@code parent} ended in {@code state}.
   *
   * @param parent the parent's id
   * @param state the parent's terminal state
   * @return the error text
   */
  public static String parentFailure(UUID parent, JobState state) {
    return "parent " + parent + " is " + state.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state a child takes when a parent dies or is cancelled, by its policy.
   *
   * @param policy the child's policy
   * @return {@link JobState#DEAD} or {@link JobState#CANCELLED}
   */
  public static JobState failedState(ParentFailurePolicy policy) {
    return policy == ParentFailurePolicy.FAIL ? JobState.DEAD : JobState.CANCELLED;
  }

  /**
   * The blocked {@code child} once all its parents completed: due at its run-at or now.
   *
   * @param child the blocked job
   * @param now the facade's current time
   * @return the child, scheduled or queued
   */
  public static Job released(Job child, Instant now) {
    Instant runAt = child.runAt().isAfter(now) ? child.runAt() : now;
    return child.toBuilder()
        .state(runAt.isAfter(now) ? JobState.SCHEDULED : JobState.QUEUED)
        .runAt(runAt)
        .updatedAt(now)
        .build();
  }

  /**
   * The blocked {@code child} once {@code parent} died or was cancelled.
   *
   * @param child the blocked job
   * @param parent the parent that died or was cancelled
   * @param now the facade's current time
   * @return the child, dead or cancelled per its policy
   */
  public static Job failed(Job child, Job parent, Instant now) {
    return child.toBuilder()
        .state(failedState(child.parentFailurePolicy()))
        .lastError(parentFailure(parent.id(), parent.state()))
        .finishedAt(now)
        .updatedAt(now)
        .build();
  }
}
