package com.techradium.iris.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Stats across every queue and per queue, as returned by {@link JobQueue#stats(
 * com.techradium.iris.core.TenantId)} and {@link JobQueue#deploymentStats()}.
 *
 * @param overall figures over all queues together
 * @param byQueue figures of each configured queue, by name
 */
public record JobStatsSummary(JobStats overall, Map<String, JobStats> byQueue) {
  /**
   * Creates a {@code JobStatsSummary}, checking its components.
   *
   * @param overall figures over all queues together
   * @param byQueue figures of each configured queue, by name
   */
  public JobStatsSummary {
    Objects.requireNonNull(overall, "overall");
    byQueue = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byQueue));
  }

  /**
   * The figures of one queue, if it is configured.
   *
   * @param name the queue's name
   * @return its figures, or empty for an unknown queue
   */
  public java.util.Optional<JobStats> queue(String name) {
    return java.util.Optional.ofNullable(byQueue.get(name));
  }
}
