package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.job.spi.JobStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Turns {@link ScheduleSpec}s into stored {@link CronSchedule}s for {@link JobQueue}. */
final class ScheduleDefinitions {
  private final JobStore store;
  private final Predicate<String> typeKnown;

  ScheduleDefinitions(JobStore store, Predicate<String> typeKnown) {
    this.store = store;
    this.typeKnown = typeKnown;
  }

  /** A new schedule from {@code spec}, first firing after {@code now}; validated. */
  CronSchedule newSchedule(TenantId tenant, ScheduleSpec spec, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(spec, "spec");
    boolean queueKnown = store.getQueue(spec.queue()).isPresent();
    Validation.of()
        .check(
            queueKnown,
            "queue",
            queueKnown
                ? ""
                : UnknownQueues.message(
                    spec.queue(), store.listQueues().stream().map(QueueConfig::name).toList()))
        .check(typeKnown.test(spec.type()), "type", "no handler is known for type " + spec.type())
        .throwIfInvalid();
    Instant next =
        CronExpressions.nextAfter(spec.cron(), spec.zone(), now).orElse(JobScheduler.NEVER);
    return new CronSchedule(
        tenant,
        spec.name(),
        spec.cron(),
        spec.zone(),
        spec.queue(),
        spec.type(),
        spec.payload(),
        spec.priority(),
        spec.maxAttempts(),
        spec.timeout(),
        next,
        null,
        now);
  }

  /** Creates the schedule, or brings an existing one to this definition. */
  CronSchedule register(TenantId tenant, ScheduleSpec spec, Instant now) {
    CronSchedule fresh = newSchedule(tenant, spec, now);
    Optional<CronSchedule> existing = store.getSchedule(tenant, spec.name());
    if (existing.isEmpty()) {
      return store.createSchedule(fresh)
          ? fresh
          : store.getSchedule(tenant, spec.name()).orElse(fresh);
    }
    CronSchedule current = existing.get();
    if (spec.sameDefinitionAs(current)) {
      return current;
    }
    boolean sameTimes = current.cron().equals(spec.cron()) && current.zone().equals(spec.zone());
    CronSchedule updated =
        new CronSchedule(
            tenant,
            spec.name(),
            spec.cron(),
            spec.zone(),
            spec.queue(),
            spec.type(),
            spec.payload(),
            spec.priority(),
            spec.maxAttempts(),
            spec.timeout(),
            sameTimes ? current.nextFireAt() : fresh.nextFireAt(),
            current.lastFiredAt(),
            current.createdAt());
    store.saveSchedule(updated);
    return updated;
  }
}
