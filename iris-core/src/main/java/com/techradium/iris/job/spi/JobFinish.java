package com.techradium.iris.job.spi;

import java.util.Objects;

/**
 * One entry of a batched completion, {@link JobStore#finishAll}: the lease its caller believes it
 * holds and how the attempt ended.
 *
 * @param lease the claimed job and the token of the claim
 * @param outcome how the running attempt ended
 */
public record JobFinish(LeaseRef lease, JobOutcome outcome) {
  /**
   * Creates a {@code JobFinish}, checking its components.
   *
   * @param lease the claimed job and the token of the claim
   * @param outcome how the running attempt ended
   */
  public JobFinish {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(outcome, "outcome");
  }
}
