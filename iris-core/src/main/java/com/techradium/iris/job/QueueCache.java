package com.techradium.iris.job;

import com.techradium.iris.job.spi.JobStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The queue configurations an enqueue is checked and defaulted against, read from the store at most
 * once per interval (the worker's poll interval) instead of once per enqueue. A queue name it does
 * not know makes it read again at once, so a queue just created on another node is never refused;
 * this node's own queue changes clear it. Another node's change to an existing queue's defaults
 * (priority, attempts) reaches enqueues here within the interval, as it reaches the worker.
 * Thread-safe.
 */
final class QueueCache {
  private record Snapshot(Map<String, QueueConfig> byName, long readAt) {}

  private final JobStore store;
  private final long maxAgeNanos;
  private volatile @Nullable Snapshot snapshot;

  QueueCache(JobStore store, Duration maxAge) {
    this.store = store;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /** The queues by name, as read within the interval. */
  Map<String, QueueConfig> current() {
    Snapshot s = snapshot;
    if (s != null && System.nanoTime() - s.readAt() < maxAgeNanos) {
      return s.byName();
    }
    return refreshed();
  }

  /** The queues by name, read from the store now. */
  Map<String, QueueConfig> refreshed() {
    long readAt = System.nanoTime();
    Map<String, QueueConfig> byName = new HashMap<>();
    store.listQueues().forEach(q -> byName.put(q.name(), q));
    Map<String, QueueConfig> read = Map.copyOf(byName);
    snapshot = new Snapshot(read, readAt);
    return read;
  }

  /** Forgets what was read: the next enqueue reads the queues again. */
  void clear() {
    snapshot = null;
  }
}
