package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import com.techradium.iris.job.internal.JobNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to enqueue: a request for one job. Build one with {@link #builder(String, String)}; fields
 * left unset take the queue's or the facade's defaults when the job is enqueued.
 *
 * <p><b>Limits.</b> Every store holds what these limits allow, so a spec within them is never
 * rejected or altered by the database: the payload is one JSON value of at most {@link
 * #MAX_PAYLOAD_LENGTH} characters (see {@link Validation#json}); {@code runAt} lies between {@link
 * #EARLIEST_RUN_AT} and {@link #LATEST_RUN_AT}; {@code delay} is at most {@link #MAX_DELAY} and
 * must not take the job past {@link #LATEST_RUN_AT}; {@code timeout} lies between one millisecond
 * and {@link #MAX_TIMEOUT}; the idempotency key is single-line text of at most 200 characters
 * without unpaired surrogates. A spec outside them is a {@link
 * com.techradium.iris.core.ValidationException} naming the field.
 *
 * @param id a caller-chosen id (a UUIDv7, e.g. from {@code JobQueue.newJobId()}) so that jobs of
 *     one batch can name each other as parents; null to let the queue assign one
 * @param queue the queue's name
 * @param type the handler's name
 * @param payload a JSON document handed to the handler
 * @param priority 0 (lowest) to 10 (highest); null for the queue's default
 * @param runAt when the job becomes due, kept to the millisecond; null for now (or {@code delay})
 * @param delay how long after enqueueing the job becomes due; excludes {@code runAt}
 * @param maxAttempts attempts before the job is dead, 1-1000; null for the queue's default
 * @param timeout how long one attempt may run; null for the facade's default
 * @param backoff the retry backoff of this job; null for the facade's default
 * @param idempotencyKey enqueueing again with this key (within the facade's window) returns the
 *     existing job; null for none
 * @param parentIds jobs that must complete before this one runs
 * @param parentFailurePolicy what happens to this job if a parent dies or is cancelled
 */
public record JobSpec(
    @Nullable UUID id,
    String queue,
    String type,
    String payload,
    @Nullable Integer priority,
    @Nullable Instant runAt,
    @Nullable Duration delay,
    @Nullable Integer maxAttempts,
    @Nullable Duration timeout,
    @Nullable RetryBackoff backoff,
    @Nullable String idempotencyKey,
    List<UUID> parentIds,
    ParentFailurePolicy parentFailurePolicy) {

  /** Lowest priority. */
  public static final int MIN_PRIORITY = 0;

  /** Highest priority. */
  public static final int MAX_PRIORITY = 10;

  /** Largest {@code maxAttempts}. */
  public static final int MAX_ATTEMPTS = 1000;

  /** The longest payload accepted, in characters (1 MiB of ASCII). */
  public static final int MAX_PAYLOAD_LENGTH = 1 << 20;

  /** The earliest {@code runAt} accepted: the Unix epoch. */
  public static final Instant EARLIEST_RUN_AT = Instant.EPOCH;

  /** The furthest future run time accepted: the last millisecond of the year 9999 (UTC). */
  public static final Instant LATEST_RUN_AT = Instant.parse("9999-12-31T23:59:59.999Z");

  /** The longest {@code delay} accepted: 1000 years of 365.25 days. */
  public static final Duration MAX_DELAY = Duration.ofDays(365_250);

  /** The longest {@code timeout} accepted for one attempt: 365 days. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  /** The shortest {@code timeout} accepted: one millisecond. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  /**
   * Creates a {@code JobSpec}, checking its components and copying its collections.
   *
   * @param id a caller-chosen id (a UUIDv7, e.g. from {@code JobQueue.newJobId()}) so that jobs of
   *     one batch can name each other as parents; null to let the queue assign one
   * @param queue the queue's name
   * @param type the handler's name
   * @param payload a JSON document handed to the handler
   * @param priority 0 (lowest) to 10 (highest); null for the queue's default
   * @param runAt when the job becomes due, kept to the millisecond; null for now (or {@code delay})
   * @param delay how long after enqueueing the job becomes due; excludes {@code runAt}
   * @param maxAttempts attempts before the job is dead, 1-1000; null for the queue's default
   * @param timeout how long one attempt may run; null for the facade's default
   * @param backoff the retry backoff of this job; null for the facade's default
   * @param idempotencyKey enqueueing again with this key (within the facade's window) returns the
   *     existing job; null for none
   * @param parentIds jobs that must complete before this one runs
   * @param parentFailurePolicy what happens to this job if a parent dies or is cancelled
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public JobSpec {
    Validation v = Validation.of();
    JobNames.name(v, "queue", queue);
    JobNames.type(v, "type", type);
    v.json("payload", payload, MAX_PAYLOAD_LENGTH);
    if (priority != null) {
      v.range("priority", priority, MIN_PRIORITY, MAX_PRIORITY);
    }
    v.check(runAt == null || delay == null, "runAt", "must not be set together with delay");
    v.instant("runAt", runAt, EARLIEST_RUN_AT, LATEST_RUN_AT);
    v.duration("delay", delay, Duration.ZERO, MAX_DELAY);
    if (maxAttempts != null) {
      v.range("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS);
    }
    v.duration("timeout", timeout, MIN_TIMEOUT, MAX_TIMEOUT);
    v.optionalText("idempotencyKey", idempotencyKey, JobNames.MAX_KEY);
    v.check(
        idempotencyKey == null || !idempotencyKey.isBlank(), "idempotencyKey", "must not be blank");
    v.check(id == null || id.version() == 7, "id", "must be a UUIDv7");
    v.required("parentIds", parentIds);
    if (parentIds != null) {
      v.check(!parentIds.contains(null), "parentIds", "must not contain null");
      v.check(
          new HashSet<>(parentIds).size() == parentIds.size(),
          "parentIds",
          "must not repeat an id");
      v.check(
          id == null || !parentIds.contains(id), "parentIds", "must not contain the job itself");
    }
    v.required("parentFailurePolicy", parentFailurePolicy);
    v.throwIfInvalid();
    parentIds = List.copyOf(parentIds);
    if (runAt != null) {
      runAt = runAt.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /**
   * Starts a spec for a job of {@code type} on {@code queue}, with payload {@code {}}.
   *
   * @param queue the queue's name
   * @param type the handler type
   * @return a builder
   */
  public static Builder builder(String queue, String type) {
    return new Builder(
        Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(type, "type"));
  }

  /** Builds a {@link JobSpec}. Not thread-safe. */
  public static final class Builder {
    private @Nullable UUID id;
    private final String queue;
    private final String type;
    private String payload = "{}";
    private @Nullable Integer priority;
    private @Nullable Instant runAt;
    private @Nullable Duration delay;
    private @Nullable Integer maxAttempts;
    private @Nullable Duration timeout;
    private @Nullable RetryBackoff backoff;
    private @Nullable String idempotencyKey;
    private final List<UUID> parentIds = new ArrayList<>();
    private ParentFailurePolicy parentFailurePolicy = ParentFailurePolicy.FAIL;

    private Builder(String queue, String type) {
      this.queue = queue;
      this.type = type;
    }

    /**
     * A caller-chosen UUIDv7 id, so other jobs of the same batch can name this one as parent.
     *
     * @param id a UUIDv7
     * @return this builder
     */
    public Builder id(UUID id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * The JSON payload. Default {@code {}}.
     *
     * @param json the JSON payload
     * @return this builder
     */
    public Builder payload(String json) {
      this.payload = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Priority 0-10, 10 highest. Default: the queue's default priority.
     *
     * @param priority 0 to 10
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Runs the job no earlier than {@code runAt}. Default: now.
     *
     * @param runAt the earliest run time
     * @return this builder
     */
    public Builder runAt(Instant runAt) {
      this.runAt = Objects.requireNonNull(runAt, "runAt");
      return this;
    }

    /**
     * Runs the job no earlier than {@code delay} after it is enqueued.
     *
     * @param delay the delay from enqueueing
     * @return this builder
     */
    public Builder delay(Duration delay) {
      this.delay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * Attempts before the job is dead. Default: the queue's default.
     *
     * @param maxAttempts the attempt limit
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Longest run of one attempt. Default: the facade's default job timeout.
     *
     * @param timeout the attempt timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Retry backoff for this job. Default: the facade's backoff.
     *
     * @param backoff the retry backoff
     * @return this builder
     */
    public Builder backoff(RetryBackoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Deduplicates enqueues with this key within the facade's idempotency window.
     *
     * @param key the idempotency key
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Runs only after every given job completed.
     *
     * @param parents the ids of the parent jobs
     * @return this builder
     */
    public Builder after(UUID... parents) {
      Objects.requireNonNull(parents, "parents");
      for (int i = 0; i < parents.length; i++) {
        parentIds.add(Objects.requireNonNull(parents[i], "parents[" + i + "]"));
      }
      return this;
    }

    /**
     * What to do if a parent dies or is cancelled. Default {@link ParentFailurePolicy#FAIL}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder onParentFailure(ParentFailurePolicy policy) {
      this.parentFailurePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The spec; throws {@link com.techradium.iris.core.ValidationException} if invalid.
     *
     * @return the spec
     */
    public JobSpec build() {
      return new JobSpec(
          id,
          queue,
          type,
          payload,
          priority,
          runAt,
          delay,
          maxAttempts,
          timeout,
          backoff,
          idempotencyKey,
          parentIds,
          parentFailurePolicy);
    }
  }
}
