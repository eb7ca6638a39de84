package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link JobStore#stats} measures.
 *
 * @param tenant one tenant's jobs, or null for every tenant
 * @param queue one queue, or null for every queue
 * @param since start of the window for attempt figures (throughput, run times, failures)
 */
public record StatsQuery(@Nullable TenantId tenant, @Nullable String queue, Instant since) {
  /**
   * Creates a {@code StatsQuery}, checking its components.
   *
   * @param tenant one tenant's jobs, or null for every tenant
   * @param queue one queue, or null for every queue
   * @param since start of the window for attempt figures (throughput, run times, failures)
   */
  public StatsQuery {
    Objects.requireNonNull(since, "since");
  }
}
