package com.techradium.iris.audit.memory;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.audit.spi.AuditPosition;
import com.techradium.iris.audit.spi.ChainHead;
import java.util.EnumMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** One tenant's chains, time index, checkpoints and legal hold; guarded by {@link #lock}. */
final class TenantLog {
  final ReentrantLock lock = new ReentrantLock();
  final EnumMap<AuditCategory, ChainHead> heads = new EnumMap<>(AuditCategory.class);
  final EnumMap<AuditCategory, TreeMap<Long, AuditRecord>> chains =
      new EnumMap<>(AuditCategory.class);
  final EnumMap<AuditCategory, TreeMap<Long, Checkpoint>> checkpoints =
      new EnumMap<>(AuditCategory.class);
  final TreeMap<AuditPosition, AuditRecord> byTime = new TreeMap<>();
  boolean legalHold;

  TreeMap<Long, AuditRecord> chain(AuditCategory category) {
    return chains.computeIfAbsent(category, c -> new TreeMap<>());
  }

  TreeMap<Long, Checkpoint> checkpoints(AuditCategory category) {
    return checkpoints.computeIfAbsent(category, c -> new TreeMap<>());
  }

  void put(AuditRecord record) {
    chain(record.category()).put(record.sequence(), record);
    byTime.put(AuditPosition.of(record), record);
  }

  boolean hasEvents() {
    lock.lock();
    try {
      return !heads.isEmpty();
    } finally {
      lock.unlock();
    }
  }
}
