package com.techradium.iris.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.spi.JobOrdering;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as stored: its definition, state, attempts and lease. Immutable; stores return fresh
 * copies.
 *
 * @param id UUIDv7, ordered by creation
 * @param tenant the owner
 * @param queue the queue's name
 * @param type the handler's name
 * @param payload the JSON payload (compare with {@link #payloadJson()}: stores may normalise
 *     whitespace and key order)
 * @param priority 0 (lowest) to 10 (highest)
 * @param state where the job is in its life
 * @param runAt when the job is (or was) due; for a failed job, when it retries
 * @param attempts attempts consumed so far (a claim consumes one; a release or a handler-requested
 *     reschedule gives it back)
 * @param maxAttempts attempts allowed before the job is dead
 * @param timeout longest run of one attempt
 * @param backoff this job's retry backoff, or null for the facade's default
 * @param idempotencyKey the deduplication key, or null
 * @param idempotencyExpiresAt until when the key deduplicates, or null
 * @param parentIds jobs that must complete before this one runs
 * @param parentFailurePolicy what a failed parent does to this job
 * @param cancelRequested a caller asked to cancel the job while it was running
 * @param lease the running attempt's lease, present exactly while {@link JobState#RUNNING}
 * @param lastError the last attempt's error, or null
 * @param result the JSON result of the successful attempt, or null
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 * @param startedAt when the latest attempt started, or null
 * @param finishedAt when it reached a terminal state, or null
 * @param progress the latest progress a handler reported, or null if none did (see {@link
 *     JobProgress} for how long it stays)
 */
public record Job(
    UUID id,
    TenantId tenant,
    String queue,
    String type,
    String payload,
    int priority,
    JobState state,
    Instant runAt,
    int attempts,
    int maxAttempts,
    Duration timeout,
    @Nullable RetryBackoff backoff,
    @Nullable String idempotencyKey,
    @Nullable Instant idempotencyExpiresAt,
    List<UUID> parentIds,
    ParentFailurePolicy parentFailurePolicy,
    boolean cancelRequested,
    @Nullable JobLease lease,
    @Nullable String lastError,
    @Nullable String result,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable JobProgress progress) {

  /**
   * Creates a {@code Job}, checking its components and copying its collections.
   *
   * @param id UUIDv7, ordered by creation
   * @param tenant the owner
   * @param queue the queue's name
   * @param type the handler's name
   * @param payload the JSON payload (compare with {@link #payloadJson()}: stores may normalise
   *     whitespace and key order)
   * @param priority 0 (lowest) to 10 (highest)
   * @param state where the job is in its life
   * @param runAt when the job is (or was) due; for a failed job, when it retries
   * @param attempts attempts consumed so far (a claim consumes one; a release or a
   *     handler-requested reschedule gives it back)
   * @param maxAttempts attempts allowed before the job is dead
   * @param timeout longest run of one attempt
   * @param backoff this job's retry backoff, or null for the facade's default
   * @param idempotencyKey the deduplication key, or null
   * @param idempotencyExpiresAt until when the key deduplicates, or null
   * @param parentIds jobs that must complete before this one runs
   * @param parentFailurePolicy what a failed parent does to this job
   * @param cancelRequested a caller asked to cancel the job while it was running
   * @param lease the running attempt's lease, present exactly while {@link JobState#RUNNING}
   * @param lastError the last attempt's error, or null
   * @param result the JSON result of the successful attempt, or null
   * @param createdAt when it was enqueued
   * @param updatedAt when it last changed
   * @param startedAt when the latest attempt started, or null
   * @param finishedAt when it reached a terminal state, or null
   * @param progress the latest progress a handler reported, or null if none did
   * @throws IllegalArgumentException if the job has a lease while not running (or none while
   *     running), or negative attempts
   */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(runAt, "runAt");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(parentFailurePolicy, "parentFailurePolicy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if ((state == JobState.RUNNING) != (lease != null)) {
      throw new IllegalArgumentException("a job has a lease exactly while RUNNING: " + state);
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    parentIds = List.copyOf(parentIds);
  }

  /**
   * The payload parsed as JSON.
   *
   * @return the parsed payload
   */
  public JsonNode payloadJson() {
    return IrisJson.parse("payload", payload);
  }

  /**
   * The reference to this job's current lease; only for a running job.
   *
   * @return the lease's reference
   * @throws IllegalStateException if the job holds no lease
   */
  public LeaseRef leaseRef() {
    if (lease == null) {
      throw new IllegalStateException("job " + id + " is " + state + ", not leased");
    }
    return new LeaseRef(tenant, id, lease.token());
  }

  /**
   * Whether a worker may claim this job at {@code now}.
   *
   * @param now the time to check at
   * @return true if the job is claimable and its run-at time has come
   */
  public boolean isDueAt(Instant now) {
    return state.isClaimable() && !runAt.isAfter(now);
  }

  /**
   * The ordering rank of this job in its queue: see {@link JobOrdering}.
   *
   * @return the rank; smaller is claimed first
   */
  public long rank() {
    return JobOrdering.rank(priority, runAt);
  }

  /**
   * A builder holding this job's values, to make a changed copy.
   *
   * @return a builder preset from this job
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A job built from a {@link NewJob} in {@code state}, created at {@code now}.
   *
   * @param tenant the owning tenant
   * @param n the new job
   * @param state the initial state
   * @param now the creation time
   * @return the job
   */
  public static Job create(TenantId tenant, NewJob n, JobState state, Instant now) {
    return new Job(
        n.id(),
        tenant,
        n.queue(),
        n.type(),
        n.payload(),
        n.priority(),
        state,
        n.runAt(),
        0,
        n.maxAttempts(),
        n.timeout(),
        n.backoff(),
        n.idempotencyKey(),
        n.idempotencyExpiresAt(),
        n.parentIds(),
        n.parentFailurePolicy(),
        false,
        null,
        null,
        null,
        now,
        now,
        null,
        state.isTerminal() ? now : null,
        null);
  }

  /** Makes changed copies of a {@link Job}. Not thread-safe. */
  public static final class Builder {
    private final Job base;
    private JobState state;
    private Instant runAt;
    private int priority;
    private String payload;
    private int attempts;
    private int maxAttempts;
    private boolean cancelRequested;
    private @Nullable JobLease lease;
    private @Nullable String lastError;
    private @Nullable String result;
    private @Nullable String idempotencyKey;
    private @Nullable Instant idempotencyExpiresAt;
    private Instant updatedAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable JobProgress progress;

    private Builder(Job job) {
      this.base = job;
      this.state = job.state;
      this.runAt = job.runAt;
      this.priority = job.priority;
      this.payload = job.payload;
      this.attempts = job.attempts;
      this.maxAttempts = job.maxAttempts;
      this.cancelRequested = job.cancelRequested;
      this.lease = job.lease;
      this.lastError = job.lastError;
      this.result = job.result;
      this.idempotencyKey = job.idempotencyKey;
      this.idempotencyExpiresAt = job.idempotencyExpiresAt;
      this.updatedAt = job.updatedAt;
      this.startedAt = job.startedAt;
      this.finishedAt = job.finishedAt;
      this.progress = job.progress;
    }

    /**
     * The new state.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(JobState state) {
      this.state = state;
      return this;
    }

    /**
     * The new run-at time.
     *
     * @param runAt the run-at time
     * @return this builder
     */
    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    /**
     * The new priority.
     *
     * @param priority the priority, 0 to 10
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * The new JSON payload.
     *
     * @param payload the JSON payload
     * @return this builder
     */
    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    /**
     * The new count of attempts used.
     *
     * @param attempts the attempts used
     * @return this builder
     */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    /**
     * The new attempt limit.
     *
     * @param maxAttempts the attempt limit
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Whether cancellation was requested.
     *
     * @param cancelRequested true if cancellation was requested
     * @return this builder
     */
    public Builder cancelRequested(boolean cancelRequested) {
      this.cancelRequested = cancelRequested;
      return this;
    }

    /**
     * The lease; null unless running.
     *
     * @param lease the lease, or null
     * @return this builder
     */
    public Builder lease(@Nullable JobLease lease) {
      this.lease = lease;
      return this;
    }

    /**
     * The last error.
     *
     * @param lastError the error, or null
     * @return this builder
     */
    public Builder lastError(@Nullable String lastError) {
      this.lastError = lastError;
      return this;
    }

    /**
     * The JSON result.
     *
     * @param result the JSON result, or null
     * @return this builder
     */
    public Builder result(@Nullable String result) {
      this.result = result;
      return this;
    }

    /**
     * The idempotency key and its expiry.
     *
     * @param key the idempotency key, or null
     * @param expiresAt until when it deduplicates, or null
     * @return this builder
     */
    public Builder idempotency(@Nullable String key, @Nullable Instant expiresAt) {
      this.idempotencyKey = key;
      this.idempotencyExpiresAt = expiresAt;
      return this;
    }

    /**
     * When the job last changed.
     *
     * @param updatedAt the time of the change
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * When the latest attempt started.
     *
     * @param startedAt the start time, or null
     * @return this builder
     */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * When the job reached a terminal state.
     *
     * @param finishedAt the finish time, or null
     * @return this builder
     */
    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /**
     * The latest progress reported.
     *
     * @param progress the progress, or null
     * @return this builder
     */
    public Builder progress(@Nullable JobProgress progress) {
      this.progress = progress;
      return this;
    }

    /**
     * The changed copy; checks the same rules as the record.
     *
     * @return the job
     */
    public Job build() {
      return new Job(
          base.id,
          base.tenant,
          base.queue,
          base.type,
          payload,
          priority,
          state,
          runAt,
          attempts,
          maxAttempts,
          base.timeout,
          base.backoff,
          idempotencyKey,
          idempotencyExpiresAt,
          base.parentIds,
          base.parentFailurePolicy,
          cancelRequested,
          lease,
          lastError,
          result,
          base.createdAt,
          updatedAt,
          startedAt,
          finishedAt,
          progress);
    }
  }
}
