package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.job.QueueConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * @param schedules the configurations, by queue name, of requested queues whose claims are
 *     scheduled by tenant ({@link QueueConfig#schedulesTenants()}: fair share, a per-tenant cap, a
 *     rate); the store claims those under {@link TenantClaims}, the others by rank alone. The
 *     worker passes the configurations as it last read them.
 */
public record ClaimRequest(
    Set<String> queues,
    @Nullable TenantId tenant,
    int limit,
    String owner,
    Duration leaseDuration,
    Map<String, QueueConfig> schedules) {
  /**
   * Creates a {@code ClaimRequest}, checking its components and copying its collections.
   *
   * @param queues the queues to take from (at least one)
   * @param tenant only this tenant's jobs, or null for every tenant (workers normally serve all)
   * @param limit at most this many jobs, 1-1000
   * @param owner the claiming worker's name, recorded in the lease
   * @param leaseDuration how long each lease lasts before it must be renewed
   * @param schedules the configurations, by queue name, of requested queues whose claims are
   *     scheduled by tenant; each must be one of {@code queues}, under its own name, and schedule
   *     tenants
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public ClaimRequest {
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(schedules, "schedules");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Validation v = Validation.of();
    v.check(!queues.isEmpty(), "queues", "must name at least one queue");
    v.range("limit", limit, 1, 1000);
    v.text("owner", owner, 200);
    v.check(leaseDuration.toMillis() >= 1, "leaseDuration", "must be at least 1 ms");
    for (Map.Entry<String, QueueConfig> e : schedules.entrySet()) {
      v.check(
          queues.contains(e.getKey())
              && e.getValue().name().equals(e.getKey())
              && e.getValue().schedulesTenants(),
          "schedules[" + e.getKey() + "]",
          "must be the configuration of a requested queue that schedules tenants");
    }
    v.throwIfInvalid();
    queues = Set.copyOf(queues);
    schedules = Map.copyOf(schedules);
  }

  /**
   * A request without tenant scheduling: every queue claimed by rank alone.
   *
   * @param queues the queues to take from (at least one)
   * @param tenant only this tenant's jobs, or null for every tenant (workers normally serve all)
   * @param limit at most this many jobs, 1-1000
   * @param owner the claiming worker's name, recorded in the lease
   * @param leaseDuration how long each lease lasts before it must be renewed
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public ClaimRequest(
      Set<String> queues,
      @Nullable TenantId tenant,
      int limit,
      String owner,
      Duration leaseDuration) {
    this(queues, tenant, limit, owner, leaseDuration, Map.of());
  }

  /**
   * The same request, claiming {@code config}'s queue under its tenant scheduling if it has any
   * ({@link QueueConfig#schedulesTenants()}); a configuration without any is left out.
   *
   * @param config the configuration of one of the requested queues
   * @return the request
   * @throws com.techradium.iris.core.ValidationException if {@code config} schedules tenants and
   *     its queue is not one of the requested queues
   */
  public ClaimRequest withQueueConfig(QueueConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, QueueConfig> next = new HashMap<>(schedules);
    if (config.schedulesTenants()) {
      next.put(config.name(), config);
    } else {
      next.remove(config.name());
    }
    return new ClaimRequest(queues, tenant, limit, owner, leaseDuration, next);
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
