package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Enqueueing: a job reads back as it was inserted, lands in the state its run-at calls for, a batch
 * is all or nothing, and an idempotency key returns the existing job within its window and tenant.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobEnqueueContract extends JobContractSupport {

  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobEnqueueContract() {}

  /** A due job on {@code queue} with idempotency key {@code k1}, matching for an hour. */
  private NewJob keyed(String queue, String payload) {
    return withKey(job(queue), "k1", payload, Duration.ofHours(1));
  }

  @Test
  void insertedJobReadsBackWithEveryField() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Instant now = clock.instant();
    UUID parent = insertOne(tenant, job(queue)).id();
    NewJob n =
        new NewJob(
            newJobId(),
            queue,
            "mail.send:v2",
            "{\"to\":\"a@example.com\",\"tags\":[1,2,{\"x\":null}]}",
            7,
            now.plusSeconds(90),
            4,
            Duration.ofSeconds(45),
            new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10)),
            "order-17",
            now.plus(Duration.ofHours(24)),
            List.of(parent),
            ParentFailurePolicy.CANCEL);

    EnqueueResult result = enqueue(tenant, n);
    Job job = read(tenant, n.id());

    assertThat(result.created()).isTrue();
    assertSameJob(result.job(), job);
    assertThat(job.id()).isEqualTo(n.id());
    assertThat(job.tenant()).isEqualTo(tenant);
    assertThat(job.queue()).isEqualTo(queue);
    assertThat(job.type()).isEqualTo("mail.send:v2");
    assertSameJson(job.payload(), n.payload());
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.state()).isEqualTo(JobState.BLOCKED);
    assertThat(job.runAt()).isEqualTo(now.plusSeconds(90));
    assertThat(job.attempts()).isZero();
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(job.backoff())
        .isEqualTo(new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10)));
    assertThat(job.idempotencyKey()).isEqualTo("order-17");
    assertThat(job.idempotencyExpiresAt()).isEqualTo(now.plus(Duration.ofHours(24)));
    assertThat(job.parentIds()).containsExactly(parent);
    assertThat(job.parentFailurePolicy()).isEqualTo(ParentFailurePolicy.CANCEL);
    assertThat(job.cancelRequested()).isFalse();
    assertThat(job.lease()).isNull();
    assertThat(job.lastError()).isNull();
    assertThat(job.result()).isNull();
    assertThat(job.createdAt()).isEqualTo(now);
    assertThat(job.updatedAt()).isEqualTo(now);
    assertThat(job.startedAt()).isNull();
    assertThat(job.finishedAt()).isNull();
  }

  @Test
  void dueJobIsQueuedAndFutureJobIsScheduled() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job due = insertOne(tenant, job(queue));
    Job later = insertOne(tenant, job(queue, 5, clock.instant().plusSeconds(5)));

    assertThat(due.state()).isEqualTo(JobState.QUEUED);
    assertThat(later.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(later.backoff()).isNull();
  }

  @Test
  void batchInsertIsAllOrNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob good = job(queue);
    NewJob orphan = withParents(job(queue), ParentFailurePolicy.FAIL, newJobId());

    assertThatThrownBy(() -> store().insert(tenant, List.of(good, orphan), clock.instant()))
        .isInstanceOf(ValidationException.class);
    assertThat(store().get(tenant, good.id())).isEmpty();
  }

  @Test
  void reusingAJobIdIsAConflict() {
    TenantId tenant = newTenant();
    NewJob n = job(newQueue());
    insertOne(tenant, n);

    assertThatThrownBy(() -> store().insert(tenant, List.of(n), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void sameIdempotencyKeyAndPayloadReturnsTheExistingJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first = insertOne(tenant, keyed(queue, "{\"a\":1,\"b\":2}"));
    clock.advance(Duration.ofMinutes(5));

    EnqueueResult again = enqueue(tenant, keyed(queue, "{\"b\":2, \"a\":1}"));

    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.id());
    assertThat(listed(tenant)).hasSize(1);
  }

  @Test
  void sameIdempotencyKeyWithOtherPayloadIsAConflictAndInsertsNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    insertOne(tenant, keyed(queue, "{\"a\":1}"));
    NewJob bystander = job(queue);

    assertThatThrownBy(
            () ->
                store()
                    .insert(tenant, List.of(bystander, keyed(queue, "{\"a\":2}")), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(store().get(tenant, bystander.id())).isEmpty();
  }

  @Test
  void idempotencyKeyRepeatedWithinOneBatchCreatesOneJob() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    NewJob first = keyed(queue, "{}");
    NewJob second = keyed(queue, "{}");

    List<EnqueueResult> results = store().insert(tenant, List.of(first, second), clock.instant());

    assertThat(results.get(0).created()).isTrue();
    assertThat(results.get(1).created()).isFalse();
    assertThat(results.get(1).job().id()).isEqualTo(first.id());
    assertThat(store().get(tenant, second.id())).isEmpty();
  }

  @Test
  void idempotencyKeyStopsMatchingAfterItsWindow() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job first = insertOne(tenant, withKey(job(queue), "k1", "{}", Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10));

    EnqueueResult again =
        enqueue(tenant, withKey(job(queue), "k1", "{\"x\":1}", Duration.ofMinutes(10)));

    assertThat(again.created()).isTrue();
    assertThat(again.job().id()).isNotEqualTo(first.id());
  }

  @Test
  void idempotencyKeysAreScopedToTheTenant() {
    String queue = newQueue();
    insertOne(newTenant(), keyed(queue, "{\"a\":1}"));

    EnqueueResult other = enqueue(newTenant(), keyed(queue, "{\"a\":2}"));

    assertThat(other.created()).isTrue();
  }
}
