package com.techradium.iris.core;

import java.util.Objects;
import java.util.UUID;

/**
 * One run of a {@link WorkItem}, as its {@link DeferredWork.Handler} sees it.
 *
 * @param id the runner's id of the item (the job's id), the same on every run
 * @param tenant whose work it is
 * @param type the work type
 * @param payload the item's JSON payload
 * @param attempt which run this is, counting runs that failed or were lost: 1 for the first
 */
public record DeferredRun(UUID id, TenantId tenant, String type, String payload, int attempt) {
  /**
   * Creates a {@code DeferredRun}, checking its components.
   *
   * @param id the runner's id of the item (the job's id), the same on every run
   * @param tenant whose work it is
   * @param type the work type
   * @param payload the item's JSON payload
   * @param attempt which run this is, counting runs that failed or were lost: 1 for the first
   */
  public DeferredRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }
}
