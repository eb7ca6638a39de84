package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.job.spi.JobDependencies;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobDependenciesTest {
  private final Job blocked = job(JobState.BLOCKED);

  @Test
  void aReleasedChildIsQueuedWhenItsRunAtHasPassed() {
    Job child = blocked.toBuilder().runAt(NOW.minusSeconds(30)).build();

    Job released = JobDependencies.released(child, NOW);

    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.runAt()).isEqualTo(NOW);
  }

  @Test
  void aReleasedChildWithAFutureRunAtIsScheduledForIt() {
    Job child = blocked.toBuilder().runAt(NOW.plusSeconds(30)).build();

    Job released = JobDependencies.released(child, NOW);

    assertThat(released.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(released.runAt()).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void aChildUnderTheFailPolicyDiesWithItsParent() {
    Job parent = job(JobState.DEAD);
    Job child = job(JobState.BLOCKED, ParentFailurePolicy.FAIL);

    Job failed = JobDependencies.failed(child, parent, NOW);

    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is dead");
    assertThat(failed.finishedAt()).isEqualTo(NOW);
  }

  @Test
  void aChildUnderTheCancelPolicyIsCancelledWithItsParent() {
    Job parent = job(JobState.CANCELLED);
    Job child = job(JobState.BLOCKED, ParentFailurePolicy.CANCEL);

    Job failed = JobDependencies.failed(child, parent, NOW);

    assertThat(failed.state()).isEqualTo(JobState.CANCELLED);
    assertThat(failed.lastError()).isEqualTo("parent " + parent.id() + " is cancelled");
  }

  @Test
  void theParentFailureNamesTheParentAndItsState() {
    UUID parent = UUID.fromString("00000000-0000-7000-8000-000000000001");

    assertThat(JobDependencies.parentFailure(parent, JobState.DEAD))
        .isEqualTo("parent 00000000-0000-7000-8000-000000000001 is dead");
  }
}
