package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through the facade: every value a store cannot hold exactly (text that is not one
 * JSON value, NUL and unpaired surrogates, instants and durations past what the store keeps, a cron
 * that never fires) is a {@link ValidationException} naming the field, with nothing written; and
 * the values at the documented limits ({@link JobSpec}) read back exactly from the store.
 *
 * <p>One group of the {@link JobStoreContract}; see {@link JobContractSupport} for the convention.
 */
public abstract class JobInputContract extends JobContractSupport {
  private JobQueue jobs;
  private TenantId tenant;
  private String queue;

  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobInputContract() {}

  @BeforeEach
  void facade() {
    jobs = JobQueue.builder().store(store()).clock(clock).handler("test.job", ctx -> {}).build();
    tenant = newTenant();
    queue = newQueue();
    jobs.createQueue(QueueConfig.defaults(queue));
  }

  private JobSpec.Builder spec() {
    return JobSpec.builder(queue, "test.job");
  }

  private void assertRejected(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor(field)).isTrue());
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items()).isEmpty();
    assertThat(jobs.listSchedules(tenant)).isEmpty();
  }

  private void assertPayloadRejected(String payload) {
    assertRejected(() -> jobs.enqueue(tenant, spec().payload(payload).build()), "payload");
  }

  @Test
  void payloadMustBeExactlyOneJsonValue() {
    assertPayloadRejected("{\"a\":1} trailing");
    assertPayloadRejected("{} {}");
    assertPayloadRejected("[1,2");
    assertPayloadRejected("");
    assertPayloadRejected("{\"a\":1,\"a\":2}");
  }

  @Test
  void payloadMustNotHoldNulOrUnpairedSurrogates() {
    assertPayloadRejected("{\"a\":\"x\\u0000y\"}");
    assertPayloadRejected("{\"x\\u0000\":1}");
    assertPayloadRejected("{\"a\":\"\\ud800\"}");
    assertPayloadRejected("{\"a\":\"\\udc00x\"}");
    assertPayloadRejected("{\"a\":\"\uD800\"}");
    assertPayloadRejected("{\"a\":\"x\uDC00\"}");
  }

  @Test
  void payloadLongerThanTheLimitIsRejected() {
    String big = "\"" + "x".repeat(JobSpec.MAX_PAYLOAD_LENGTH - 1) + "\"";
    assertPayloadRejected(big);
  }

  @Test
  void idempotencyKeysWithUnpairedSurrogatesAreRejected() {
    assertRejected(
        () -> jobs.enqueue(tenant, spec().idempotencyKey("k\uD800").build()), "idempotencyKey");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().idempotencyKey("k\uDC00").build()), "idempotencyKey");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().idempotencyKey("k\u0000").build()), "idempotencyKey");
  }

  @Test
  void keysThatDifferOnlyInSupplementaryCharactersStayDistinct() {
    Job first = jobs.enqueue(tenant, spec().idempotencyKey("k\uD83D\uDE00").build());
    Job second = jobs.enqueue(tenant, spec().idempotencyKey("k\uD83D\uDE01").build());

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(jobs.get(tenant, first.id()).orElseThrow().idempotencyKey())
        .isEqualTo("k\uD83D\uDE00");
    assertThat(jobs.get(tenant, second.id()).orElseThrow().idempotencyKey())
        .isEqualTo("k\uD83D\uDE01");
  }

  @Test
  void runAtOutsideWhatStoresHoldIsRejected() {
    assertRejected(() -> jobs.enqueue(tenant, spec().runAt(Instant.MAX).build()), "runAt");
    assertRejected(() -> jobs.enqueue(tenant, spec().runAt(Instant.MIN).build()), "runAt");
    Instant millionYears = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(365_250_000));
    assertRejected(() -> jobs.enqueue(tenant, spec().runAt(millionYears).build()), "runAt");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().runAt(JobSpec.LATEST_RUN_AT.plusMillis(1)).build()),
        "runAt");
  }

  @Test
  void delaysAndTimeoutsThatOverflowAreRejected() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
    assertRejected(() -> jobs.enqueue(tenant, spec().delay(huge).build()), "delay");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().delay(Duration.ofDays(365_250_000)).build()), "delay");
    assertRejected(() -> jobs.enqueue(tenant, spec().timeout(huge).build()), "timeout");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().timeout(JobSpec.MAX_TIMEOUT.plusMillis(1)).build()),
        "timeout");
    assertRejected(
        () -> jobs.enqueue(tenant, spec().backoff(new RetryBackoff(huge, huge)).build()),
        "backoff.initial");
  }

  @Test
  void aCronThatCanNeverFireIsRejectedAtCreation() {
    assertRejected(
        () ->
            jobs.createSchedule(
                tenant, ScheduleSpec.of("never", "0 0 31 2 *", ZoneOffset.UTC, queue, "test.job")),
        "cron");
    assertRejected(
        () ->
            jobs.createSchedule(
                tenant, ScheduleSpec.of("never", "0 0 30 2 *", ZoneOffset.UTC, queue, "test.job")),
        "cron");
  }

  @Test
  void updatesAreCheckedLikeEnqueues() {
    Job job = jobs.enqueue(tenant, spec().runAt(clock.instant().plusSeconds(60)).build());

    assertThatThrownBy(() -> jobs.update(tenant, job.id(), JobUpdate.payload("{} x")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> jobs.update(tenant, job.id(), JobUpdate.runAt(Instant.MAX)))
        .isInstanceOf(ValidationException.class);
    assertSameJob(jobs.get(tenant, job.id()).orElseThrow(), job);
  }

  @Test
  void valuesAtTheLimitsReadBackExactly() {
    String payload = "{\"s\":\"\u00e9\u01e9\uD83D\uDE00\\ud83d\\ude01\",\"n\":[1,2.5,null,true]}";
    Job latest =
        jobs.enqueue(
            tenant,
            spec()
                .payload(payload)
                .runAt(JobSpec.LATEST_RUN_AT)
                .timeout(JobSpec.MAX_TIMEOUT)
                .backoff(new RetryBackoff(JobSpec.MAX_DELAY, JobSpec.MAX_DELAY))
                .build());
    Job delayed = jobs.enqueue(tenant, spec().delay(JobSpec.MAX_DELAY).build());
    Job earliest = jobs.enqueue(tenant, spec().runAt(JobSpec.EARLIEST_RUN_AT).build());

    Job read = jobs.get(tenant, latest.id()).orElseThrow();
    assertThat(read.runAt()).isEqualTo(JobSpec.LATEST_RUN_AT);
    assertThat(read.timeout()).isEqualTo(JobSpec.MAX_TIMEOUT);
    assertThat(read.backoff()).isEqualTo(new RetryBackoff(JobSpec.MAX_DELAY, JobSpec.MAX_DELAY));
    assertSameJson(read.payload(), payload);
    assertThat(jobs.get(tenant, delayed.id()).orElseThrow().runAt())
        .isEqualTo(clock.instant().plus(JobSpec.MAX_DELAY).truncatedTo(ChronoUnit.MILLIS));
    assertThat(jobs.get(tenant, earliest.id()).orElseThrow().runAt())
        .isEqualTo(JobSpec.EARLIEST_RUN_AT);
  }
}
