package com.techradium.iris.job;

import java.util.Objects;

/**
 * One job of an enqueue: the stored job and whether this call created it ({@code false} when an
 * idempotency key matched an existing job, which is returned instead).
 */
public record EnqueueResult(Job job, boolean created) {
  public EnqueueResult {
    Objects.requireNonNull(job, "job");
  }
}
