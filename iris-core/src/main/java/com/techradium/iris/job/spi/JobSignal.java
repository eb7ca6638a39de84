package com.techradium.iris.job.spi;

import java.util.function.Consumer;

/**
 * Push notification that jobs may have become due, offered by stores that can deliver it
 * (PostgreSQL {@code LISTEN/NOTIFY}, Redis pub/sub, the in-memory store directly). Workers
 * subscribe when they start so an idle worker claims a new job at once instead of at its next poll;
 * polling stays the fallback, so a lost or late signal only costs latency.
 *
 * <p>Implementations are thread-safe. They start whatever listening they need on the first
 * subscription and stop it when the last one is closed; the host-owned clients they use are not
 * closed.
 */
public interface JobSignal {
  /**
   * Calls {@code listener} with a queue's name whenever jobs of that queue may have become due (on
   * enqueue of a due job, release, retry-now, a child released by its parents, a lapsed lease
   * requeued). The listener must return quickly and never throw; it may be called from any thread,
   * possibly more than once per event.
   *
   * @param listener receives queue names
   * @return a handle that stops the notifications when closed
   */
  Subscription subscribe(Consumer<String> listener);

  /** An active subscription; closing it stops the calls. */
  interface Subscription extends AutoCloseable {
    /** Stops delivering to the listener. Idempotent. */
    @Override
    void close();
  }
}
