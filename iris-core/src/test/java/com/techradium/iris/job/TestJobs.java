package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Jobs for the unit tests of the core job rules. */
final class TestJobs {
  static final TenantId TENANT = TenantId.of("acme");
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private TestJobs() {}

  static NewJob newJob(UUID id, UUID... parents) {
    return newJob(id, null, "{}", List.of(parents), ParentFailurePolicy.FAIL);
  }

  static NewJob newJob(
      UUID id,
      @Nullable String key,
      String payload,
      List<UUID> parents,
      ParentFailurePolicy policy) {
    return new NewJob(
        id,
        "emails",
        "email.send",
        payload,
        5,
        NOW,
        3,
        Duration.ofMinutes(5),
        null,
        key,
        key == null ? null : NOW.plus(Duration.ofDays(1)),
        parents,
        policy);
  }

  /** A stored job in {@code state}, leased if running. */
  static Job job(JobState state) {
    return job(state, ParentFailurePolicy.FAIL);
  }

  /** A stored job in {@code state} with {@code policy}, leased if running. */
  static Job job(JobState state, ParentFailurePolicy policy) {
    NewJob n = newJob(UUID.randomUUID(), null, "{}", List.of(), policy);
    Job.Builder b =
        Job.create(TENANT, n, JobState.QUEUED, NOW.minusSeconds(60)).toBuilder().state(state);
    if (state == JobState.RUNNING) {
      b.attempts(1)
          .startedAt(NOW.minusSeconds(10))
          .lease(new JobLease("worker-1", UUID.randomUUID(), NOW.plusSeconds(30)));
    }
    if (state.isTerminal()) {
      b.finishedAt(NOW.minusSeconds(5));
    }
    return b.build();
  }
}
