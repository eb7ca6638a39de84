package com.techradium.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ScheduleSpec;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every background service of today (the asynchronous audit writer, a job worker, a job scheduler
 * firing a cron schedule) on one runtime sized like the default on a small host.
 */
class RuntimeThreadsTest {
  private static final int BLOCKING_HANDLERS = 4; // the default concurrency of a queue

  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T12:00:00Z"));
  private final TenantId tenant = TenantId.of("acme");
  private final InMemoryAuditStore auditStore = new InMemoryAuditStore();
  private final CountDownLatch releaseHandlers = new CountDownLatch(1);
  private final AtomicInteger blockedHandlers = new AtomicInteger();
  private final AtomicInteger smsSent = new AtomicInteger();
  private final AtomicInteger reportsBuilt = new AtomicInteger();
  private final AtomicReference<String> handlerThread = new AtomicReference<>("");

  private IrisRuntime runtime; // set by assemble(...)
  private AuditLog audit;
  private JobQueue jobs;

  @AfterEach
  void close() {
    releaseHandlers.countDown();
    if (runtime != null) {
      runtime.close();
    }
  }

  /** A runtime named {@code name} with {@code workerThreads}, and every service registered. */
  private void assemble(String name, int workerThreads) {
    runtime =
        IrisRuntime.builder()
            .name(name)
            .workerThreads(workerThreads)
            .shutdownTimeout(Duration.ofSeconds(5))
            .build();
    audit = AuditLog.builder().store(auditStore).clock(clock).runtime(runtime).build();
    jobs =
        JobQueue.builder()
            .store(new InMemoryJobStore())
            .clock(clock)
            .runtime(runtime)
            .leaseDuration(Duration.ofHours(1)) // the test moves the clock on by a minute
            .pollInterval(Duration.ofMillis(10))
            .schedulerInterval(Duration.ofMillis(10))
            .handler("mail.hold", ctx -> holdUntilReleased())
            .handler("sms.send", ctx -> smsSent.incrementAndGet())
            .handler("report.build", ctx -> reportsBuilt.incrementAndGet())
            .build();
  }

  private void holdUntilReleased() throws InterruptedException {
    handlerThread.set(Thread.currentThread().getName());
    blockedHandlers.incrementAndGet();
    releaseHandlers.await(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0} shared worker thread(s)")
  @ValueSource(ints = {2, 1})
  void everyServiceMakesProgressWhileHandlersHoldTheirThreads(int workerThreads) {
    assemble("small-host-" + workerThreads, workerThreads);
    runtime.start();
    for (int i = 0; i < BLOCKING_HANDLERS; i++) {
      jobs.enqueue(tenant, JobSpec.builder("emails", "mail.hold").build());
    }
    awaitUntil("every blocking handler runs", () -> blockedHandlers.get() == BLOCKING_HANDLERS);
    jobs.createSchedule(
        tenant,
        ScheduleSpec.of("minutely-report", "* * * * *", ZoneOffset.UTC, "reports", "report.build"));
    clock.advance(Duration.ofMinutes(1));

    for (int i = 0; i < 100; i++) {
      audit.enqueue(event(i));
    }
    for (int i = 0; i < 20; i++) {
      jobs.enqueue(tenant, JobSpec.builder("sms", "sms.send").build());
    }

    awaitUntil("the audit events are written", () -> writtenEvents() == 100);
    awaitUntil("the jobs run", () -> smsSent.get() == 20);
    awaitUntil("the schedule fires and its job runs", () -> reportsBuilt.get() >= 1);
    releaseHandlers.countDown();
    awaitUntil(
        "the held jobs complete",
        () -> jobs.stats(tenant, "emails").count(JobState.COMPLETED) == BLOCKING_HANDLERS);
  }

  @Test
  void threadNamesSayWhichServiceTheyBelongTo() {
    assemble("named", 2);
    runtime.start();
    jobs.enqueue(tenant, JobSpec.builder("emails", "mail.hold").build());
    audit.enqueue(event(1));
    awaitUntil("the handler runs", () -> blockedHandlers.get() == 1);
    awaitUntil("the audit event is written", () -> writtenEvents() == 1);

    assertThat(handlerThread.get()).isEqualTo("named-jobs-emails-1");
    assertThat(threadsNamed("named-"))
        .contains("named-audit-writer", "named-jobs-emails-1", "named-scheduler-1")
        .allMatch(
            name ->
                name.equals("named-audit-writer")
                    || name.equals("named-scheduler-1")
                    || name.matches("named-worker-[12]")
                    || name.matches("named-jobs-emails-\\d+"),
            "a thread of the audit writer, the scheduler, the shared pool or a queue's handlers");
  }

  @Test
  void noIrisThreadIsLeftAfterClose() {
    assertThat(threadsNamed("leak-check-")).isEmpty();
    assemble("leak-check", 2);
    runtime.start();
    for (int i = 0; i < 10; i++) {
      audit.enqueue(event(i));
      jobs.enqueue(tenant, JobSpec.builder("sms", "sms.send").build());
    }
    jobs.enqueue(tenant, JobSpec.builder("emails", "mail.hold").build());
    awaitUntil("the jobs run", () -> smsSent.get() == 10 && blockedHandlers.get() == 1);
    assertThat(threadsNamed("leak-check-")).isNotEmpty();
    releaseHandlers.countDown();

    runtime.close();

    assertThat(writtenEvents()).isEqualTo(10);
    awaitUntil("every thread of the runtime ends", () -> threadsNamed("leak-check-").isEmpty());
  }

  private AuditEvent event(int i) {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT)
        .actor("user-" + i)
        .action("page.view")
        .build();
  }

  private long writtenEvents() {
    return auditStore.count(AuditQuery.forTenant(tenant).build());
  }

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  /** Waits for what background threads bring about, failing after a generous bound. */
  private static void awaitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting until " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }

  /** A clock that stands still until the test moves it. */
  private static final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a fixed-zone test clock");
    }
  }
}
