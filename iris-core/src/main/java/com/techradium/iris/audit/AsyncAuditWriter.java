package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous batching writer: a bounded buffer drained by one loop on a dedicated thread of
 * the {@link IrisRuntime} ({@link IrisRuntime#startThread}, named {@code <runtime>-audit-writer}),
 * writing batches through the audit log's write path. The loop holds no thread of the runtime's
 * shared pool, so it does not starve other services on a small host. A failed batch is kept and
 * retried with backoff, reported to the {@link AuditListener} and surfaced by {@link #flush}; on
 * stop the buffer is written out within the timeout, the loop returns and its thread ends, and
 * whatever still cannot be written is handed to {@link AuditListener#onEventsNotWritten} and
 * logged. Thread-safe.
 */
final class AsyncAuditWriter implements BackgroundService {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncAuditWriter.class);
  private static final long POLL_MILLIS = 50;
  private static final long FIRST_BACKOFF_MILLIS = 50;

  private final AsyncWriterSettings settings;
  private final Consumer<List<NewAuditRecord>> sink;
  private final AuditListener listener;
  private final ArrayBlockingQueue<NewAuditRecord> buffer;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object monitor = new Object();

  // Guarded by monitor.
  private long accepted;
  private long written;
  private long failures;
  private @Nullable RuntimeException lastFailure;
  private boolean started;
  private boolean stopping;
  private long stopDeadlineNanos = Long.MAX_VALUE;

  AsyncAuditWriter(
      AsyncWriterSettings settings, Consumer<List<NewAuditRecord>> sink, AuditListener listener) {
    this.settings = settings;
    this.sink = sink;
    this.listener = listener;
    this.buffer = new ArrayBlockingQueue<>(settings.capacity());
  }

  @Override
  public String name() {
    return "audit-writer";
  }

  @Override
  public void start(IrisRuntime runtime) {
    synchronized (monitor) {
      if (started) {
        return;
      }
      started = true;
    }
    runtime.startThread(name(), this::run);
  }

  /** Accepts one event or throws {@link AuditBufferFullException}; see {@link FullBufferPolicy}. */
  void enqueue(NewAuditRecord record) {
    synchronized (monitor) {
      if (stopping) {
        throw new IllegalStateException("the audit writer is stopped; its runtime was closed");
      }
      accepted++;
    }
    boolean taken;
    try {
      taken =
          settings.whenFull() == FullBufferPolicy.REJECT
              ? buffer.offer(record)
              : buffer.offer(record, settings.blockTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken = false;
    }
    if (!taken) {
      synchronized (monitor) {
        accepted--;
      }
      throw new AuditBufferFullException(
          "the audit buffer is full ("
              + settings.capacity()
              + " events"
              + (settings.whenFull() == FullBufferPolicy.BLOCK
                  ? ", waited " + settings.blockTimeout()
                  : "")
              + "); the event was not recorded");
    }
  }

  /** Whether the writer takes events: its runtime started and is not closing. */
  boolean isRunning() {
    synchronized (monitor) {
      return started && !stopping;
    }
  }

  /** Events accepted and not yet written. */
  long pending() {
    synchronized (monitor) {
      return accepted - written;
    }
  }

  /**
   * Waits until every event accepted before this call is written, or up to {@code timeout}.
   *
   * @throws StorageException if a batch write fails while waiting (the events stay buffered and are
   *     retried) or the timeout passes first
   */
  void flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      if (!started) {
        throw new IllegalStateException(
            "the audit writer has not started: start the IrisRuntime given to AuditLog.builder()");
      }
      long target = accepted;
      long failuresBefore = failures;
      while (written < target) {
        if (failures > failuresBefore) {
          throw new StorageException(
              "audit events could not be written yet; they stay buffered and are retried",
              lastFailure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StorageException(
              "audit events not written within " + timeout,
              new java.util.concurrent.TimeoutException());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(monitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted while flushing audit events", e);
        }
      }
    }
  }

  @Override
  public void stop(Duration timeout) {
    boolean neverStarted;
    synchronized (monitor) {
      stopping = true;
      // Leave a quarter of the timeout (at most 2 s) to report what could not be written.
      long reserve = Math.min(timeout.toNanos() / 4, Duration.ofSeconds(2).toNanos());
      stopDeadlineNanos = System.nanoTime() + timeout.toNanos() - reserve;
      monitor.notifyAll();
      neverStarted = !started;
    }
    if (neverStarted) {
      // The runtime closes without having started: write what was enqueued on this thread.
      run();
      return;
    }
    try {
      if (!finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.error("audit writer did not finish within {}; {} events pending", timeout, pending());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<NewAuditRecord> batch = new ArrayList<>(settings.batchSize());
    long backoff = FIRST_BACKOFF_MILLIS;
    try {
      while (true) {
        if (batch.isEmpty()) {
          NewAuditRecord first = buffer.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (isStopping()) {
              return;
            }
            continue;
          }
          batch.add(first);
          buffer.drainTo(batch, settings.batchSize() - 1);
        }
        try {
          sink.accept(batch);
          synchronized (monitor) {
            written += batch.size();
            monitor.notifyAll();
          }
          batch.clear();
          backoff = FIRST_BACKOFF_MILLIS;
        } catch (RuntimeException e) {
          synchronized (monitor) {
            failures++;
            lastFailure = e;
            monitor.notifyAll();
          }
          LOG.warn("audit writer: batch of {} events failed; retrying", batch.size(), e);
          notifyFailure(batch.size(), e);
          if (pastStopDeadline()) {
            giveUp(batch, e);
            return;
          }
          pause(backoff);
          backoff = Math.min(backoff * 2, settings.maxRetryBackoff().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      List<NewAuditRecord> rest = new ArrayList<>(batch);
      buffer.drainTo(rest);
      if (!rest.isEmpty()) {
        giveUp(rest, new StorageException("audit writer interrupted", e));
      }
    } finally {
      finished.countDown();
    }
  }

  private void giveUp(List<NewAuditRecord> batch, RuntimeException cause) {
    List<NewAuditRecord> rest = new ArrayList<>(batch);
    buffer.drainTo(rest);
    LOG.error(
        "audit writer stopping: {} events could not be written; ids {}",
        rest.size(),
        rest.stream().map(r -> r.id().toString()).toList(),
        cause);
    try {
      listener.onEventsNotWritten(List.copyOf(rest), cause);
    } catch (RuntimeException e) {
      LOG.warn("audit listener failed", e);
    }
  }

  private void notifyFailure(int size, RuntimeException cause) {
    try {
      listener.onWriteFailed(size, cause);
    } catch (RuntimeException e) {
      LOG.warn("audit listener failed", e);
    }
  }

  private boolean isStopping() {
    synchronized (monitor) {
      return stopping;
    }
  }

  private boolean pastStopDeadline() {
    synchronized (monitor) {
      return stopping && System.nanoTime() - stopDeadlineNanos >= 0;
    }
  }

  private void pause(long millis) throws InterruptedException {
    synchronized (monitor) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      if (stopping) {
        deadline = Math.min(deadline, stopDeadlineNanos);
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
    }
  }
}
