package com.techradium.iris.job;

import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the outcomes of finished attempts for a {@link JobWorker}, so that attempts finishing
 * close together share store calls ({@link JobStore#finishAll}) instead of one call each.
 *
 * <p>Group commit, without a timer: an outcome handed over while no call is in progress starts a
 * write at once on the given executor, so an otherwise idle worker adds no delay; outcomes handed
 * over while a call is in progress wait for it and then go together in the next call (at most
 * {@value #MAX_BATCH} per call), made by the same writing task. One write runs at a time. Each
 * entry keeps the lease of its claim, so the store still refuses an outcome whose lease was taken
 * over. Thread-safe.
 */
final class CompletionBatcher {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionBatcher.class);

  /** The most outcomes written by one store call. */
  static final int MAX_BATCH = 100;

  /** What a handed-over outcome's owner is told once the store answered. */
  interface Callback {
    /**
     * @param after the job after its outcome was recorded, or empty if its lease was no longer held
     * @param failure the store's failure, in which case nothing is known to be recorded
     */
    void recorded(Optional<Job> after, @Nullable RuntimeException failure);
  }

  private record Entry(JobFinish finish, Callback callback) {}

  private final JobStore store;
  private final Supplier<Instant> clock;
  private final Runnable afterWrite;
  private final Executor executor;
  private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();

  /**
   * @param clock the time of each write ({@code finishedAt} of its jobs)
   * @param afterWrite run after each store call, e.g. to claim more work
   * @param executor runs the writing task (a rejected task runs on the handing thread)
   */
  CompletionBatcher(
      JobStore store, Supplier<Instant> clock, Runnable afterWrite, Executor executor) {
    this.store = store;
    this.clock = clock;
    this.afterWrite = afterWrite;
    this.executor = executor;
  }

  /**
   * Hands over one outcome; {@code callback} runs, on the writing task, once the store answered.
   */
  void submit(JobFinish finish, Callback callback) {
    pending.incrementAndGet();
    queue.add(new Entry(finish, callback));
    startWriting();
  }

  /** Outcomes handed over and not yet answered by the store. */
  int pending() {
    return pending.get();
  }

  /**
   * Starts writing whatever waits, if no write runs, and waits up to {@code timeout} until every
   * outcome handed over was answered.
   *
   * @return whether nothing is pending any more
   */
  boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    startWriting();
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      startWriting();
    }
    return pending.get() == 0;
  }

  private void startWriting() {
    if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
      try {
        executor.execute(this::write);
      } catch (RejectedExecutionException e) {
        write();
      }
    }
  }

  /** The writing task: runs while it holds {@code writing}, until nothing waits. */
  private void write() {
    try {
      while (!queue.isEmpty()) {
        writeBatch();
      }
    } finally {
      writing.set(false);
    }
    startWriting(); // an outcome handed over just before the flag dropped
  }

  private void writeBatch() {
    List<Entry> batch = new ArrayList<>(Math.min(MAX_BATCH, pending.get()));
    Entry next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    List<JobFinish> finishes = new ArrayList<>(batch.size());
    batch.forEach(e -> finishes.add(e.finish()));
    List<Optional<Job>> results = null;
    RuntimeException failure = null;
    try {
      results = store.finishAll(finishes, clock.get());
    } catch (RuntimeException e) {
      failure = e;
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        batch
            .get(i)
            .callback()
            .recorded(results == null ? Optional.empty() : results.get(i), failure);
      } catch (RuntimeException e) {
        LOG.warn("a job outcome callback failed", e);
      }
    }
    pending.addAndGet(-batch.size());
    afterWrite.run();
  }
}
