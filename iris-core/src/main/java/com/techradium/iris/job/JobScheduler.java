package com.techradium.iris.job;

import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires cron schedules and sweeps lapsed leases. A {@link BackgroundService}: a {@link JobQueue}
 * built with a runtime registers one. Every node may run one: each occurrence is enqueued by
 * exactly one of them through {@link JobStore#claimOccurrence}.
 *
 * <p>On every tick (the scheduler interval) it enqueues the due occurrence of each due schedule
 * (one catch-up occurrence after downtime, then the next fire time after now) and returns jobs
 * whose lease lapsed to their queues ({@link JobStore#requeueExpired}). Thread-safe.
 */
final class JobScheduler implements BackgroundService {
  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
  private static final int BATCH = 100;

  /** Where a schedule that never fires again parks its next fire time. */
  static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

  private final JobStore store;
  private final JobSettings settings;
  private @Nullable ScheduledFuture<?> task;

  JobScheduler(JobStore store, JobSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "job-scheduler";
  }

  @Override
  public synchronized void start(IrisRuntime runtime) {
    if (task != null) {
      throw new IllegalStateException("job scheduler already started");
    }
    task =
        runtime.scheduleWithFixedDelay(
            "job-scheduler", this::tick, Duration.ZERO, settings.schedulerInterval());
  }

  /** One round: fire due schedules, then sweep lapsed leases. */
  void tick() {
    Instant now = settings.now();
    try {
      fireDue(now);
    } catch (RuntimeException e) {
      LOG.warn("firing cron schedules failed; will try again", e);
    }
    try {
      while (store.requeueExpired(now, BATCH * 5) == BATCH * 5) {
        // more lapsed leases to sweep
      }
    } catch (RuntimeException e) {
      LOG.warn("sweeping lapsed job leases failed; will try again", e);
    }
  }

  private void fireDue(Instant now) {
    while (true) {
      List<CronSchedule> due = store.dueSchedules(now, BATCH);
      for (CronSchedule schedule : due) {
        fire(schedule, now);
      }
      if (due.size() < BATCH) {
        return;
      }
    }
  }

  private void fire(CronSchedule s, Instant now) {
    Instant next = CronExpressions.nextAfter(s.cron(), s.zone(), s.nextFireAt()).orElse(NEVER);
    while (!next.isAfter(now)) {
      // occurrences missed while no scheduler ran are skipped: one catch-up run is enough
      next = CronExpressions.nextAfter(s.cron(), s.zone(), next).orElse(NEVER);
    }
    QueueConfig queue = store.getQueue(s.queue()).orElseGet(() -> QueueConfig.defaults(s.queue()));
    NewJob job =
        new NewJob(
            settings.ids().next(),
            s.queue(),
            s.type(),
            s.payload(),
            s.priority() != null ? s.priority() : queue.defaultPriority(),
            s.nextFireAt(),
            s.maxAttempts() != null ? s.maxAttempts() : queue.defaultMaxAttempts(),
            s.timeout() != null ? s.timeout() : settings.defaultTimeout(),
            null,
            null,
            null,
            List.of(),
            ParentFailurePolicy.FAIL);
    store
        .claimOccurrence(s.tenant(), s.name(), s.nextFireAt(), next, job, now)
        .ifPresent(j -> LOG.debug("schedule {}/{} enqueued job {}", s.tenant(), s.name(), j.id()));
  }

  @Override
  public synchronized void stop(Duration timeout) {
    if (task != null) {
      task.cancel(false);
    }
  }
}
