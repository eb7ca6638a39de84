package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Asks {@link JobStore#claim} for due jobs.
 *
 * @param queues the queues to take from (at least one)
 * @param tenant only this tenant's jobs, or null for every tenant (workers normally serve all)
 * @param limit at most this many jobs, 1-1000
 * @param owner the claiming worker's name, recorded in the lease
 * @param leaseDuration how long each lease lasts before it must be renewed
 */
public record ClaimRequest(
    Set<String> queues,
    @Nullable TenantId tenant,
    int limit,
    String owner,
    Duration leaseDuration) {
  /**
   * Creates a {@code ClaimRequest}, checking its components and copying its collections.
   *
   * @param queues the queues to take from (at least one)
   * @param tenant only this tenant's jobs, or null for every tenant (workers normally serve all)
   * @param limit at most this many jobs, 1-1000
   * @param owner the claiming worker's name, recorded in the lease
   * @param leaseDuration how long each lease lasts before it must be renewed
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public ClaimRequest {
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Validation v = Validation.of();
    v.check(!queues.isEmpty(), "queues", "must name at least one queue");
    v.range("limit", limit, 1, 1000);
    v.text("owner", owner, 200);
    v.check(leaseDuration.toMillis() >= 1, "leaseDuration", "must be at least 1 ms");
    v.throwIfInvalid();
    queues = Set.copyOf(queues);
  }

  /**
   * Up to {@code limit} jobs of one queue, any tenant.
   *
   * @param queue the queue to claim from
   * @param limit the most jobs to claim
   * @param owner the claiming node's name, kept in the lease
   * @param leaseDuration how long the lease lasts before it must be renewed
   * @return the request
   */
  public static ClaimRequest of(String queue, int limit, String owner, Duration leaseDuration) {
    return new ClaimRequest(Set.of(queue), null, limit, owner, leaseDuration);
  }
}
