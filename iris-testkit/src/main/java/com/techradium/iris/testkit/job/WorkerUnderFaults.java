package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a worker through a stream of jobs while a fault is injected again and again (a connection
 * killed, a server restarted, a store call failing), then stops the fault and waits for every job
 * to complete: the worker must survive and lose nothing.
 */
public final class WorkerUnderFaults {
  private static final TenantId TENANT = TenantId.of("faults");

  private WorkerUnderFaults() {}

  /**
   * What came out.
   *
   * @param jobs jobs enqueued
   * @param completed jobs completed in the store at the end
   * @param ran distinct jobs whose handler ran
   * @param faults how many times the fault was injected
   */
  public record Result(int jobs, long completed, int ran, int faults) {
    /**
     * Asserts that the fault was injected at least {@code minimumFaults} times and that every job
     * ran and completed.
     *
     * @param minimumFaults the fewest injections that make the run a test of the fault
     * @throws AssertionError if there were fewer faults, or a job did not run or complete
     */
    public void assertNoJobLost(int minimumFaults) {
      assertThat(faults).as("faults injected: %s", this).isGreaterThanOrEqualTo(minimumFaults);
      assertThat(completed).as("jobs completed: %s", this).isEqualTo(jobs);
      assertThat(ran).as("jobs run: %s", this).isEqualTo(jobs);
    }
  }

  /**
   * A fault that stops a store's server, leaves it down for {@code downtime} (so that calls made
   * meanwhile fail), and starts it again: for {@link #run} with a server of the test's own.
   *
   * @param stop stops the server
   * @param downtime how long the server stays down
   * @param start starts the server again, on the same address
   * @return the fault; it throws {@link IllegalStateException} if interrupted while the server is
   *     down
   */
  public static Runnable restart(Runnable stop, Duration downtime, Runnable start) {
    return () -> {
      stop.run();
      try {
        Thread.sleep(downtime.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the server was down", e);
      }
      start.run();
    };
  }

  /**
   * Enqueues {@code jobs} jobs on a fresh queue, starts a worker on {@code store} (reached through
   * {@code workerStore}, e.g. a wrapper that fails), injects {@code fault} every 100 ms for {@code
   * faultFor} (or until every job completed), runs {@code heal}, then waits up to two minutes for
   * every job to complete.
   *
   * @param store the store jobs are enqueued and counted on
   * @param workerStore the store the worker uses: {@code store} itself, or a wrapper of it that
   *     fails
   * @param jobs how many jobs to enqueue
   * @param fault injects the fault once; runs on the calling thread
   * @param heal ends the fault for good
   * @param faultFor how long to keep injecting
   * @return what came out; check it with {@link Result#assertNoJobLost}
   * @throws InterruptedException if the thread is interrupted
   */
  public static Result run(
      JobStore store,
      JobStore workerStore,
      int jobs,
      Runnable fault,
      Runnable heal,
      Duration faultFor)
      throws InterruptedException {
    String queue = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    JobQueue producer = JobQueue.builder().store(store).knownTypes("fault.job").build();
    producer.createQueue(QueueConfig.defaults(queue).withConcurrency(4));
    List<JobSpec> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(JobSpec.builder(queue, "fault.job").payload("{\"n\":" + i + "}").build());
    }
    producer.enqueueAll(TENANT, batch);
    Set<UUID> ran = ConcurrentHashMap.newKeySet();
    int faults = 0;
    try (IrisRuntime runtime = IrisRuntime.builder().name("faults").build()) {
      JobQueue.builder()
          .store(workerStore)
          .runtime(runtime)
          .leaseDuration(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .schedulerInterval(Duration.ofMillis(200))
          .workerQueues(queue)
          .handler(
              "fault.job",
              ctx -> {
                Thread.sleep(5);
                ran.add(ctx.job().id());
              })
          .build();
      runtime.start();
      long faultUntil = System.nanoTime() + faultFor.toNanos();
      while (System.nanoTime() < faultUntil && completed(producer, queue) < jobs) {
        fault.run();
        faults++;
        Thread.sleep(100);
      }
      heal.run();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (completed(producer, queue) < jobs && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long completed = completed(producer, queue);
      return new Result(
          jobs, completed < 0 ? completed(producer, queue) : completed, ran.size(), faults);
    }
  }

  /** Completed jobs, or -1 if the store could not answer (the fault hit this read too). */
  private static long completed(JobQueue jobs, String queue) {
    try {
      return jobs.stats(TENANT, queue).counts().getOrDefault(JobState.COMPLETED, 0L);
    } catch (com.techradium.iris.core.StorageException e) {
      return -1;
    }
  }
}
