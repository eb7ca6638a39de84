package com.techradium.iris.benchmarks.job;

import java.util.concurrent.atomic.AtomicLong;

/** The no-op handler every library runs: counts the jobs it was given. */
public final class NoOpJobs {
  static final AtomicLong DONE = new AtomicLong();
  static final AtomicLong ENQUEUED = new AtomicLong();

  private NoOpJobs() {}

  /** The job body JobRunr runs (it needs a public static method it can call by name). */
  public static void run(Integer n) {
    DONE.incrementAndGet();
  }

  /**
   * Counts {@code count} jobs just enqueued and waits until every job enqueued before them ran: one
   * batch stays in flight while the next is enqueued, so workers never idle between batches.
   */
  static void enqueuedThenAwaitPrevious(int count) {
    awaitDone(ENQUEUED.addAndGet(count) - count);
  }

  /** Waits until every job enqueued so far ran. */
  static void awaitAll() {
    awaitDone(ENQUEUED.get());
  }

  /** Waits until {@code target} jobs ran in total. */
  static void awaitDone(long target) {
    while (DONE.get() < target) {
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(20_000);
    }
  }
}
