package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and saves the audit log's checkpoints, and hands each to the {@link CheckpointSink}:
 * periodically, after an append crossed a multiple of the interval or came at least {@code maxAge}
 * after the chain's last checkpoint, and on demand at the head of every chain of a tenant.
 * Thread-safe.
 */
final class CheckpointWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

  private final AuditStore store;
  private final @Nullable CheckpointSigner signer;
  private final long interval;
  private final @Nullable Duration maxAge;
  private final @Nullable CheckpointSink sink;

  /** When this process last signed a checkpoint of each chain, or first appended to it. */
  private final Map<ChainKey, Instant> lastSigned = new ConcurrentHashMap<>();

  private record ChainKey(TenantId tenant, AuditCategory category) {}

  /**
   * {@code interval} 0 turns periodic checkpoints off (the time bound too); so does a missing
   * signer. {@code maxAge} null checkpoints by count only.
   */
  CheckpointWriter(
      AuditStore store,
      @Nullable CheckpointSigner signer,
      long interval,
      @Nullable Duration maxAge,
      @Nullable CheckpointSink sink) {
    this.store = store;
    this.signer = signer;
    this.interval = signer == null ? 0 : interval;
    this.maxAge = maxAge;
    this.sink = sink;
  }

  /**
   * Signs a checkpoint at every stored event whose sequence is a multiple of the interval, and at
   * the last event a batch adds to a chain whose last checkpoint (made by this process) is at least
   * {@code maxAge} older than that event. A failure is logged, not thrown: the events are already
   * durable, and the next checkpoint covers them.
   */
  void afterAppend(List<AuditRecord> stored) {
    if (interval == 0 || signer == null) {
      return;
    }
    Map<ChainKey, AuditRecord> lastOfChain = new LinkedHashMap<>();
    for (AuditRecord record : stored) {
      ChainKey key = new ChainKey(record.tenantId(), record.category());
      if (record.sequence() % interval == 0) {
        sign(key, record);
      }
      lastOfChain.put(key, record);
    }
    if (maxAge == null) {
      return;
    }
    lastOfChain.forEach(
        (key, record) -> {
          Instant last = lastSigned.putIfAbsent(key, record.recordedAt());
          if (last != null
              && record.recordedAt().compareTo(last.plus(maxAge)) >= 0
              && record.sequence() % interval != 0) {
            sign(key, record);
          }
        });
  }

  private void sign(ChainKey key, AuditRecord record) {
    try {
      save(
          Checkpoint.sign(
              signer,
              record.tenantId(),
              record.category(),
              record.sequence(),
              record.hash(),
              record.recordedAt()));
      lastSigned.put(key, record.recordedAt());
    } catch (RuntimeException e) {
      LOG.warn("audit: periodic checkpoint at #{} failed", record.sequence(), e);
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
        save(checkpoint);
        made.add(checkpoint);
      }
    }
    return List.copyOf(made);
  }

  /**
   * Saves a checkpoint in the store, then publishes it to the sink; a failing sink is logged (the
   * checkpoint is saved, and the next one is published again).
   */
  void save(Checkpoint checkpoint) {
    store.saveCheckpoint(checkpoint);
    if (sink != null) {
      try {
        sink.publish(checkpoint);
      } catch (RuntimeException e) {
        LOG.warn(
            "audit: publishing the checkpoint of {} at #{} failed",
            checkpoint.category(),
            checkpoint.sequence(),
            e);
      }
    }
  }
}
