package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.TENANT;
import static com.techradium.iris.job.TestJobs.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.spi.JobInitialStates;
import com.techradium.iris.job.spi.NewJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobInitialStatesTest {
  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID stored = UUID.randomUUID();
  private final Map<UUID, NewJob> fresh = new LinkedHashMap<>();
  private final Map<UUID, JobState> storedParents = new LinkedHashMap<>();

  private void add(NewJob n) {
    fresh.put(n.id(), n);
  }

  private Map<UUID, Job> resolve() {
    return JobInitialStates.resolve(TENANT, fresh, storedParents, NOW);
  }

  @Test
  void aJobWithoutParentsIsReadyByItsRunAt() {
    add(newJob(a));

    assertThat(resolve().get(a).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void storedParentsAreTheParentsOutsideTheBatch() {
    add(newJob(a));
    add(newJob(b, a, stored));

    assertThat(JobInitialStates.storedParents(fresh)).containsExactly(stored);
  }

  @Test
  void aChildOfANewJobIsBlocked() {
    add(newJob(b, a));
    add(newJob(a));

    Map<UUID, Job> created = resolve();

    assertThat(created.get(b).state()).isEqualTo(JobState.BLOCKED);
    assertThat(created.keySet()).containsExactly(a, b);
  }

  @Test
  void aChildOfACompletedStoredJobIsReady() {
    storedParents.put(stored, JobState.COMPLETED);
    add(newJob(a, stored));

    assertThat(resolve().get(a).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void aChildOfADeadStoredJobIsCreatedDeadUnderTheFailPolicy() {
    storedParents.put(stored, JobState.DEAD);
    add(newJob(a, stored));

    Job job = resolve().get(a);

    assertThat(job.state()).isEqualTo(JobState.DEAD);
    assertThat(job.lastError()).isEqualTo("parent " + stored + " is dead");
  }

  @Test
  void aChildOfACancelledStoredJobIsCreatedCancelledUnderTheCancelPolicy() {
    storedParents.put(stored, JobState.CANCELLED);
    add(newJob(a, null, "{}", List.of(stored), ParentFailurePolicy.CANCEL));

    assertThat(resolve().get(a).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void aFailureCarriesDownTheBatch() {
    storedParents.put(stored, JobState.DEAD);
    add(newJob(a, stored));
    add(newJob(b, a));

    Job grandchild = resolve().get(b);

    assertThat(grandchild.state()).isEqualTo(JobState.DEAD);
    assertThat(grandchild.lastError()).isEqualTo("parent " + a + " is dead");
  }

  @Test
  void aFailedParentWinsOverAWaitingOne() {
    UUID running = UUID.randomUUID();
    storedParents.put(running, JobState.RUNNING);
    storedParents.put(stored, JobState.DEAD);
    add(newJob(a, running, stored));

    assertThat(resolve().get(a).state()).isEqualTo(JobState.DEAD);
  }

  @Test
  void anUnknownParentIsRejected() {
    add(newJob(a, stored));

    assertThatThrownBy(this::resolve)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown parent job " + stored);
  }

  @Test
  void aCycleIsRejected() {
    add(newJob(a, b));
    add(newJob(b, a));

    assertThatThrownBy(this::resolve)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cycle");
  }
}
