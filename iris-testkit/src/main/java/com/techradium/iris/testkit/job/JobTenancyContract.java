package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.NewJob;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation: a tenant never sees or changes another tenant's jobs, and a claim spans tenants
 * unless it names one.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobTenancyContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobTenancyContract() {}

  @Test
  void anotherTenantCannotSeeOrTouchAJob() {
    TenantId owner = newTenant();
    TenantId other = newTenant();
    String queue = newQueue();
    Job job = insertOne(owner, job(queue));

    assertThat(store().get(other, job.id())).isEmpty();
    assertThat(store().list(other, JobQuery.all(), PageRequest.first()).items()).isEmpty();
    assertThat(store().attempts(other, job.id())).isEmpty();
    assertThatThrownBy(() -> store().cancel(other, job.id(), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> store().update(other, job.id(), JobUpdate.priority(1), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store().retryNow(other, job.id(), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            store()
                .claim(
                    new ClaimRequest(Set.of(queue), other, 10, "worker-a", LEASE), clock.instant()))
        .isEmpty();
    assertThat(read(owner, job.id()).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void aParentOfAnotherTenantIsUnknown() {
    TenantId owner = newTenant();
    String queue = newQueue();
    Job parent = insertOne(owner, job(queue));
    NewJob child = withParents(job(queue), ParentFailurePolicy.FAIL, parent.id());

    assertThatThrownBy(() -> store().insert(newTenant(), List.of(child), clock.instant()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("parentIds")).isTrue());
  }

  @Test
  void claimCanSpanTenantsAndKeepsEachJobsTenant() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    Job ja = insertOne(a, job(queue));
    Job jb = insertOne(b, job(queue));

    List<Job> claimed = claim(queue, 10);

    assertThat(claimed)
        .extracting(Job::id, Job::tenant)
        .containsExactly(tuple(ja.id(), a), tuple(jb.id(), b));
  }

  @Test
  void claimForOneTenantTakesOnlyItsJobs() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    insertOne(a, job(queue));
    Job jb = insertOne(b, job(queue));

    List<Job> claimed =
        store().claim(new ClaimRequest(Set.of(queue), b, 10, "worker-a", LEASE), clock.instant());

    assertThat(claimed).extracting(Job::id).containsExactly(jb.id());
  }
}
