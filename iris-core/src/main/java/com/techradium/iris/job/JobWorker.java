package com.techradium.iris.job;

import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: claims due jobs from the {@link JobStore} in batches, runs their handlers with each
 * queue's concurrency, renews their leases, enforces timeouts and records outcomes (retry with
 * backoff, dead when attempts are used up). A {@link BackgroundService}: a {@link JobQueue} built
 * with a runtime registers one.
 *
 * <p>Claims only from the queues that may have work: a queue named by the store's {@link JobSignal}
 * (when it offers one) or by a local enqueue that made a job due, a queue whose last claim came
 * back full, and every queue it serves at each poll interval, after a queue's configuration changed
 * on this node and after a failed claim. A queue it serves that none of those named costs no claim.
 * Paused queues are skipped.
 *
 * <p>Besides the jobs running, a queue keeps up to {@link JobQueueBuilder#claimBatch claim batch}
 * claimed jobs waiting here (leased and renewed like running ones; their timeout starts when they
 * start), so a freed slot starts the next job at once and claims stay large: a queue is claimed
 * again, up to a full batch, only once at most half a batch waits here, never one small claim per
 * finished job.
 *
 * <p>Outcomes are recorded through a {@link CompletionBatcher}: attempts that finish while another
 * outcome is being written share the next store call ({@link JobStore#finishAll}), so completions
 * of concurrent handlers share round trips, and an outcome handed over while nothing is being
 * written is written at once, on the runtime's pool. A handler thread goes on to the next waiting
 * job of its queue as soon as its handler returns; the job stays running under its lease until its
 * outcome is recorded. While {@link JobQueueBuilder#maxUnrecordedOutcomes} outcomes wait to be
 * written, no waiting job starts and nothing is claimed, so if this process dies, at most that many
 * plus the jobs running at that moment (the sum of its queues' concurrency) ran without their
 * outcome recorded and run again elsewhere: the duplicate bound docs/jobs.md states.
 *
 * <p>Threads: handlers block, so they do not run on the runtime's shared pool. Each queue this
 * worker serves gets its own bounded executor from the runtime ({@link IrisRuntime#newExecutor},
 * threads {@code <runtime>-jobs-<queue>-<n>}, e.g. {@code iris-jobs-emails-3}), made when the
 * worker first claims from the queue and sized by the queue's {@link QueueConfig#concurrency()};
 * its threads end after a while idle. When the queue's concurrency changes, the next claim round
 * replaces the executor with one of the new size: handlers running on the old one finish their
 * jobs, then its threads end. A queue with concurrency N therefore never runs more than N handlers
 * at once on a node (the lane's slot count guarantees it even while an old and a new executor
 * overlap), and a node runs at most the sum of its queues' concurrency in handlers at once. Claim
 * rounds and outcome writes are short tasks on the runtime's shared pool; lease renewal and
 * timeouts run on its scheduler. The runtime owns all these threads and ends them when it closes.
 *
 * <p>{@link #stop(Duration)} stops claiming, lets running handlers finish within the timeout,
 * writes the outcomes of those that finished, then releases the rest back to their queues without
 * using up an attempt. A claimed job whose type has no handler on this node goes back to its queue
 * for a minute without using up an attempt (its last error says so); restrict such nodes with
 * {@link JobQueueBuilder#workerQueues(String...)} or {@link JobQueueBuilder#runWorker(boolean)}.
 * Thread-safe.
 */
final class JobWorker implements BackgroundService {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

  /** How long {@link #stop} waits, past its timeout, for outcomes already handed to the store. */
  static final Duration COMPLETION_GRACE = Duration.ofSeconds(5);

  /**
   * One queue's jobs on this worker: those running handlers and those claimed and waiting, and the
   * executor its handlers run on.
   */
  private static final class Lane {
    final String queue;
    final AtomicInteger busy = new AtomicInteger();
    final ConcurrentLinkedQueue<RunningJob> waiting = new ConcurrentLinkedQueue<>();
    volatile int concurrency;

    /**
     * Whether jobs of this queue may be due beyond those claimed: the last claim got all it asked
     * for (for a queue scheduled by tenant: any job at all, since its claim can come back short
     * with jobs still due), or something named the queue since (a wake-up, a poll). Otherwise the
     * queue was drained as of that claim: a finished job then asks for no claim round, since newly
     * due jobs announce themselves (an enqueue on this node, the store's signal) and the rest is
     * found by polling.
     */
    volatile boolean mayHaveMore = true;

    /** Set when the queue was named by a wake-up; the next claim round takes it. */
    final AtomicBoolean woken = new AtomicBoolean();

    /**
     * Bounded by {@link #threadsBound}; replaced (under the poll lock) when concurrency changes.
     */
    volatile @Nullable ExecutorService threads;

    int threadsBound; // guarded by pollLock

    Lane(String queue, int concurrency) {
      this.queue = queue;
      this.concurrency = concurrency;
    }
  }

  private final JobStore store;
  private final JobSettings settings;
  private final Function<String, @Nullable JobHandler> handlers;
  private final @Nullable Set<String> onlyQueues;
  private final CompletionBatcher completions;
  private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final List<ExecutorService> handlerExecutors = new CopyOnWriteArrayList<>();
  private final AtomicBoolean pollRequested = new AtomicBoolean();
  private final AtomicBoolean claimAll = new AtomicBoolean(true);
  private final AtomicBoolean heldBack = new AtomicBoolean();
  private final Object pollLock = new Object();

  private volatile boolean stopping;
  private volatile List<QueueConfig> queues = List.of();
  private volatile long queuesReadAt;
  private volatile boolean queuesStale = true;
  private @Nullable IrisRuntime runtime;
  private @Nullable ExecutorService pool;
  private @Nullable ScheduledExecutorService timer;
  private @Nullable ScheduledFuture<?> pollTask;
  private @Nullable ScheduledFuture<?> renewTask;
  private JobSignal.@Nullable Subscription subscription;

  JobWorker(
      JobStore store,
      JobSettings settings,
      Function<String, @Nullable JobHandler> handlers,
      @Nullable Set<String> onlyQueues) {
    this.store = store;
    this.settings = settings;
    this.handlers = handlers;
    this.onlyQueues = onlyQueues == null ? null : Set.copyOf(onlyQueues);
    this.completions =
        new CompletionBatcher(store, settings::now, this::afterOutcomesWritten, this::runWrite);
  }

  @Override
  public String name() {
    return "job-worker";
  }

  @Override
  public synchronized void start(IrisRuntime runtime) {
    if (pool != null) {
      throw new IllegalStateException("job worker already started");
    }
    this.runtime = runtime;
    pool = runtime.executor();
    timer = runtime.scheduler();
    Duration renewEvery = settings.leaseDuration().dividedBy(3);
    pollTask =
        runtime.scheduleWithFixedDelay(
            "job-poll", this::pollAll, Duration.ZERO, settings.pollInterval());
    renewTask =
        runtime.scheduleWithFixedDelay("job-lease-renewal", this::renewAll, renewEvery, renewEvery);
    subscription = store.signals().map(s -> s.subscribe(this::wake)).orElse(null);
  }

  /**
   * A call on this node made a job of {@code queue} due (an enqueue, an update, a retry): wakes the
   * worker at once if it serves the queue. The store's signal announces the same change a little
   * later (through the database's listener connection, one more process and thread on the way), so
   * the claim does not wait for it; the signal's own round then finds nothing, off the job's path.
   */
  void madeDue(String queue) {
    wake(queue);
  }

  /**
   * Asks for a claim round soon from {@code queue}, where jobs may have become due, if this worker
   * serves it (a signal for a queue served elsewhere costs no claim here, one for another queue
   * served here no claim from this one).
   */
  void wake(String queue) {
    if (onlyQueues != null && !onlyQueues.contains(queue)) {
      return;
    }
    Lane lane = lanes.get(queue);
    if (lane == null) {
      claimAll.set(true); // a queue not claimed from yet: the round reads the queues afresh
    } else {
      lane.woken.set(true);
    }
    wake();
  }

  /** Asks for a claim round from every queue served here (the poll; a resumed queue). */
  void pollAll() {
    claimAll.set(true);
    wake();
  }

  /**
   * Asks for a claim round soon (coalesced with rounds already asked for), claiming only from the
   * queues that may have work.
   */
  private void wake() {
    ExecutorService executor = pool;
    if (stopping || executor == null || !pollRequested.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::drainPolls);
    } catch (RejectedExecutionException e) {
      pollRequested.set(false);
    }
  }

  /**
   * Makes the next claim round read queue configurations afresh; returns once no round using the
   * old ones is in progress. The facade calls it after changing a queue on this node; other nodes
   * see the change within their poll interval.
   */
  void queuesChanged() {
    synchronized (pollLock) {
      queuesStale = true;
      claimAll.set(true);
    }
  }

  /** How many jobs this worker holds now: running, or claimed and waiting for a slot. */
  int runningCount() {
    return running.size();
  }

  private void drainPolls() {
    while (pollRequested.getAndSet(false)) {
      try {
        poll();
      } catch (RuntimeException e) {
        claimAll.set(true); // the next round (a wake-up or the poll) tries every queue again
        LOG.warn("claiming jobs failed; will try again", e);
      }
    }
  }

  private void poll() {
    synchronized (pollLock) {
      if (outcomesBehind()) {
        return; // the store is behind on outcomes; the next write wakes us
      }
      boolean all = claimAll.getAndSet(false);
      boolean more = false;
      for (QueueConfig queue : currentQueues()) {
        if (stopping) {
          return;
        }
        if (queue.paused() || (onlyQueues != null && !onlyQueues.contains(queue.name()))) {
          continue;
        }
        Lane lane = lanes.computeIfAbsent(queue.name(), q -> new Lane(q, queue.concurrency()));
        if (!sizeLane(lane, queue.concurrency())) {
          return; // the runtime is closing
        }
        if (lane.woken.getAndSet(false) || all) {
          lane.mayHaveMore = true;
        }
        int room =
            queue.concurrency() + settings.claimBatch() - lane.busy.get() - lane.waiting.size();
        if (!lane.mayHaveMore || room <= 0 || lane.waiting.size() > settings.claimBatch() / 2) {
          // nothing named the queue, or enough is waiting here: claim later, in a larger round
          startWaiting(lane); // a raised concurrency frees slots for jobs already waiting
          continue;
        }
        int want = Math.min(room, settings.claimBatch());
        Instant now = settings.now();
        List<Job> claimed =
            store.claim(
                new ClaimRequest(
                        Set.of(queue.name()),
                        null,
                        want,
                        settings.nodeName(),
                        settings.leaseDuration())
                    .withQueueConfig(queue),
                now);
        for (Job job : claimed) {
          enlist(job, lane);
        }
        startWaiting(lane);
        // A claim scheduled by tenant may come back short with jobs still due (a tenant's share
        // of the claim was larger than its due jobs, a cap, a rate): only an empty one says the
        // queue is drained. A plain claim that got fewer than it asked for took every due job.
        lane.mayHaveMore = queue.schedulesTenants() ? !claimed.isEmpty() : claimed.size() == want;
        more |= lane.mayHaveMore;
      }
      if (more) {
        pollRequested.set(true);
      }
    }
  }

  /**
   * Gives the lane its concurrency and an executor of that bound, replacing one of another bound
   * (its running handlers finish on it; it takes no new ones). Called under the poll lock.
   *
   * @return false if the runtime is closing and hands out no executor
   */
  private boolean sizeLane(Lane lane, int concurrency) {
    lane.concurrency = concurrency;
    ExecutorService old = lane.threads;
    if (old != null && lane.threadsBound == concurrency) {
      return true;
    }
    IrisRuntime owner = runtime;
    if (owner == null || !owner.isRunning()) {
      return false;
    }
    ExecutorService fresh;
    try {
      fresh = owner.newExecutor("jobs-" + lane.queue, concurrency);
    } catch (IllegalStateException e) {
      return false; // closed between the check and the call
    }
    handlerExecutors.removeIf(ExecutorService::isTerminated);
    handlerExecutors.add(fresh);
    lane.threadsBound = concurrency;
    lane.threads = fresh;
    if (old != null) {
      old.shutdown();
    }
    return true;
  }

  private List<QueueConfig> currentQueues() {
    long age = System.nanoTime() - queuesReadAt;
    if (queuesStale || age >= settings.pollInterval().toNanos()) {
      queuesStale = false;
      queues = store.listQueues();
      queuesReadAt = System.nanoTime();
    }
    return queues;
  }

  /** Takes a claimed job in: it waits in its queue's lane until a slot is free. */
  private void enlist(Job job, Lane lane) {
    RunningJob[] self = new RunningJob[1];
    RunningJob attempt =
        new RunningJob(
            job,
            store,
            settings,
            handlers,
            completions,
            () -> handlerDone(self[0], lane),
            () -> running.remove(job.id()));
    self[0] = attempt;
    running.put(job.id(), attempt);
    if (stopping) {
      running.remove(job.id());
      attempt.release();
      return;
    }
    lane.waiting.add(attempt);
  }

  /**
   * Whether {@link JobQueueBuilder#maxUnrecordedOutcomes} outcomes wait to be written: no job
   * starts and nothing is claimed until a write brings them below (the write wakes the worker).
   * This bounds the jobs that ran but would run again if this process died now.
   */
  private boolean outcomesBehind() {
    if (completions.pending() < settings.maxUnrecordedOutcomes()) {
      return false;
    }
    heldBack.set(true);
    return true;
  }

  /**
   * After a write of outcomes: a claim round if the bound on unrecorded outcomes held work back, if
   * jobs wait for a free slot, or if more may be due and at most half a batch waits here (not after
   * every write: an idle queue's finished job asks for no empty claim, and a lane with plenty
   * waiting for no small one).
   */
  private void afterOutcomesWritten() {
    boolean work = heldBack.getAndSet(false);
    for (Lane lane : lanes.values()) {
      int waiting = lane.waiting.size();
      work |=
          (lane.mayHaveMore && waiting <= settings.claimBatch() / 2)
              || (waiting > 0 && lane.busy.get() < lane.concurrency);
    }
    if (work) {
      wake();
    }
  }

  /** Starts waiting jobs of {@code lane}, one handler thread per free slot. */
  private void startWaiting(Lane lane) {
    while (!stopping && !lane.waiting.isEmpty() && !outcomesBehind()) {
      int busy = lane.busy.get();
      if (busy >= lane.concurrency) {
        return;
      }
      if (!lane.busy.compareAndSet(busy, busy + 1)) {
        continue;
      }
      RunningJob next = lane.waiting.poll();
      if (next == null) {
        lane.busy.decrementAndGet();
        continue;
      }
      if (!execute(lane, () -> runLane(lane, next))) {
        running.remove(next.job().id());
        lane.busy.decrementAndGet();
        next.release();
      }
    }
  }

  /**
   * Runs {@code task} on the lane's executor; if that was just replaced, on its successor.
   *
   * @return false if no executor takes it (the worker is stopping)
   */
  private boolean execute(Lane lane, Runnable task) {
    while (true) {
      ExecutorService threads = lane.threads;
      if (threads == null) {
        return false;
      }
      try {
        threads.execute(task);
        return true;
      } catch (RejectedExecutionException e) {
        if (stopping || lane.threads == threads) {
          return false;
        }
      }
    }
  }

  /**
   * Runs {@code first}, then further waiting jobs of its lane on the same handler thread while
   * there are any, holding one of the lane's slots throughout.
   */
  private void runLane(Lane lane, RunningJob first) {
    RunningJob next = first;
    try {
      while (next != null) {
        next.armTimeout(timer);
        next.run();
        next =
            stopping || lane.busy.get() > lane.concurrency || outcomesBehind()
                ? null
                : lane.waiting.poll();
      }
    } finally {
      lane.busy.decrementAndGet();
    }
    startWaiting(lane); // jobs enlisted while this thread was letting its slot go
  }

  private void handlerDone(RunningJob attempt, Lane lane) {
    attempt.disarmTimeout();
    if (lane.mayHaveMore && lane.waiting.size() <= settings.claimBatch() / 2) {
      wake();
    }
  }

  /** Runs a write of outcomes on the runtime's pool (on this thread if there is none yet). */
  private void runWrite(Runnable write) {
    ExecutorService executor = pool;
    if (executor == null) {
      write.run();
    } else {
      executor.execute(write);
    }
  }

  private void renewAll() {
    for (RunningJob attempt : running.values()) {
      attempt.renew();
    }
  }

  /** Outcomes handed to the store and not yet answered (for tests). */
  int pendingCompletions() {
    return completions.pending();
  }

  /** Tells a job running here that a caller cancelled it, without waiting for lease renewal. */
  void cancelled(UUID jobId) {
    RunningJob attempt = running.get(jobId);
    if (attempt != null) {
      attempt.markCancelled();
    }
  }

  @Override
  public void stop(Duration timeout) {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      if (pollTask != null) {
        pollTask.cancel(false);
      }
      if (subscription != null) {
        subscription.close();
      }
    }
    synchronized (pollLock) {
      // waits for a claim round in progress, so every claimed job is in `running`
    }
    for (Lane lane : lanes.values()) {
      RunningJob waiting;
      while ((waiting = lane.waiting.poll()) != null) {
        running.remove(waiting.job().id());
        waiting.release();
      }
    }
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (RunningJob attempt : running.values()) {
      if (!attempt.reported()) {
        LOG.info("releasing job {} unfinished at shutdown", attempt.job().id());
        attempt.release();
      }
    }
    long left = Math.max(0, deadline - System.nanoTime());
    if (!completions.flush(Duration.ofNanos(left).plus(COMPLETION_GRACE))) {
      LOG.warn("outcomes of {} jobs were not recorded at shutdown", completions.pending());
    }
    synchronized (this) {
      if (renewTask != null) {
        renewTask.cancel(false);
      }
      // Handlers still running now outlived the timeout; their jobs were released above.
      for (ExecutorService executor : handlerExecutors) {
        executor.shutdownNow();
      }
    }
  }
}
