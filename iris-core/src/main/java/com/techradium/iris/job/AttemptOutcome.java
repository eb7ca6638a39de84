package com.techradium.iris.job;

/** How one attempt of a job ended. */
public enum AttemptOutcome {
  /** The handler succeeded. */
  SUCCEEDED,
  /** The handler failed or timed out; the attempt counts. */
  FAILED,
  /** The handler asked to run again later; the attempt does not count. */
  RESCHEDULED,
  /** The attempt stopped because the job was cancelled. */
  CANCELLED,
  /** The worker's lease lapsed (it died or stalled); the attempt counts. */
  LEASE_EXPIRED
}
