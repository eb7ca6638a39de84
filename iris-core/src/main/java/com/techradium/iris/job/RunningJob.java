package com.techradium.iris.job;

import com.techradium.iris.job.internal.JobNames;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt a {@link JobWorker} runs: calls the handler on a worker thread, renews the lease,
 * enforces the timeout and hands the outcome to the worker's {@link CompletionBatcher}, which
 * records it under the attempt's lease.
 */
final class RunningJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningJob.class);

  /** How long a job waits after reaching a worker without a handler for its type. */
  static final java.time.Duration NO_HANDLER_DELAY = java.time.Duration.ofMinutes(1);

  private final Job job;
  private final JobStore store;
  private final JobSettings settings;
  private final Function<String, @Nullable JobHandler> handlers;
  private final CompletionBatcher completions;
  private final Runnable handlerDone;
  private final Runnable onRecorded;
  private final JobContext context;

  private @Nullable Thread thread;
  private volatile @Nullable ScheduledFuture<?> timeoutTask;
  private volatile boolean timedOut;
  private volatile boolean leaseLost;
  private volatile boolean released;
  private volatile boolean reported;

  RunningJob(
      Job job,
      JobStore store,
      JobSettings settings,
      Function<String, @Nullable JobHandler> handlers,
      CompletionBatcher completions,
      Runnable handlerDone,
      Runnable recorded) {
    this.job = job;
    this.store = store;
    this.settings = settings;
    this.handlers = handlers;
    this.completions = completions;
    this.handlerDone = handlerDone;
    this.onRecorded = recorded;
    this.context = new JobContext(job, settings.clock(), this::renew, this::reportProgress);
  }

  Job job() {
    return job;
  }

  /** Starts the attempt's timeout clock: {@link #timeOut} runs when the job's timeout elapsed. */
  void armTimeout(ScheduledExecutorService timer) {
    timeoutTask = timer.schedule(this::timeOut, job.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the timeout clock, if armed. */
  void disarmTimeout() {
    ScheduledFuture<?> task = timeoutTask;
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Whether the handler ended and its outcome was handed over to be recorded. */
  boolean reported() {
    return reported;
  }

  /**
   * Runs the handler, then tells the worker it ended ({@code handlerDone}) and hands the outcome to
   * the batcher; {@code recorded} runs once the store answered (at once if there is nothing to
   * record because the job was released or its lease lost).
   */
  @Override
  public void run() {
    if (released || leaseLost) {
      // Given back or taken over while it waited to start.
      handlerDone.run();
      onRecorded.run();
      return;
    }
    Throwable failure = null;
    JobHandler handler = null;
    try {
      synchronized (this) {
        thread = Thread.currentThread();
      }
      handler = handlers.apply(job.type());
      if (handler == null) {
        // Another node may handle this type: give the job back for later, using no attempt.
        context.retryAt(settings.now().plus(NO_HANDLER_DELAY));
        throw new IllegalStateException(
            "no handler for type " + job.type() + " on worker " + settings.nodeName());
      }
      handler.handle(context);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      failure = e;
      if (handler != null) {
        // Once per failed attempt; never the payload, which may hold personal data.
        LOG.warn(
            "job {} (type {}, queue {}) failed on attempt {}",
            job.id(),
            job.type(),
            job.queue(),
            job.attempts(),
            e);
      }
    } finally {
      synchronized (this) {
        thread = null;
      }
      Thread.interrupted();
    }
    JobOutcome outcome = null;
    try {
      if (!released && !leaseLost) {
        outcome = decide(failure, settings.now());
        reported = true;
      }
    } finally {
      handlerDone.run();
      if (outcome == null) {
        onRecorded.run();
      } else {
        completions.submit(new JobFinish(job.leaseRef(), outcome), this::recorded);
      }
    }
  }

  /** Renews the lease; notices a cancel request or a lost lease. */
  void renew() {
    if (released || leaseLost || reported) {
      return;
    }
    try {
      Instant now = settings.now();
      Optional<Job> renewed =
          store.renewLease(job.leaseRef(), now.plus(settings.leaseDuration()), now);
      if (renewed.isEmpty()) {
        leaseLost = true;
        LOG.warn("job {} lost its lease; stopping its handler", job.id());
        interrupt();
      } else if (renewed.get().cancelRequested()) {
        context.markCancelled();
      }
    } catch (RuntimeException e) {
      LOG.warn("renewing the lease of job {} failed", job.id(), e);
    }
  }

  /** Stores the handler's progress under the attempt's lease, unless it was given up already. */
  private boolean reportProgress(JobProgress progress) {
    if (released || leaseLost) {
      return false;
    }
    return store.reportProgress(job.leaseRef(), progress);
  }

  /** The attempt ran out of time: fail it and interrupt the handler. */
  void timeOut() {
    timedOut = true;
    interrupt();
  }

  /** A caller cancelled the job on this node. */
  void markCancelled() {
    context.markCancelled();
  }

  /** Gives the job back to the queue (shutdown), stopping the handler if it still runs. */
  void release() {
    released = true;
    try {
      store.release(job.leaseRef(), settings.now());
    } catch (RuntimeException e) {
      LOG.warn("releasing job {} failed; its lease will lapse", job.id(), e);
    }
    interrupt();
  }

  private synchronized void interrupt() {
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void recorded(Optional<Job> after, @Nullable RuntimeException failure) {
    try {
      if (failure != null) {
        LOG.warn("recording the outcome of job {} failed; it will run again", job.id(), failure);
      } else if (after.isEmpty()) {
        LOG.warn("job {} was taken over before its outcome was recorded", job.id());
      }
    } finally {
      onRecorded.run();
    }
  }

  private JobOutcome decide(@Nullable Throwable failure, Instant now) {
    String error =
        timedOut ? "timed out after " + job.timeout() : failure == null ? null : describe(failure);
    Instant retryAt = context.requestedRetryAt();
    if (context.isCancelled() && (error != null || retryAt != null)) {
      return new JobOutcome.Cancelled(error != null ? error : "cancelled");
    }
    if (retryAt != null && !timedOut) {
      return new JobOutcome.Retry(
          error != null ? error : "rescheduled by the handler", retryAt, false);
    }
    if (error == null) {
      return new JobOutcome.Completed(context.resultJson());
    }
    if (job.attempts() >= job.maxAttempts()) {
      return new JobOutcome.Dead(error);
    }
    RetryBackoff backoff = job.backoff() != null ? job.backoff() : settings.defaultBackoff();
    return new JobOutcome.Retry(
        error,
        now.plus(backoff.delayFor(job.attempts(), ThreadLocalRandom.current().nextDouble())),
        true);
  }

  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getName() + (message == null ? "" : ": " + message);
    return text.length() <= JobNames.MAX_ERROR ? text : text.substring(0, JobNames.MAX_ERROR);
  }
}
