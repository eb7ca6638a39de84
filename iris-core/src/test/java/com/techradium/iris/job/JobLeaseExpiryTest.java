package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.job.spi.JobLeaseExpiry;
import org.junit.jupiter.api.Test;

class JobLeaseExpiryTest {
  private final Job running = job(JobState.RUNNING).toBuilder().attempts(1).maxAttempts(3).build();

  @Test
  void aJobWithAttemptsLeftIsQueuedAgainAndDueNow() {
    Job after = JobLeaseExpiry.expire(running, NOW);

    assertThat(after.state()).isEqualTo(JobState.QUEUED);
    assertThat(after.runAt()).isEqualTo(NOW);
    assertThat(after.lease()).isNull();
    assertThat(after.lastError()).isEqualTo(JobLeaseExpiry.ERROR);
    assertThat(after.finishedAt()).isNull();
  }

  @Test
  void aJobWithItsAttemptsUsedUpDies() {
    Job after = JobLeaseExpiry.expire(running.toBuilder().attempts(3).build(), NOW);

    assertThat(after.state()).isEqualTo(JobState.DEAD);
    assertThat(after.finishedAt()).isEqualTo(NOW);
  }

  @Test
  void aJobAskedToCancelIsCancelled() {
    Job after = JobLeaseExpiry.expire(running.toBuilder().cancelRequested(true).build(), NOW);

    assertThat(after.state()).isEqualTo(JobState.CANCELLED);
    assertThat(after.finishedAt()).isEqualTo(NOW);
  }

  @Test
  void aReleasedJobIsQueuedWithoutUsingItsAttempt() {
    Job after = JobLeaseExpiry.release(running, NOW);

    assertThat(after.state()).isEqualTo(JobState.QUEUED);
    assertThat(after.attempts()).isZero();
    assertThat(after.lease()).isNull();
    assertThat(after.updatedAt()).isEqualTo(NOW);
  }
}
