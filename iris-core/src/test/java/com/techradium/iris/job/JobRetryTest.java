package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.job.spi.JobRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobRetryTest {

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"BLOCKED", "RUNNING", "COMPLETED"})
  void blockedRunningAndCompletedJobsCannotBeRetried(JobState state) {
    assertThat(JobRetry.allows(state)).isFalse();
    assertThatThrownBy(() -> JobRetry.apply(job(state), NOW))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cannot be retried");
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "QUEUED", "FAILED", "DEAD", "CANCELLED"})
  void anyOtherJobIsQueuedAndDueNow(JobState state) {
    Job retried = JobRetry.apply(job(state), NOW);

    assertThat(JobRetry.allows(state)).isTrue();
    assertThat(retried.state()).isEqualTo(JobState.QUEUED);
    assertThat(retried.runAt()).isEqualTo(NOW);
    assertThat(retried.updatedAt()).isEqualTo(NOW);
    assertThat(retried.finishedAt()).isNull();
  }

  @Test
  void aCancellationRequestIsCleared() {
    Job flagged = job(JobState.FAILED).toBuilder().cancelRequested(true).build();

    assertThat(JobRetry.apply(flagged, NOW).cancelRequested()).isFalse();
  }

  @Test
  void aJobWithItsAttemptsUsedUpGetsOneMore() {
    Job dead = job(JobState.DEAD).toBuilder().attempts(3).maxAttempts(3).build();

    assertThat(JobRetry.apply(dead, NOW).maxAttempts()).isEqualTo(4);
  }

  @Test
  void aJobWithAttemptsLeftKeepsItsMaximum() {
    Job failed = job(JobState.FAILED).toBuilder().attempts(1).maxAttempts(3).build();

    assertThat(JobRetry.apply(failed, NOW).maxAttempts()).isEqualTo(3);
  }
}
