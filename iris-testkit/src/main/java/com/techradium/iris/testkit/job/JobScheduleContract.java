package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Queues and cron schedules: queue configurations and schedules are created once, saved, listed and
 * deleted, and a schedule's occurrence is enqueued exactly once however many nodes race for it.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. An adapter
 * normally extends {@code JobStoreContract}; to run this group alone, extend this class and
 * implement {@code newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport}
 * describes.
 */
public abstract class JobScheduleContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobScheduleContract() {}

  private CronSchedule schedule(TenantId tenant, String name, Instant next) {
    return new CronSchedule(
        tenant,
        name,
        "*/5 * * * *",
        ZoneId.of("Europe/Paris"),
        newQueue(),
        "report.build",
        "{\"kind\":\"daily\"}",
        7,
        3,
        Duration.ofMinutes(2),
        next,
        null,
        clock.instant());
  }

  @Test
  void queueConfigurationsAreCreatedOnceSavedAndDeleted() {
    String name = newQueue();
    QueueConfig config = QueueConfig.defaults(name);

    assertThat(store().createQueue(config)).isTrue();
    assertThat(store().createQueue(config.withConcurrency(9))).isFalse();
    assertThat(store().getQueue(name)).contains(config);
    QueueConfig paused = config.withPaused(true).withRetention(Duration.ofDays(7));
    store().saveQueue(paused);
    assertThat(store().getQueue(name)).contains(paused);
    assertThat(store().listQueues()).contains(paused);
    assertThat(store().deleteQueue(name)).isTrue();
    assertThat(store().deleteQueue(name)).isFalse();
    assertThat(store().getQueue(name)).isEmpty();
  }

  @Test
  void schedulesAreCreatedOnceReplacedListedAndDeleted() {
    TenantId tenant = newTenant();
    CronSchedule s = schedule(tenant, "nightly", clock.instant().plusSeconds(300));

    assertThat(store().createSchedule(s)).isTrue();
    assertThat(store().createSchedule(schedule(tenant, "nightly", clock.instant()))).isFalse();
    Optional<CronSchedule> read = store().getSchedule(tenant, "nightly");
    assertThat(read).isPresent();
    assertThat(read.get()).usingRecursiveComparison().ignoringFields("payload").isEqualTo(s);
    assertSameJson(read.get().payload(), s.payload());
    assertThat(store().getSchedule(newTenant(), "nightly")).isEmpty();

    CronSchedule replaced = schedule(tenant, "nightly", clock.instant().plusSeconds(600));
    store().saveSchedule(replaced);
    store().createSchedule(schedule(tenant, "a-first", clock.instant()));
    assertThat(store().listSchedules(tenant))
        .extracting(CronSchedule::name, CronSchedule::nextFireAt)
        .containsExactly(
            tuple("a-first", clock.instant()), tuple("nightly", clock.instant().plusSeconds(600)));
    assertThat(store().deleteSchedule(tenant, "nightly")).isTrue();
    assertThat(store().deleteSchedule(tenant, "nightly")).isFalse();
    assertThat(store().listSchedules(tenant))
        .extracting(CronSchedule::name)
        .containsExactly("a-first");
  }

  @Test
  void dueSchedulesAreThoseWhoseTimeHasCome() {
    TenantId tenant = newTenant();
    store().createSchedule(schedule(tenant, "due", clock.instant().minusSeconds(1)));
    store().createSchedule(schedule(tenant, "later", clock.instant().plusSeconds(1)));

    List<CronSchedule> due = store().dueSchedules(clock.instant(), 10_000);

    assertThat(due.stream().filter(s -> s.tenant().equals(tenant)))
        .extracting(CronSchedule::name)
        .containsExactly("due");
  }

  @Test
  void anOccurrenceIsEnqueuedExactlyOnceWhenManyRace() throws Exception {
    TenantId tenant = newTenant();
    Instant fireAt = clock.instant();
    CronSchedule s = schedule(tenant, "race", fireAt);
    store().createSchedule(s);
    Instant next = fireAt.plus(Duration.ofMinutes(5));

    List<Optional<Job>> results =
        runConcurrently(
            8,
            Duration.ofSeconds(30),
            t -> {
              NewJob occurrence = job(s.queue());
              return () ->
                  store()
                      .claimOccurrence(tenant, "race", fireAt, next, occurrence, clock.instant());
            });

    List<Job> winners = results.stream().flatMap(Optional::stream).toList();
    assertThat(winners).hasSize(1);
    assertThat(listed(tenant)).extracting(Job::id).containsExactly(winners.get(0).id());
    CronSchedule after = store().getSchedule(tenant, "race").orElseThrow();
    assertThat(after.nextFireAt()).isEqualTo(next);
    assertThat(after.lastFiredAt()).isEqualTo(fireAt);
    assertThat(
            store().claimOccurrence(tenant, "race", fireAt, next, job(s.queue()), clock.instant()))
        .isEmpty();
  }

  @Test
  void anOccurrenceOfAMissingScheduleEnqueuesNothing() {
    TenantId tenant = newTenant();
    NewJob occurrence = job(newQueue());

    assertThat(
            store()
                .claimOccurrence(
                    tenant,
                    "missing",
                    clock.instant(),
                    clock.instant(),
                    occurrence,
                    clock.instant()))
        .isEmpty();
    assertThat(store().get(tenant, occurrence.id())).isEmpty();
  }
}
