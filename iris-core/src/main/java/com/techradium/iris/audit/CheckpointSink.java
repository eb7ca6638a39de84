package com.techradium.iris.audit;

/**
 * Receives every checkpoint the audit log signs (periodic, on demand and before retention deletes),
 * right after it is saved in the store, so the host can keep a copy outside the database: a file
 * ({@link FileCheckpointSink}), an object store with write-once retention, a transparency log.
 * Checkpoints held there let {@link AuditLog#verify(com.techradium.iris.core.TenantId,
 * java.util.Collection)} detect what the database alone cannot: a tail cut off together with the
 * checkpoints that covered it.
 *
 * <p>Called on the thread that recorded the event (or ran the chore); keep it short or hand the
 * checkpoint to a queue. A sink that throws is logged and does not fail the write that led to the
 * checkpoint: the events are already durable. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CheckpointSink {

  /**
   * Publishes one signed checkpoint.
   *
   * @param checkpoint the checkpoint, already stored
   */
  void publish(Checkpoint checkpoint);
}
