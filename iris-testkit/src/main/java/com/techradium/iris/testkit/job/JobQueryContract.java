package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reading many jobs: listing pages and filters, statistics per tenant and queue, and deleting old
 * finished jobs.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobQueryContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobQueryContract() {}

  @Test
  void listPagesNewestFirstWithoutGapsOrRepeats() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<UUID> inserted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      inserted.add(insertOne(tenant, job(queue)).id());
      clock.advance(Duration.ofMillis(1));
    }
    List<UUID> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      Page<Job> page = store().list(tenant, JobQuery.all(), request);
      sizes.add(page.items().size());
      page.items().forEach(j -> seen.add(j.id()));
      if (!page.hasNext()) {
        break;
      }
      request = request.after(page.nextCursor());
    }

    assertThat(sizes).containsExactly(3, 3, 1);
    java.util.Collections.reverse(inserted);
    assertThat(seen).containsExactlyElementsOf(inserted);
  }

  @Test
  void listFiltersByQueueStateAndType() {
    TenantId tenant = newTenant();
    String q1 = newQueue();
    String q2 = newQueue();
    Job a = insertOne(tenant, job(q1));
    Job b = insertOne(tenant, job(q1, 5, clock.instant().plusSeconds(60)));
    Job c = insertOne(tenant, job(q2));

    assertThat(store().list(tenant, JobQuery.queue(q1), PageRequest.first()).items())
        .extracting(Job::id)
        .containsExactly(b.id(), a.id());
    assertThat(
            store()
                .list(tenant, JobQuery.all().withStates(JobState.QUEUED), PageRequest.first())
                .items())
        .extracting(Job::id)
        .containsExactly(c.id(), a.id());
    assertThat(store().list(tenant, JobQuery.all().withType("other"), PageRequest.first()).items())
        .isEmpty();
  }

  @Test
  void aForeignCursorIsRejected() {
    assertThatThrownBy(
            () ->
                store()
                    .list(newTenant(), JobQuery.all(), PageRequest.first().after("not-a-cursor!")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void cleanupDeletesOldFinishedJobsInBoundedBatches() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<UUID> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Job j = insertOne(tenant, job(queue));
      old.add(j.id());
    }
    for (Job claimed : claim(queue, 4)) {
      complete(claimed);
    }
    store().cancel(tenant, old.get(4), clock.instant());
    Job waiting = insertOne(tenant, job(queue, 5, clock.instant().plus(Duration.ofDays(90))));
    clock.advance(Duration.ofDays(31));
    Job recent = complete(runningJob(tenant, queue));
    Instant cutoff = clock.instant().minus(Duration.ofDays(30));

    assertThat(store().deleteFinished(queue, cutoff, 2)).isEqualTo(2);
    assertThat(store().deleteFinished(queue, cutoff, 2)).isEqualTo(2);
    assertThat(store().deleteFinished(queue, cutoff, 2)).isEqualTo(1);
    assertThat(store().deleteFinished(queue, cutoff, 2)).isZero();

    for (UUID id : old) {
      assertThat(store().get(tenant, id)).isEmpty();
      assertThat(store().attempts(tenant, id)).isEmpty();
    }
    assertThat(store().get(tenant, waiting.id())).isPresent();
    assertThat(store().get(tenant, recent.id())).isPresent();
  }

  @Test
  void statsCountStatesAndMeasureAttempts() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant start = clock.instant();
    for (int i = 0; i < 4; i++) {
      insertOne(tenant, job(queue));
    }
    insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(600)));
    List<Job> claimed = claim(queue, 3);
    clock.advance(Duration.ofMillis(100));
    complete(claimed.get(0));
    clock.advance(Duration.ofMillis(100));
    finish(claimed.get(1), new JobOutcome.Retry("boom", clock.instant().plusSeconds(60), true));
    clock.advance(Duration.ofSeconds(5));
    insertOne(newTenant(), job(queue));

    JobStats stats = store().stats(new StatsQuery(tenant, queue, start), clock.instant());

    assertThat(stats.count(JobState.QUEUED)).isEqualTo(1);
    assertThat(stats.count(JobState.SCHEDULED)).isEqualTo(1);
    assertThat(stats.count(JobState.RUNNING)).isEqualTo(1);
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(1);
    assertThat(stats.count(JobState.FAILED)).isEqualTo(1);
    assertThat(stats.total()).isEqualTo(5);
    assertThat(stats.oldestDueAt()).isEqualTo(start);
    assertThat(stats.oldestQueuedAge()).contains(Duration.ofMillis(5200));
    assertThat(stats.succeeded()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.failureRate()).isEqualTo(0.5);
    assertThat(stats.averageRunTime()).isEqualTo(Duration.ofMillis(150));
    assertThat(stats.p95RunTime()).isEqualTo(Duration.ofMillis(200));

    JobStats allTenants = store().stats(new StatsQuery(null, queue, start), clock.instant());
    assertThat(allTenants.count(JobState.QUEUED)).isEqualTo(2);
  }

  @Test
  void statsWithoutAttemptsHaveNoRunTimes() {
    JobStats stats =
        store().stats(new StatsQuery(newTenant(), null, clock.instant()), clock.instant());

    assertThat(stats.total()).isZero();
    assertThat(stats.averageRunTime()).isNull();
    assertThat(stats.p95RunTime()).isNull();
    assertThat(stats.oldestDueAt()).isNull();
  }
}
