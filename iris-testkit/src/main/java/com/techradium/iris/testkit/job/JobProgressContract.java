package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.LeaseRef;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Progress reported by a running job's handler: stored under the attempt's lease only, shown by
 * {@code get}, kept after the attempt ends; out-of-range input refused before any store sees it,
 * and the values at the limits read back exactly.
 *
 * <p>One group of the {@link JobStoreContract}; see {@link JobContractSupport} for the convention.
 */
public abstract class JobProgressContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobProgressContract() {}

  private JobProgress progress(int percent, @Nullable String message) {
    return new JobProgress(percent, message, clock.instant());
  }

  @Test
  void progressOfARunningJobShowsOnTheJobAndChangesNothingElse() {
    TenantId tenant = newTenant();
    Job claimed = runningJob(tenant, newQueue());
    clock.advance(Duration.ofSeconds(5));
    JobProgress reported = progress(40, "row 4 of 10");

    assertThat(store().reportProgress(claimed.leaseRef(), reported)).isTrue();

    Job read = read(tenant, claimed.id());
    assertThat(read.progress()).isEqualTo(reported);
    assertSameJob(read.toBuilder().progress(null).build(), claimed);
  }

  @Test
  void aLaterReportReplacesTheEarlierOneMessageIncluded() {
    TenantId tenant = newTenant();
    Job claimed = runningJob(tenant, newQueue());
    store().reportProgress(claimed.leaseRef(), progress(10, "starting"));
    clock.advance(Duration.ofSeconds(1));
    JobProgress later = new JobProgress(75, null, clock.instant());

    assertThat(store().reportProgress(claimed.leaseRef(), later)).isTrue();

    assertThat(read(tenant, claimed.id()).progress()).isEqualTo(later);
  }

  @Test
  void progressStaysAfterTheJobFinishedAndAcrossAttempts() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first = runningJob(tenant, queue);
    JobProgress reported = progress(60, "halfway and more");
    store().reportProgress(first.leaseRef(), reported);

    finish(first, new JobOutcome.Retry("boom", clock.instant(), true));
    assertThat(read(tenant, first.id()).progress()).isEqualTo(reported);
    Job second = claimOne(queue);
    assertThat(second.progress()).isEqualTo(reported);
    complete(second);

    Job done = read(tenant, first.id());
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.progress()).isEqualTo(reported);
  }

  @Test
  void aWorkerThatLostItsLeaseCannotReportProgress() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job stale = runningJob(tenant, queue);
    expireLeases();
    Job current = claimOne(queue, "worker-b");

    assertThat(store().reportProgress(stale.leaseRef(), progress(99, "late"))).isFalse();

    assertSameJob(read(tenant, stale.id()), current);
    assertThat(read(tenant, stale.id()).progress()).isNull();
  }

  @Test
  void aLapsedLeaseTakenBackRefusesProgress() {
    TenantId tenant = newTenant();
    Job stale = runningJob(tenant, newQueue());
    expireLeases();
    Job requeued = read(tenant, stale.id());

    assertThat(store().reportProgress(stale.leaseRef(), progress(50, null))).isFalse();

    assertSameJob(read(tenant, stale.id()), requeued);
  }

  @Test
  void aMadeUpLeaseOrAnotherTenantOrAFinishedJobRefusesProgress() {
    TenantId tenant = newTenant();
    Job claimed = runningJob(tenant, newQueue());
    LeaseRef forged = new LeaseRef(tenant, claimed.id(), UUID.randomUUID());
    LeaseRef otherTenant = new LeaseRef(newTenant(), claimed.id(), claimed.lease().token());
    LeaseRef unknownJob = new LeaseRef(tenant, newJobId(), claimed.lease().token());

    assertThat(store().reportProgress(forged, progress(1, "x"))).isFalse();
    assertThat(store().reportProgress(otherTenant, progress(1, "x"))).isFalse();
    assertThat(store().reportProgress(unknownJob, progress(1, "x"))).isFalse();
    assertSameJob(read(tenant, claimed.id()), claimed);

    Job done = complete(claimed);
    assertThat(store().reportProgress(claimed.leaseRef(), progress(100, "after"))).isFalse();
    assertSameJob(read(tenant, claimed.id()), done);
  }

  @Test
  void valuesAtTheLimitsReadBackExactly() {
    TenantId tenant = newTenant();
    Job claimed = runningJob(tenant, newQueue());
    // Characters a store could mangle: quotes, separators, a supplementary character (a surrogate
    // pair), accents, and padding to exactly the longest message accepted.
    String head = "\"'|,:;%s\\{}[] é 😀 ";
    String longest = head + "x".repeat(JobProgress.MAX_MESSAGE_LENGTH - head.length());
    JobProgress none = progress(0, "");
    JobProgress full = progress(100, longest);

    assertThat(store().reportProgress(claimed.leaseRef(), none)).isTrue();
    assertThat(read(tenant, claimed.id()).progress()).isEqualTo(none);
    assertThat(store().reportProgress(claimed.leaseRef(), full)).isTrue();
    assertThat(read(tenant, claimed.id()).progress()).isEqualTo(full);
  }

  @Test
  void outOfRangeOrMalformedProgressIsRefusedNamingTheField() {
    Instant now = clock.instant();
    assertRejected(() -> new JobProgress(-1, null, now), "percent");
    assertRejected(() -> new JobProgress(101, "too far", now), "percent");
    assertRejected(
        () -> new JobProgress(5, "x".repeat(JobProgress.MAX_MESSAGE_LENGTH + 1), now), "message");
    assertRejected(() -> new JobProgress(5, "two\nlines", now), "message");
    assertRejected(() -> new JobProgress(5, "half \uD83D pair", now), "message");
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor(field)).isTrue());
  }
}
