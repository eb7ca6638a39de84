package com.techradium.iris.testkit.job;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.testkit.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills a job worker running in a child JVM with SIGKILL in the middle of a run, lets a worker in
 * this JVM take over, and counts the jobs that ran in both: the duplicate window a crash leaves
 * (see {@code JobQueueBuilder.maxUnrecordedOutcomes}). An adapter's test writes a child main class
 * that builds its store from the arguments and calls {@link #runChild}; the test calls {@link
 * #crashAndRecover} with that class.
 *
 * <p>Each handler run appends its job id to a file the child writes (the page cache keeps it
 * through SIGKILL), at the end of the handler, so a job counts as run by the child when its handler
 * got that far.
 */
public final class WorkerCrash {
  /** The job type the harness runs. */
  public static final String TYPE = "crash.job";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerCrash.class);
  private static final TenantId TENANT = TenantId.of("crash");
  private static final Duration LEASE = Duration.ofSeconds(2);

  private WorkerCrash() {}

  /**
   * What a crash left behind.
   *
   * @param jobs jobs enqueued
   * @param ranInChild distinct jobs whose handler finished in the killed child
   * @param ranHere distinct jobs whose handler finished in the worker that took over
   * @param duplicates jobs whose handler finished in both
   * @param completed jobs completed in the store at the end
   */
  public record Result(int jobs, int ranInChild, int ranHere, int duplicates, long completed) {}

  /**
   * In the child JVM: runs a worker on {@code store} for {@code queue} until killed, appending the
   * id of every job whose handler ran to {@code runs}. The child's main method calls it with the
   * last three arguments {@link #crashAndRecover} passes: the queue, the runs file and {@code
   * maxUnrecorded}.
   *
   * @param store the store, built by the child from its own arguments
   * @param queue the queue to work on
   * @param runs the file to append job ids to, one a line
   * @param maxUnrecorded the worker's {@code maxUnrecordedOutcomes}
   * @throws InterruptedException if the thread is interrupted; otherwise it returns only by the
   *     process's death
   * @throws UncheckedIOException if the runs file cannot be opened or written
   */
  public static void runChild(JobStore store, String queue, Path runs, int maxUnrecorded)
      throws InterruptedException {
    try (FileChannel out =
        FileChannel.open(
            runs, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      IrisRuntime runtime = IrisRuntime.builder().name("crash-child").build();
      JobQueue.builder()
          .store(store)
          .runtime(runtime)
          .leaseDuration(LEASE)
          .pollInterval(Duration.ofMillis(50))
          .maxUnrecordedOutcomes(maxUnrecorded)
          .workerQueues(queue)
          .handler(
              TYPE,
              ctx -> {
                Thread.sleep(2);
                byte[] line = (ctx.job().id() + "\n").getBytes(StandardCharsets.US_ASCII);
                synchronized (out) {
                  out.write(ByteBuffer.wrap(line));
                }
              })
          .build();
      runtime.start();
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Enqueues {@code jobs} jobs on a fresh queue of {@code concurrency}, starts {@code childMain}
   * with {@code childArgs} followed by the queue, the runs file and {@code maxUnrecorded}, kills it
   * with SIGKILL once it ran a third of the jobs, then runs the rest here and waits until every job
   * completed (at most two minutes for each phase).
   *
   * @param store the store the parent enqueues on and takes over with; the same database or Redis
   *     the child's store uses
   * @param childMain the class whose {@code main} builds the child's store and calls {@link
   *     #runChild}
   * @param childArgs the child's first arguments, such as a JDBC URL
   * @param jobs how many jobs to enqueue
   * @param concurrency the queue's concurrency
   * @param maxUnrecorded the child worker's {@code maxUnrecordedOutcomes}
   * @param dir a directory for the runs file and the child's log
   * @return what the crash left behind
   * @throws Exception if the child cannot be started, exits early or is too slow ({@link
   *     AssertionError}), or the thread is interrupted
   */
  public static Result crashAndRecover(
      JobStore store,
      Class<?> childMain,
      List<String> childArgs,
      int jobs,
      int concurrency,
      int maxUnrecorded,
      Path dir)
      throws Exception {
    String queue = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    JobQueue producer = JobQueue.builder().store(store).knownTypes(TYPE).build();
    producer.createQueue(QueueConfig.defaults(queue).withConcurrency(concurrency));
    List<JobSpec> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(JobSpec.builder(queue, TYPE).payload("{\"n\":" + i + "}").build());
      if (batch.size() == 500) {
        producer.enqueueAll(TENANT, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      producer.enqueueAll(TENANT, batch);
    }

    Path runs = dir.resolve("child-runs.txt");
    List<String> args = new ArrayList<>(childArgs);
    args.add(queue);
    args.add(runs.toString());
    args.add(Integer.toString(maxUnrecorded));
    try (ChildJvm child = ChildJvm.start(childMain, args, dir.resolve("child.log"))) {
      child.awaitWhileAlive(
          "the child worker ran a third of the jobs",
          Duration.ofSeconds(120),
          () -> lines(runs).size() >= jobs / 3);
      child.kill();
    }
    Set<String> ranInChild = new HashSet<>(lines(runs));

    Set<String> ranHere = ConcurrentHashMap.newKeySet();
    try (IrisRuntime runtime = IrisRuntime.builder().name("crash-takeover").build()) {
      JobQueue takeover =
          JobQueue.builder()
              .store(store)
              .runtime(runtime)
              .leaseDuration(LEASE)
              .pollInterval(Duration.ofMillis(50))
              .schedulerInterval(Duration.ofMillis(200))
              .workerQueues(queue)
              .handler(TYPE, ctx -> ranHere.add(ctx.job().id().toString()))
              .build();
      runtime.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (completed(takeover, queue) < jobs && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Set<String> both = new HashSet<>(ranInChild);
      both.retainAll(ranHere);
      Result result =
          new Result(
              jobs, ranInChild.size(), ranHere.size(), both.size(), completed(takeover, queue));
      LOG.info("worker crash: {}", result);
      return result;
    }
  }

  private static long completed(JobQueue jobs, String queue) {
    return jobs.stats(TENANT, queue).counts().getOrDefault(JobState.COMPLETED, 0L);
  }

  /** The complete lines of the file (a line cut by the kill is left out). */
  private static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      out.add(text.substring(start, end));
      start = end + 1;
    }
    return out;
  }
}
