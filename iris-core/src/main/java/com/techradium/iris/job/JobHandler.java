package com.techradium.iris.job;

/**
 * Runs jobs of one type. Registered with {@link JobQueueBuilder#handler(String, JobHandler)} or
 * {@link JobQueue#registerHandler(String, JobHandler)}.
 *
 * <p>Returning normally completes the job (with {@link JobContext#result(String)} as its result, if
 * set); throwing fails the attempt, which is retried with backoff until the job's attempts are used
 * up. A handler may ask for a later run without using up an attempt with {@link
 * JobContext#retryAt(java.time.Instant)}.
 *
 * <p>Delivery is at least once: a handler may run again for a job whose earlier run's outcome was
 * lost (a worker died before recording it), so handlers should be idempotent. A handler runs on a
 * worker thread and is interrupted when its attempt times out; long work should check {@link
 * JobContext#isCancelled()} and {@link Thread#isInterrupted()} now and then. Handlers must be
 * thread-safe: jobs of one type run concurrently.
 */
@FunctionalInterface
public interface JobHandler {
  /**
   * Runs one attempt of the job in {@code context}.
   *
   * @param context the job, its payload and the attempt's controls
   * @throws Exception to fail the attempt; it is retried with backoff until the attempts are used
   *     up
   */
  void handle(JobContext context) throws Exception;
}
