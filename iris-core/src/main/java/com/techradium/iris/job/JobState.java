package com.techradium.iris.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job is in its life.
 *
 * <pre>
 *   BLOCKED --parents completed--> SCHEDULED / QUEUED --claim--> RUNNING --> COMPLETED
 *                                        ^                          |   \--> FAILED --due--> RUNNING
 *                                        +------ release / expiry --+    \-> DEAD, CANCELLED
 * </pre>
 *
 * <p>A job is <em>claimable</em> when its state is {@link #SCHEDULED}, {@link #QUEUED} or {@link
 * #FAILED} and its {@link Job#runAt()} is not after the current time: a scheduled job whose time
 * has come keeps the state {@code SCHEDULED} until it is claimed.
 */
public enum JobState {
  /** Waiting for one or more parent jobs to complete. */
  BLOCKED,
  /** Waiting for its run-at time, which was in the future when it entered this state. */
  SCHEDULED,
  /** Due: waiting for a worker. */
  QUEUED,
  /** Claimed by a worker that holds its lease. */
  RUNNING,
  /** Finished successfully. Terminal. */
  COMPLETED,
  /** The last attempt failed; another attempt runs at {@link Job#runAt()}. */
  FAILED,
  /** Attempts exhausted, or failed because a parent failed. Terminal. */
  DEAD,
  /** Cancelled by a caller, or because a parent failed under {@link ParentFailurePolicy#CANCEL}. */
  CANCELLED;

  private static final Set<JobState> CLAIMABLE = EnumSet.of(SCHEDULED, QUEUED, FAILED);
  private static final Set<JobState> TERMINAL = EnumSet.of(COMPLETED, DEAD, CANCELLED);

  /**
   * Whether a worker may claim a job in this state once its run-at time has come.
   *
   * @return true for QUEUED, SCHEDULED and FAILED
   */
  public boolean isClaimable() {
    return CLAIMABLE.contains(this);
  }

  /**
   * Whether the job will never run again on its own (completed, dead or cancelled).
   *
   * @return true for COMPLETED, DEAD and CANCELLED
   */
  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /**
   * Whether the job's fields may still be updated: neither running nor terminal.
   *
   * @return true unless RUNNING or terminal
   */
  public boolean isUpdatable() {
    return this != RUNNING && !isTerminal();
  }
}
