package com.techradium.iris.redis.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.JobAttempt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt as {@code lib.lua}'s {@code record} writes it (JSON, in the job's history list and
 * the queue's attempt log).
 */
record AttemptRecord(
    @JsonProperty("n") int number,
    @JsonProperty("o") String owner,
    @JsonProperty("sa") String startedAt,
    @JsonProperty("fa") String finishedAt,
    @JsonProperty("oc") AttemptOutcome outcome,
    @JsonProperty("e") @Nullable String error,
    @JsonProperty("t") String tenant) {

  static AttemptRecord parse(String json) {
    try {
      return IrisJson.mapper().readValue(json, AttemptRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable attempt record in Redis: " + json, e);
    }
  }

  JobAttempt toAttempt(UUID jobId) {
    return new JobAttempt(
        jobId,
        number,
        owner,
        JobFields.instant(startedAt),
        JobFields.instant(finishedAt),
        outcome,
        error);
  }

  /** Milliseconds from start to finish. */
  long runTimeMillis() {
    return Long.parseLong(finishedAt) - Long.parseLong(startedAt);
  }
}
