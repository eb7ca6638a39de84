package com.techradium.iris.job;

import java.util.Objects;

/**
 * One job of an enqueue: the stored job and whether this call created it ({@code false} when an
 * idempotency key matched an existing job, which is returned instead).
 *
 * @param job the stored job: the new one, or the existing one holding the idempotency key
 * @param created true if this call created the job
 */
public record EnqueueResult(Job job, boolean created) {
  /**
   * Creates an {@code EnqueueResult}, checking its components.
   *
   * @param job the stored job: the new one, or the existing one holding the idempotency key
   * @param created true if this call created the job
   */
  public EnqueueResult {
    Objects.requireNonNull(job, "job");
  }
}
