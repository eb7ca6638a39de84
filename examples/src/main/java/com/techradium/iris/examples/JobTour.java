package com.techradium.iris.examples;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.CronExpressions;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.ScheduleSpec;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short tour of {@link JobQueue}: priorities, a delayed job, a chain, a failing job that retries
 * with backoff, a cron schedule, and queue stats.
 */
public final class JobTour {
  private static final TenantId TENANT = TenantId.of("demo");

  private JobTour() {}

  /**
   * Runs the tour on {@code jobs}, whose worker must be running (its runtime started), printing to
   * {@code out}. Registers the handlers {@code tour.print} and {@code tour.flaky}.
   */
  public static void run(PrintStream out, JobQueue jobs) {
    AtomicInteger flakyCalls = new AtomicInteger();
    Instant start = Instant.now();
    jobs.registerHandler(
        "tour.print",
        ctx ->
            out.printf(
                "  ran %-14s priority %2d after %4d ms%n",
                ctx.payload().path("name").asText(),
                ctx.job().priority(),
                Duration.between(start, Instant.now()).toMillis()));
    jobs.registerHandler(
        "tour.flaky",
        ctx -> {
          if (flakyCalls.incrementAndGet() < 3) {
            throw new IllegalStateException("carrier unavailable");
          }
          out.printf("  flaky job succeeded on attempt %d%n", ctx.attempt());
        });
    out.println("Priorities: a paused queue fills up, then runs highest priority first");
    QueueConfig tour = QueueConfig.defaults("tour").withConcurrency(1).withPaused(true);
    if (jobs.getQueue("tour").isPresent()) {
      jobs.updateQueue(tour); // a second run on the same database
    } else {
      jobs.createQueue(tour);
    }
    enqueue(jobs, "bulk-report", 1);
    enqueue(jobs, "password-reset", 10);
    enqueue(jobs, "newsletter", 3);
    enqueue(jobs, "invoice", 7);
    jobs.resumeQueue("tour");
    awaitQueueIdle(jobs, "tour");

    out.println("A delayed job (300 ms) and a chain (A then B):");
    Job delayed =
        jobs.enqueue(
            TENANT,
            JobSpec.builder("tour", "tour.print")
                .payload("{\"name\":\"delayed\"}")
                .delay(Duration.ofMillis(300))
                .build());
    Job a =
        jobs.enqueue(
            TENANT,
            JobSpec.builder("tour", "tour.print").payload("{\"name\":\"chain-A\"}").build());
    jobs.enqueue(
        TENANT,
        JobSpec.builder("tour", "tour.print")
            .payload("{\"name\":\"chain-B\"}")
            .priority(10)
            .after(a.id())
            .build());
    awaitQueueIdle(jobs, "tour");
    out.printf("  delayed job is %s%n", jobs.get(TENANT, delayed.id()).orElseThrow().state());

    out.println("A failing job retries with exponential backoff:");
    Job flaky =
        jobs.enqueue(
            TENANT,
            JobSpec.builder("sms", "tour.flaky")
                .backoff(new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build());
    awaitQueueIdle(jobs, "sms");
    for (JobAttempt attempt : jobs.attempts(TENANT, flaky.id())) {
      out.printf(
          "  attempt %d: %-9s %s%n",
          attempt.number(), attempt.outcome(), attempt.error() == null ? "" : attempt.error());
    }

    out.println("A cron schedule (02:30 every day, New York time):");
    CronSchedule nightly =
        jobs.createSchedule(
            TENANT,
            ScheduleSpec.of(
                "nightly-report",
                "30 2 * * *",
                ZoneId.of("America/New_York"),
                "reports",
                "tour.print"));
    out.printf("  next run %s%n", nightly.nextFireAt());
    Instant dstDay = Instant.parse("2026-03-07T12:00:00Z");
    Instant next = CronExpressions.nextAfter(nightly.cron(), nightly.zone(), dstDay).orElseThrow();
    Instant after = CronExpressions.nextAfter(nightly.cron(), nightly.zone(), next).orElseThrow();
    out.printf("  around the 2026-03-08 clock change it runs at %s and %s%n", next, after);

    out.println("Stats of the tour queue (last 24 h):");
    print(out, jobs.stats(TENANT, "tour"));
    out.println("Stats of the sms queue (last 24 h):");
    print(out, jobs.stats(TENANT, "sms"));
  }

  private static void enqueue(JobQueue jobs, String name, int priority) {
    jobs.enqueue(
        TENANT,
        JobSpec.builder("tour", "tour.print")
            .payload("{\"name\":\"" + name + "\"}")
            .priority(priority)
            .build());
  }

  private static void awaitQueueIdle(JobQueue jobs, String queue) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JobStats stats = jobs.stats(TENANT, queue);
      long open = 0;
      for (JobState state :
          List.of(
              JobState.BLOCKED,
              JobState.SCHEDULED,
              JobState.QUEUED,
              JobState.RUNNING,
              JobState.FAILED)) {
        open += stats.count(state);
      }
      if (open == 0) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("queue " + queue + " did not drain");
  }

  private static void print(PrintStream out, JobStats stats) {
    out.printf(
        Locale.ROOT,
        "  completed %d, failed attempts %d, failure rate %.0f%%, avg run %s, p95 run %s%n",
        stats.count(JobState.COMPLETED),
        stats.failed(),
        stats.failureRate() * 100,
        stats.averageRunTime(),
        stats.p95RunTime());
  }

  /** Runs the tour on the in-memory store. */
  public static void main(String[] args) {
    try (IrisRuntime runtime = IrisRuntime.create()) {
      JobQueue jobs =
          JobQueue.builder()
              .store(new InMemoryJobStore())
              .runtime(runtime)
              .pollInterval(Duration.ofMillis(20))
              .build();
      runtime.start();
      run(System.out, jobs);
    }
  }
}
