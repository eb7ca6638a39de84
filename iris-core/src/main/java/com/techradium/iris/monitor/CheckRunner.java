package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.CheckVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs checks: inline on the caller's thread, or on a bounded executor with a timeout kept by the
 * runtime's scheduler. A run that throws is recorded as down with the exception's class and
 * message; a run that outlives its timeout is recorded as down ("timed out after ...") and
 * interrupted, and the component is not run again until that run returns.
 */
final class CheckRunner {
  /** Turns a finished run into a stored result. */
  interface Recorder {
    CheckResult record(ComponentEntry entry, Instant at, CheckVerdict verdict, Duration latency);
  }

  private final Recorder recorder;

  CheckRunner(Recorder recorder) {
    this.recorder = recorder;
  }

  /** Runs the check on this thread (no timeout is enforced beyond the check's own). */
  CheckResult runInline(ComponentEntry entry, Instant at) {
    long start = System.nanoTime();
    CheckVerdict verdict = runSafely(entry.component);
    return recorder.record(entry, at, verdict, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Starts a run on {@code executor} unless one is in flight, and returns the future of its result
   * (the in-flight one's if there is one). The result is recorded by the run's thread, or, on
   * timeout, by a task on {@code recorderPool}.
   */
  CompletableFuture<CheckResult> launch(
      ComponentEntry entry,
      Instant at,
      ExecutorService executor,
      ScheduledExecutorService timer,
      Executor recorderPool) {
    CompletableFuture<CheckResult> done = new CompletableFuture<>();
    CompletableFuture<CheckResult> current = entry.slot.compareAndExchange(null, done);
    if (current != null) {
      return current;
    }
    AtomicBoolean settled = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    Duration timeout = entry.component.timeout();
    long t0 = System.nanoTime();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                started.set(true);
                CheckVerdict verdict = CheckVerdict.down("interrupted");
                try {
                  verdict = runSafely(entry.component);
                } finally {
                  if (settled.compareAndSet(false, true)) {
                    // recorded before the component is free again, so a second run cannot
                    // overtake this one, and before the caller of runNow sees the result
                    finish(
                        entry, at, verdict, Duration.ofNanos(System.nanoTime() - t0), done, true);
                  } else {
                    entry.slot.compareAndSet(done, null);
                  }
                }
              });
    } catch (RejectedExecutionException e) {
      entry.slot.compareAndSet(done, null);
      done.completeExceptionally(e);
      return done;
    }
    timer.schedule(
        () -> {
          if (settled.compareAndSet(false, true)) {
            task.cancel(true);
            if (!started.get()) {
              entry.slot.compareAndSet(done, null);
            }
            CheckVerdict late = CheckVerdict.down("timed out after " + timeout);
            recorderPool.execute(() -> finish(entry, at, late, timeout, done, false));
          }
        },
        timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    return done;
  }

  private void finish(
      ComponentEntry entry,
      Instant at,
      CheckVerdict verdict,
      Duration latency,
      CompletableFuture<CheckResult> done,
      boolean free) {
    CheckResult result = null;
    RuntimeException failure = null;
    try {
      result = recorder.record(entry, at, verdict, latency);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      if (free) {
        entry.slot.compareAndSet(done, null);
      }
    }
    if (failure != null) {
      done.completeExceptionally(failure);
    } else {
      done.complete(result);
    }
  }

  /** The check's verdict, or down with the reason if it threw. */
  static CheckVerdict runSafely(Component component) {
    try {
      CheckVerdict verdict = component.check().check(component.timeout());
      return verdict != null ? verdict : CheckVerdict.down("check returned no verdict");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckVerdict.down("interrupted");
    } catch (Exception | LinkageError | StackOverflowError e) {
      String message = e.getMessage();
      return CheckVerdict.down(
          e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
  }

  /** Waits for a launched run's result: its timeout, two ticks and 5 s of grace at most. */
  static CheckResult await(
      ComponentEntry entry, CompletableFuture<CheckResult> future, Duration tick) {
    String component = entry.name();
    Duration wait = entry.component.timeout().plusSeconds(5).plus(tick.multipliedBy(2));
    try {
      return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + component, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("check " + component + " could not run", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("check " + component + " did not report in " + wait, e);
    }
  }
}
