package com.techradium.iris.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of {@link DeferredWork} to store and run later.
 *
 * @param tenant whose work it is
 * @param queue the job queue that runs it, e.g. {@code "webhooks"}
 * @param type the work type its handler was registered for
 * @param payload a JSON document handed back to the handler
 * @param runAt when it becomes due; null for now
 * @param maxAttempts how many failed runs (a thrown handler, a lost worker) before it is given up,
 *     1-1000
 * @param idempotencyKey submitting again with this key returns the existing item; null for none
 */
public record WorkItem(
    TenantId tenant,
    String queue,
    String type,
    String payload,
    @Nullable Instant runAt,
    int maxAttempts,
    @Nullable String idempotencyKey) {
  /**
   * Creates a {@code WorkItem}, checking its components.
   *
   * @param tenant whose work it is
   * @param queue the job queue that runs it, e.g. {@code "webhooks"}
   * @param type the work type its handler was registered for
   * @param payload a JSON document handed back to the handler
   * @param runAt when it becomes due; null for now
   * @param maxAttempts how many failed runs (a thrown handler, a lost worker) before it is given
   *     up, 1-1000
   * @param idempotencyKey submitting again with this key returns the existing item; null for none
   * @throws IllegalArgumentException if a component is out of range
   */
  public WorkItem {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    if (maxAttempts < 1 || maxAttempts > 1000) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and 1000, got " + maxAttempts);
    }
  }
}
