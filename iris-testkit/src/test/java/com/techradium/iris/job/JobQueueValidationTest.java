package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class JobQueueValidationTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final JobQueue jobs =
      JobQueue.builder().store(store).clock(clock).handler("mail.send", ctx -> {}).build();
  private final TenantId tenant = TenantId.of("acme");

  private static JobSpec.Builder mail() {
    return JobSpec.builder("emails", "mail.send");
  }

  private void assertRejected(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor(field)).isTrue());
    assertNothingEnqueued();
  }

  private void assertNothingEnqueued() {
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void unknownQueueIsRejected() {
    assertRejected(
        () -> jobs.enqueue(tenant, JobSpec.builder("nope", "mail.send").build()), "queue");
  }

  @Test
  void anUnknownQueueErrorListsTheQueuesAndSaysHowToCreateOne() {
    assertThatThrownBy(() -> jobs.enqueue(tenant, JobSpec.builder("mail", "mail.send").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown queue mail")
        .hasMessageContaining("emails, reports")
        .hasMessageContaining("JobQueue.createQueue");
  }

  @Test
  void unknownHandlerTypeIsRejected() {
    assertRejected(
        () -> jobs.enqueue(tenant, JobSpec.builder("emails", "sms.send").build()), "type");
  }

  @Test
  void declaredKnownTypesMayBeEnqueuedWithoutALocalHandler() {
    JobQueue producer = JobQueue.builder().store(store).clock(clock).knownTypes("sms.send").build();

    Job job = producer.enqueue(tenant, JobSpec.builder("sms", "sms.send").build());

    assertThat(job.state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void tenantUnknownToTheDirectoryIsRejected() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.register(TenantId.of("known"), "Known Ltd", clock.instant());
    JobQueue guarded =
        JobQueue.builder()
            .store(store)
            .clock(clock)
            .tenants(directory)
            .handler("mail.send", ctx -> {})
            .build();

    assertRejected(() -> guarded.enqueue(tenant, mail().build()), "tenantId");
    assertThatThrownBy(
            () ->
                guarded.createSchedule(
                    tenant,
                    ScheduleSpec.of("daily", "0 9 * * *", ZoneId.of("UTC"), "emails", "mail.send")))
        .isInstanceOf(ValidationException.class);
    assertThat(store.listSchedules(tenant)).isEmpty();
    assertRejected(() -> guarded.listSchedules(tenant), "tenantId");
    assertRejected(() -> guarded.get(tenant, guarded.newJobId()), "tenantId");
    assertRejected(() -> guarded.stats(tenant), "tenantId");
    assertThat(guarded.enqueue(TenantId.of("known"), mail().build()).state())
        .isEqualTo(JobState.QUEUED);
  }

  @Test
  void priorityOutOfRangeIsRejected() {
    assertRejected(() -> jobs.enqueue(tenant, mail().priority(11).build()), "priority");
    assertRejected(() -> jobs.enqueue(tenant, mail().priority(-1).build()), "priority");
  }

  @Test
  void payloadThatIsNotJsonIsRejected() {
    assertRejected(() -> jobs.enqueue(tenant, mail().payload("{not json").build()), "payload");
  }

  @Test
  void unknownParentIsRejected() {
    assertRejected(
        () -> jobs.enqueue(tenant, mail().after(UUID.randomUUID()).build()), "parentIds");
  }

  @Test
  void parentOfAnotherTenantIsUnknown() {
    Job parent = jobs.enqueue(TenantId.of("other"), mail().build());

    assertRejected(() -> jobs.enqueue(tenant, mail().after(parent.id()).build()), "parentIds");
  }

  @Test
  void dependencyCycleWithinABatchIsRejected() {
    UUID a = jobs.newJobId();
    UUID b = jobs.newJobId();
    UUID c = jobs.newJobId();

    assertRejected(
        () ->
            jobs.enqueueAll(
                tenant,
                List.of(
                    mail().id(a).after(c).build(),
                    mail().id(b).after(a).build(),
                    mail().id(c).after(b).build())),
        "parentIds");
  }

  @Test
  void oneBadJobRejectsTheWholeBatchNamingIt() {
    assertRejected(
        () ->
            jobs.enqueueAll(
                tenant, List.of(mail().build(), JobSpec.builder("nope", "mail.send").build())),
        "jobs[1].queue");
  }

  @Test
  void repeatedIdWithinABatchIsRejected() {
    UUID id = jobs.newJobId();

    assertRejected(
        () -> jobs.enqueueAll(tenant, List.of(mail().id(id).build(), mail().id(id).build())),
        "jobs[1].id");
  }

  @Test
  void idempotencyConflictIsRejectedAndEnqueuesNothingOfTheBatch() {
    Job first = jobs.enqueue(tenant, mail().idempotencyKey("k").payload("{\"a\":1}").build());

    assertThatThrownBy(
            () ->
                jobs.enqueueAll(
                    tenant,
                    List.of(
                        mail().build(), mail().idempotencyKey("k").payload("{\"a\":2}").build())))
        .isInstanceOf(ConflictException.class);
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items())
        .extracting(Job::id)
        .containsExactly(first.id());
  }

  @Test
  void idempotentRepeatReturnsTheExistingJob() {
    Job first = jobs.enqueue(tenant, mail().idempotencyKey("k").payload("{\"a\":1}").build());
    clock.advance(Duration.ofHours(1));

    Job again = jobs.enqueue(tenant, mail().idempotencyKey("k").payload("{\"a\":1}").build());

    assertThat(again.id()).isEqualTo(first.id());
  }

  @Test
  void defaultsComeFromTheQueueAndTheFacade() {
    jobs.updateQueue(
        jobs.getQueue("emails").orElseThrow().withDefaultPriority(8).withDefaultMaxAttempts(9));

    Job job = jobs.enqueue(tenant, mail().delay(Duration.ofMinutes(2)).build());

    assertThat(job.priority()).isEqualTo(8);
    assertThat(job.maxAttempts()).isEqualTo(9);
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(job.runAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
    assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(job.tenant()).isEqualTo(tenant);
  }

  @Test
  void defaultQueuesAndTheCleanupScheduleExistOnFirstUse() {
    assertThat(jobs.listQueues())
        .extracting(QueueConfig::name)
        .containsExactlyInAnyOrderElementsOf(JobQueue.DEFAULT_QUEUES);
    assertThat(jobs.getSchedule(jobs.systemTenant(), JobQueue.CLEANUP_SCHEDULE))
        .hasValueSatisfying(s -> assertThat(s.type()).isEqualTo(JobQueue.CLEANUP_TYPE));
  }

  @Test
  void aCronThatDoesNotParseIsRejected() {
    assertThatThrownBy(
            () ->
                jobs.createSchedule(
                    tenant,
                    ScheduleSpec.of("bad", "every day", ZoneId.of("UTC"), "emails", "mail.send")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("cron")).isTrue());
    assertThat(jobs.listSchedules(tenant)).isEmpty();
  }

  @Test
  void scheduleForAnUnknownQueueIsRejected() {
    assertThatThrownBy(
            () ->
                jobs.createSchedule(
                    tenant,
                    ScheduleSpec.of("s", "0 * * * *", ZoneId.of("UTC"), "nope", "mail.send")))
        .isInstanceOf(ValidationException.class);
    assertThat(jobs.listSchedules(tenant)).isEmpty();
  }

  @Test
  void schedulesAreCreatedListedAndDeleted() {
    CronSchedule s =
        jobs.createSchedule(
            tenant,
            ScheduleSpec.of(
                "hourly", "0 * * * *", ZoneId.of("Europe/Berlin"), "emails", "mail.send"));

    assertThat(s.nextFireAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(jobs.listSchedules(tenant)).containsExactly(s);
    assertThatThrownBy(
            () ->
                jobs.createSchedule(
                    tenant,
                    ScheduleSpec.of(
                        "hourly", "5 * * * *", ZoneId.of("UTC"), "emails", "mail.send")))
        .isInstanceOf(ConflictException.class);
    assertThat(jobs.deleteSchedule(tenant, "hourly")).isTrue();
    assertThat(jobs.listSchedules(tenant)).isEmpty();
  }

  @Test
  void registeringAScheduleTwiceKeepsOne() {
    ScheduleSpec spec =
        ScheduleSpec.of("quota-reset", "0 0 1 * *", ZoneId.of("UTC"), "scheduled", "mail.send");
    CronSchedule first = jobs.registerSchedule(jobs.systemTenant(), spec);

    CronSchedule again = jobs.registerSchedule(jobs.systemTenant(), spec);
    CronSchedule changed = jobs.registerSchedule(jobs.systemTenant(), spec.withPriority(9));

    assertThat(again).isEqualTo(first);
    assertThat(changed.priority()).isEqualTo(9);
    assertThat(changed.nextFireAt()).isEqualTo(first.nextFireAt());
  }

  @Test
  void cleanupDeletesFinishedJobsPastTheirQueuesRetention() {
    jobs.updateQueue(jobs.getQueue("emails").orElseThrow().withRetention(Duration.ofDays(1)));
    Job old = jobs.enqueue(tenant, mail().build());
    Job waiting = jobs.enqueue(tenant, mail().delay(Duration.ofDays(5)).build());
    jobs.cancel(tenant, old.id());
    clock.advance(Duration.ofDays(1).plusMillis(1));

    assertThat(jobs.cleanup()).isEqualTo(1);
    assertThat(jobs.get(tenant, old.id())).isEmpty();
    assertThat(jobs.get(tenant, waiting.id())).isPresent();
  }

  @Test
  void statsSummariseEveryQueueAndEachOne() {
    jobs.enqueue(tenant, mail().build());
    jobs.enqueue(tenant, mail().delay(Duration.ofMinutes(1)).build());
    jobs.enqueue(TenantId.of("other"), mail().build());
    clock.advance(Duration.ofSeconds(42));

    JobStatsSummary mine = jobs.stats(tenant);
    JobStatsSummary everyone = jobs.deploymentStats();

    assertThat(mine.overall().total()).isEqualTo(2);
    assertThat(mine.queue("emails").orElseThrow().count(JobState.QUEUED)).isEqualTo(1);
    assertThat(mine.queue("emails").orElseThrow().oldestQueuedAge())
        .contains(Duration.ofSeconds(42));
    assertThat(mine.queue("sms").orElseThrow().total()).isZero();
    assertThat(mine.byQueue().keySet()).containsAll(JobQueue.DEFAULT_QUEUES);
    assertThat(everyone.overall().count(JobState.QUEUED)).isEqualTo(2);
  }

  @Test
  void buildingWithoutAStoreFailsClearly() {
    assertThatThrownBy(() -> JobQueue.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }

  @Test
  void aSecondHandlerForOneTypeIsRefused() {
    assertThatThrownBy(() -> jobs.registerHandler("mail.send", ctx -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
