package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and saves the audit log's checkpoints: periodically, after an append crossed a multiple of
 * the interval, and on demand at the head of every chain of a tenant. Thread-safe.
 */
final class CheckpointWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

  private final AuditStore store;
  private final @Nullable CheckpointSigner signer;
  private final long interval;

  /** {@code interval} 0 turns periodic checkpoints off; so does a missing signer. */
  CheckpointWriter(AuditStore store, @Nullable CheckpointSigner signer, long interval) {
    this.store = store;
    this.signer = signer;
    this.interval = signer == null ? 0 : interval;
  }

  /**
   * Signs a checkpoint at every stored event whose sequence is a multiple of the interval. A
   * failure is logged, not thrown: the events are already durable, and the next checkpoint covers
   * them.
   */
  void afterAppend(List<AuditRecord> stored) {
    if (interval == 0 || signer == null) {
      return;
    }
    for (AuditRecord record : stored) {
      if (record.sequence() % interval == 0) {
        try {
          store.saveCheckpoint(
              Checkpoint.sign(
                  signer,
                  record.tenantId(),
                  record.category(),
                  record.sequence(),
                  record.hash(),
                  record.recordedAt()));
        } catch (RuntimeException e) {
          LOG.warn("audit: periodic checkpoint at #{} failed", record.sequence(), e);
        }
      }
    }
  }

  /** Signs and saves a checkpoint at the head of every chain of {@code tenant}. */
  List<Checkpoint> signHeads(CheckpointSigner key, TenantId tenant, Instant now) {
    List<Checkpoint> made = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      Optional<ChainHead> head = store.head(tenant, category);
      if (head.isPresent()) {
        Checkpoint checkpoint =
            Checkpoint.sign(key, tenant, category, head.get().sequence(), head.get().hash(), now);
        store.saveCheckpoint(checkpoint);
        made.add(checkpoint);
      }
    }
    return List.copyOf(made);
  }
}
