package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.job.spi.JobCancel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobCancelTest {

  @Test
  void aCancelledJobStaysAsItIs() {
    Job cancelled = job(JobState.CANCELLED);

    assertThat(JobCancel.apply(cancelled, NOW)).isSameAs(cancelled);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"COMPLETED", "DEAD"})
  void aFinishedJobCannotBeCancelled(JobState state) {
    assertThatThrownBy(() -> JobCancel.apply(job(state), NOW))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already");
  }

  @Test
  void aRunningJobIsOnlyFlaggedForItsHandler() {
    Job after = JobCancel.apply(job(JobState.RUNNING), NOW);

    assertThat(after.state()).isEqualTo(JobState.RUNNING);
    assertThat(after.cancelRequested()).isTrue();
    assertThat(after.updatedAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"BLOCKED", "SCHEDULED", "QUEUED", "FAILED"})
  void aWaitingJobIsCancelledAtOnce(JobState state) {
    Job after = JobCancel.apply(job(state), NOW);

    assertThat(after.state()).isEqualTo(JobState.CANCELLED);
    assertThat(after.finishedAt()).isEqualTo(NOW);
  }
}
