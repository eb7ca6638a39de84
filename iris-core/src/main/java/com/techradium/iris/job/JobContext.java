package com.techradium.iris.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.IrisJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link JobHandler} sees of the attempt it runs: the job and its payload, whether
 * cancellation was requested, and ways to report progress and a result or ask for a later run.
 *
 * <p>The worker renews the attempt's lease on its own while the handler runs; {@link #heartbeat()}
 * renews it at once. One context belongs to one attempt; its methods may be called from the
 * handler's thread and read from the worker's threads.
 */
public final class JobContext {
  private final Job job;
  private final Clock clock;
  private final Runnable heartbeat;
  private final Predicate<JobProgress> progress;
  private volatile boolean cancelled;
  private volatile @Nullable Instant retryAt;
  private volatile @Nullable String result;

  JobContext(Job job, Clock clock, Runnable heartbeat, Predicate<JobProgress> progress) {
    this.job = job;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.progress = progress;
    this.cancelled = job.cancelRequested();
  }

  /**
   * The job as claimed for this attempt.
   *
   * @return the job
   */
  public Job job() {
    return job;
  }

  /**
   * The job's tenant.
   *
   * @return the tenant
   */
  public TenantId tenant() {
    return job.tenant();
  }

  /**
   * The payload as a JSON tree.
   *
   * @return the parsed payload
   */
  public JsonNode payload() {
    return job.payloadJson();
  }

  /**
   * The payload bound to {@code type} with the shared IRIS mapper.
   *
   * @param <T> the target type
   * @param type the class to bind the payload to
   * @return the bound payload
   */
  public <T> T payloadAs(Class<T> type) {
    try {
      return IrisJson.mapper().readValue(job.payload(), type);
    } catch (JsonProcessingException e) {
      throw new ValidationException("payload", "does not bind to " + type.getSimpleName());
    }
  }

  /**
   * This attempt's number: 1 for the first, counting only attempts that were used up.
   *
   * @return the attempt number, from 1
   */
  public int attempt() {
    return job.attempts();
  }

  /**
   * Whether a caller cancelled the job while it runs. A handler that sees it should stop and throw
   * (the job then ends {@link JobState#CANCELLED}); a handler that returns normally completes the
   * job anyway.
   *
   * @return true if cancellation was requested
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Asks to run the job again at {@code when} instead of completing it, without using up an attempt
   * (for example when a remote service answered with {@code Retry-After}). Takes effect when the
   * handler returns or throws.
   *
   * @param when when to run the job again
   */
  public void retryAt(Instant when) {
    this.retryAt = Objects.requireNonNull(when, "when").truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * {@link #retryAt(Instant)} at {@code delay} from now.
   *
   * @param delay how long from now to run the job again
   */
  public void retryAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    retryAt(clock.instant().plus(delay));
  }

  /**
   * Sets the JSON result stored with the completed job.
   *
   * @param json the result, a JSON document
   */
  public void result(String json) {
    IrisJson.parse("result", json);
    this.result = json;
  }

  /**
   * Reports how far the handler got; {@link JobQueue#get} shows it as {@link Job#progress()}. It is
   * written to the store at once, under this attempt's lease (one conditional write: call it every
   * few seconds or every few percent, not per item of a tight loop). The latest report stays on the
   * job after it finished (see {@link JobProgress}).
   *
   * @param percent how much of the work is done, 0 to 100
   * @param message a short single-line note, at most {@value JobProgress#MAX_MESSAGE_LENGTH}
   *     characters, or null
   * @return true if stored; false if this attempt no longer holds the job's lease (it was taken
   *     over or given back: the handler should stop), in which case nothing changed
   * @throws com.techradium.iris.core.ValidationException on field {@code percent} outside 0-100, or
   *     on field {@code message} if it is too long, holds a control character or an unpaired
   *     surrogate; nothing is written
   * @throws com.techradium.iris.core.StorageException if the store cannot be reached; the job is
   *     unaffected and the handler may carry on
   */
  public boolean progress(int percent, @Nullable String message) {
    return progress.test(
        new JobProgress(percent, message, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
  }

  /**
   * {@link #progress(int, String)} without a message.
   *
   * @param percent how much of the work is done, 0 to 100
   * @return true if stored; false if this attempt no longer holds the job's lease
   * @throws com.techradium.iris.core.ValidationException on field {@code percent} outside 0-100
   */
  public boolean progress(int percent) {
    return progress(percent, null);
  }

  /** Renews the lease now (the worker also does so on a timer). */
  public void heartbeat() {
    heartbeat.run();
  }

  void markCancelled() {
    cancelled = true;
  }

  @Nullable Instant requestedRetryAt() {
    return retryAt;
  }

  @Nullable String resultJson() {
    return result;
  }
}
