package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a {@link JobWorker}'s handlers run: one bounded executor per queue, from the runtime. */
class JobWorkerThreadsTest {
  private final TenantId tenant = TenantId.of("acme");
  private final IrisRuntime runtime =
      IrisRuntime.builder()
          .name("worker-threads")
          .workerThreads(2)
          .shutdownTimeout(Duration.ofSeconds(5))
          .build();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
  private final JobQueue jobs =
      JobQueue.builder()
          .store(new InMemoryJobStore())
          .runtime(runtime)
          .pollInterval(Duration.ofMillis(5))
          .handler("mail", ctx -> hold())
          .build();

  @AfterEach
  void close() {
    release.countDown();
    runtime.close();
  }

  private void hold() throws InterruptedException {
    handlerThreads.add(Thread.currentThread().getName());
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      release.await(30, TimeUnit.SECONDS);
    } finally {
      running.decrementAndGet();
    }
  }

  private void enqueueMail(int count) {
    for (int i = 0; i < count; i++) {
      jobs.enqueue(tenant, JobSpec.builder("emails", "mail").build());
    }
  }

  @Test
  void aQueuesHandlersRunOnThreadsNamedForItNeverMoreThanItsConcurrency() {
    jobs.updateQueue(QueueConfig.defaults("emails").withConcurrency(2));
    runtime.start();
    enqueueMail(6);
    awaitUntil("two handlers run", () -> running.get() == 2);

    release.countDown();
    awaitUntil("every job completes", () -> completed() == 6);

    assertThat(mostAtOnce.get()).isEqualTo(2);
    assertThat(handlerThreads)
        .isSubsetOf("worker-threads-jobs-emails-1", "worker-threads-jobs-emails-2");
  }

  @Test
  void raisingAQueuesConcurrencyLetsMoreHandlersRunButNoMoreThanTheNewBound() {
    jobs.updateQueue(QueueConfig.defaults("emails").withConcurrency(2));
    runtime.start();
    enqueueMail(8);
    awaitUntil("two handlers run", () -> running.get() == 2);

    jobs.updateQueue(QueueConfig.defaults("emails").withConcurrency(3));

    awaitUntil("a third handler runs", () -> running.get() == 3);
    release.countDown();
    awaitUntil("every job completes", () -> completed() == 8);
    assertThat(mostAtOnce.get()).isEqualTo(3);
    assertThat(handlerThreads).allMatch(name -> name.startsWith("worker-threads-jobs-emails-"));
  }

  @Test
  void eachQueueHasItsOwnHandlerThreads() {
    jobs.createQueue(QueueConfig.defaults("invoices").withConcurrency(1));
    runtime.start();
    enqueueMail(1);
    jobs.enqueue(tenant, JobSpec.builder("invoices", "mail").build());

    awaitUntil("both handlers run", () -> running.get() == 2);

    assertThat(handlerThreads)
        .containsExactlyInAnyOrder(
            "worker-threads-jobs-emails-1", "worker-threads-jobs-invoices-1");
  }

  private long completed() {
    return jobs.stats(tenant, "emails").count(JobState.COMPLETED);
  }

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
}
