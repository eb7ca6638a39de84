package com.techradium.iris.job;

/**
 * How a queue orders its claims across tenants ({@link QueueConfig#claimOrder}). Within one tenant
 * jobs always go by priority, then first in first out, with aging ({@link
 * com.techradium.iris.job.spi.JobOrdering}).
 */
public enum ClaimOrder {
  /**
   * Strict priority across tenants, the default: the best-ranked due jobs of the queue go first,
   * whichever tenant they belong to; one tenant's large backlog delays every other tenant's jobs of
   * the same or a lower priority until it drains.
   */
  STRICT_PRIORITY,
  /**
   * Weighted fair share across tenants: each claim serves the tenants with due jobs in turn, in
   * proportion to their weights ({@link QueueConfig#tenantWeights}, 1 by default), so a tenant with
   * a large backlog gets its share and not all of it. Priorities order each tenant's own jobs but
   * do not let one tenant overtake another.
   */
  FAIR_SHARE
}
