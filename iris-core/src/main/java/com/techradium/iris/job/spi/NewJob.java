package com.techradium.iris.job.spi;

import com.techradium.iris.core.Validation;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.internal.JobNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job ready to be written, every default resolved: what {@link JobStore#insert} receives. The
 * facade builds these from {@link JobSpec}s; a store decides only the initial state.
 *
 * @param id the new job's UUIDv7
 * @param idempotencyKey deduplication key, or null
 * @param idempotencyExpiresAt until when the key deduplicates; required with a key
 * @param queue the queue the job runs on
 * @param type the handler type
 * @param payload the JSON payload
 * @param priority 0 to 10, 10 highest
 * @param runAt when the job becomes due
 * @param maxAttempts attempts before the job is dead
 * @param timeout the longest run of one attempt
 * @param backoff the retry backoff, or null for the facade's
 * @param parentIds jobs that must complete first; empty for none
 * @param parentFailurePolicy what happens to the job if a parent dies or is cancelled
 */
public record NewJob(
    UUID id,
    String queue,
    String type,
    String payload,
    int priority,
    Instant runAt,
    int maxAttempts,
    Duration timeout,
    @Nullable RetryBackoff backoff,
    @Nullable String idempotencyKey,
    @Nullable Instant idempotencyExpiresAt,
    List<UUID> parentIds,
    ParentFailurePolicy parentFailurePolicy) {

  /**
   * Creates a {@code NewJob}, checking its components and copying its collections.
   *
   * @param id the new job's UUIDv7
   * @param queue the queue the job runs on
   * @param type the handler type
   * @param payload the JSON payload
   * @param priority 0 to 10, 10 highest
   * @param runAt when the job becomes due
   * @param maxAttempts attempts before the job is dead
   * @param timeout the longest run of one attempt
   * @param backoff the retry backoff, or null for the facade's
   * @param idempotencyKey deduplication key, or null
   * @param idempotencyExpiresAt until when the key deduplicates; required with a key
   * @param parentIds jobs that must complete first; empty for none
   * @param parentFailurePolicy what happens to the job if a parent dies or is cancelled
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public NewJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(runAt, "runAt");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(parentFailurePolicy, "parentFailurePolicy");
    Validation v = Validation.of();
    JobNames.name(v, "queue", queue);
    JobNames.type(v, "type", type);
    v.range("priority", priority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    v.range("maxAttempts", maxAttempts, 1, JobSpec.MAX_ATTEMPTS);
    v.check(
        (idempotencyKey == null) == (idempotencyExpiresAt == null),
        "idempotencyExpiresAt",
        "must be set exactly when idempotencyKey is");
    v.check(
        new HashSet<>(parentIds).size() == parentIds.size() && !parentIds.contains(id),
        "parentIds",
        "must be distinct and not contain the job itself");
    v.throwIfInvalid();
    parentIds = List.copyOf(parentIds);
  }

  /**
   * The initial state when no parent blocks it: scheduled if {@code runAt} is after {@code now}.
   *
   * @param now the facade's current time
   * @return {@link JobState#SCHEDULED} or {@link JobState#QUEUED}
   */
  public JobState readyState(Instant now) {
    return runAt.isAfter(now) ? JobState.SCHEDULED : JobState.QUEUED;
  }
}
