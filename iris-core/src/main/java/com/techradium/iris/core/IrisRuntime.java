package com.techradium.iris.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every thread that runs IRIS background work (batched writes, job workers, schedulers,
 * deliveries) and the {@link BackgroundService}s registered on it.
 *
 * <p>It hands out three kinds of thread, all daemon threads named after the runtime ({@linkplain
 * Builder#name(String) name}, default {@code iris}) and, where a service owns them, the service:
 *
 * <ul>
 *   <li>the shared <b>worker pool</b> ({@link #executor()}, {@link #submit}; threads {@code
 *       iris-worker-1}, ...) for short tasks: a claim round, writing outcomes, a delivery attempt.
 *       A task that blocks for long, or loops for the life of its service, does not belong here: on
 *       a 2-core host the pool has two threads and every service shares them;
 *   <li>the <b>scheduler</b> ({@link #scheduler()}, {@link #scheduleWithFixedDelay}; {@code
 *       iris-scheduler-1}) for timers and short periodic tasks (lease renewal, cron ticks);
 *   <li><b>dedicated threads</b> ({@link #startThread}; e.g. {@code iris-audit-writer}) for a
 *       service's long-running loop, and <b>bounded executors</b> ({@link #newExecutor}; e.g.
 *       {@code iris-jobs-emails-3}) for work that blocks, such as job handlers, sized by the
 *       service.
 * </ul>
 *
 * <p>The host owns the lifecycle: {@link #start()} creates the shared threads and starts the
 * registered services; {@link #close()} stops the services in reverse order of registration,
 * letting in-flight work drain within the {@linkplain Builder#shutdownTimeout(Duration) shutdown
 * timeout}, then shuts down every pool and executor and joins every dedicated thread it handed out,
 * within what is left of that timeout; whatever outlives it is interrupted. Constructing a runtime
 * starts no thread.
 *
 * <pre>{@code
 * try (IrisRuntime runtime = IrisRuntime.builder().workerThreads(4).build().start()) {
 *   ... build facades with .runtime(runtime) ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. A task that throws is logged and, for periodic tasks, runs again at its next
 * period.
 */
public final class IrisRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IrisRuntime.class);

  /** How long a thread of a {@linkplain #newExecutor bounded executor} may idle before it ends. */
  public static final Duration EXECUTOR_KEEP_ALIVE = Duration.ofSeconds(30);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final String name;
  private final int workerThreads;
  private final int schedulerThreads;
  private final Duration shutdownTimeout;
  private final List<BackgroundService> services = new ArrayList<>();
  private final List<Thread> dedicatedThreads = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private final Map<String, AtomicInteger> threadNumbers = new ConcurrentHashMap<>();

  private State state = State.NEW;
  private @Nullable ExecutorService workers;
  private @Nullable ScheduledExecutorService scheduler;

  private IrisRuntime(Builder builder) {
    this.name = builder.name;
    this.workerThreads = builder.workerThreads;
    this.schedulerThreads = builder.schedulerThreads;
    this.shutdownTimeout = builder.shutdownTimeout;
  }

  /**
   * A runtime with defaults: one worker thread per core (at least 2), one scheduler thread.
   *
   * @return a new runtime with default settings, not started
   */
  public static IrisRuntime create() {
    return builder().build();
  }

  /**
   * Starts configuring a runtime.
   *
   * @return a builder with every setting at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the threads and starts every registered service. Idempotent while running.
   *
   * @return this runtime, running
   * @throws IllegalStateException if the runtime was closed
   */
  public synchronized IrisRuntime start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("runtime " + name + " is closed");
    }
    if (state == State.RUNNING) {
      return this;
    }
    workers = Executors.newFixedThreadPool(workerThreads, threads("worker"));
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(schedulerThreads, threads("scheduler"));
    // Services schedule timeouts they mostly cancel; cancelled tasks leave the queue at once.
    timers.setRemoveOnCancelPolicy(true);
    scheduler = timers;
    state = State.RUNNING;
    for (BackgroundService service : services) {
      startService(service);
    }
    return this;
  }

  /**
   * Adds a service. It starts now if the runtime is running, else when it starts; it is stopped on
   * {@link #close()}.
   *
   * @param service the service to run on this runtime
   */
  public synchronized void register(BackgroundService service) {
    Objects.requireNonNull(service, "service");
    if (state == State.CLOSED) {
      throw new IllegalStateException("runtime " + name + " is closed");
    }
    services.add(service);
    if (state == State.RUNNING) {
      startService(service);
    }
  }

  /**
   * Whether {@link #start()} was called and {@link #close()} was not.
   *
   * @return true while the runtime is running
   */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * The shared pool for short background tasks, {@link Builder#workerThreads(int)} threads named
   * {@code <name>-worker-<n>}. Do not block on it for long or run a loop on it: use {@link
   * #startThread} or {@link #newExecutor} for that. Only available while running.
   *
   * @return the shared worker pool
   * @throws IllegalStateException if the runtime is not running
   */
  public synchronized ExecutorService executor() {
    requireRunning();
    return workers;
  }

  /**
   * The scheduler for timers and short periodic tasks, {@link Builder#schedulerThreads(int)}
   * threads named {@code <name>-scheduler-<n>}. Only available while running.
   *
   * @return the shared scheduler
   * @throws IllegalStateException if the runtime is not running
   */
  public synchronized ScheduledExecutorService scheduler() {
    requireRunning();
    return scheduler;
  }

  /**
   * Runs a short task on the shared worker pool; a failure is logged.
   *
   * @param taskName the name logged with a failure of the task
   * @param task the task to run
   * @return the task's future, to cancel it or wait for it
   */
  public Future<?> submit(String taskName, Runnable task) {
    return executor().submit(logged(taskName, task));
  }

  /**
   * Runs a task repeatedly with {@code delay} between the end of one run and the start of the next.
   * A run that throws is logged and does not stop later runs.
   *
   * @param taskName the name logged with a failure of a run
   * @param task the task to run
   * @param initialDelay the delay before the first run
   * @param delay the pause between the end of one run and the start of the next
   * @return the future of the repeated task, to cancel it
   */
  public ScheduledFuture<?> scheduleWithFixedDelay(
      String taskName, Runnable task, Duration initialDelay, Duration delay) {
    return scheduler()
        .scheduleWithFixedDelay(
            logged(taskName, task), initialDelay.toNanos(), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Starts a dedicated daemon thread for a service's long-running loop, so that the loop holds no
   * thread of the shared pool. The thread is named {@code <name>-<serviceName>} (e.g. {@code
   * iris-audit-writer}; a second one for the same service name gets a suffix, {@code -2}). A
   * failure of {@code task} is logged.
   *
   * <p>The task must return once its service has been {@linkplain BackgroundService#stop stopped}:
   * {@link #close()} stops the services first, then joins the thread within what is left of the
   * shutdown timeout and interrupts it if it is still running.
   *
   * @param serviceName the service the thread works for, for its name, e.g. {@code "audit-writer"}
   * @param task the service's loop
   * @return the started thread
   * @throws IllegalStateException if the runtime is not running
   */
  public synchronized Thread startThread(String serviceName, Runnable task) {
    String service = requireServiceName(serviceName);
    Objects.requireNonNull(task, "task");
    requireRunning();
    int number = threadNumbers.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
    String threadName = name + "-" + service + (number == 1 ? "" : "-" + number);
    Thread thread = daemon(logged(threadName, task), threadName);
    dedicatedThreads.removeIf(t -> !t.isAlive());
    dedicatedThreads.add(thread);
    thread.start();
    return thread;
  }

  /**
   * A bounded executor for a service's blocking work (job handlers, say): it never runs more than
   * {@code maxThreads} tasks at once. Its threads are created as tasks arrive, up to {@code
   * maxThreads}, named {@code <name>-<serviceName>-<n>} (e.g. {@code iris-jobs-emails-3}; numbers
   * go on across executors of the same service name), and end after {@link #EXECUTOR_KEEP_ALIVE}
   * idle. Tasks submitted while every thread is busy wait in the executor's queue, in order. A task
   * passed to {@code execute} that throws is logged and its thread replaced.
   *
   * <p>The service may shut the executor down itself (to replace it with one of another size, or
   * when it stops). {@link #close()} shuts down every executor it handed out after stopping the
   * services, waits for them within what is left of the shutdown timeout, and interrupts whatever
   * still runs then.
   *
   * @param serviceName the service the threads work for, for their names, e.g. {@code
   *     "jobs-emails"}
   * @param maxThreads the bound, at least 1
   * @return a new executor whose threads belong to this runtime; it is shut down on {@link
   *     #close()}
   * @throws IllegalStateException if the runtime is not running
   */
  public synchronized ExecutorService newExecutor(String serviceName, int maxThreads) {
    String service = requireServiceName(serviceName);
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    requireRunning();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            maxThreads,
            maxThreads,
            EXECUTOR_KEEP_ALIVE.toNanos(),
            TimeUnit.NANOSECONDS,
            new LinkedBlockingQueue<>(),
            threads(service));
    executor.allowCoreThreadTimeOut(true);
    executors.removeIf(ExecutorService::isTerminated);
    executors.add(executor);
    return executor;
  }

  /**
   * The time {@link #close()} allows in-flight work to finish.
   *
   * @return the drain timeout of {@link #close()}
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Stops every service in reverse order of registration, letting each drain its in-flight work,
   * then shuts down the shared pool, the scheduler and every {@linkplain #newExecutor executor} it
   * handed out and joins every {@linkplain #startThread dedicated thread}, interrupting whatever is
   * still running when the shutdown timeout is up. Returns within about the shutdown timeout.
   * Idempotent. Services of a runtime that never started are stopped too, so work handed to them
   * early (an enqueued audit event, say) is finished on the closing thread rather than lost.
   */
  @Override
  public void close() {
    List<BackgroundService> toStop;
    ExecutorService workerPool;
    ScheduledExecutorService timer;
    List<ExecutorService> serviceExecutors;
    List<Thread> serviceThreads;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      toStop = new ArrayList<>(services);
      workerPool = workers;
      timer = scheduler;
      // No executor or thread is handed out from here on (requireRunning), so these are all.
      serviceExecutors = new ArrayList<>(executors);
      serviceThreads = new ArrayList<>(dedicatedThreads);
    }
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    Deque<BackgroundService> reverse = new ArrayDeque<>();
    toStop.forEach(reverse::push);
    for (BackgroundService service : reverse) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      try {
        service.stop(left);
      } catch (RuntimeException e) {
        LOG.warn("{}: service {} failed to stop cleanly", name, service.name(), e);
      }
    }
    if (timer == null || workerPool == null) {
      return; // never started: the services were stopped, there are no threads to end
    }
    timer.shutdown();
    workerPool.shutdown();
    serviceExecutors.forEach(ExecutorService::shutdown);
    for (Thread thread : serviceThreads) {
      joinOrInterrupt(thread, deadline);
    }
    for (ExecutorService executor : serviceExecutors) {
      awaitOrForce(executor, deadline);
    }
    awaitOrForce(timer, deadline);
    awaitOrForce(workerPool, deadline);
  }

  private void startService(BackgroundService service) {
    LOG.debug("{}: starting {}", name, service.name());
    service.start(this);
  }

  private void requireRunning() {
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          "runtime " + name + " is " + state.name().toLowerCase() + "; call start() first");
    }
  }

  private static String requireServiceName(String serviceName) {
    Objects.requireNonNull(serviceName, "serviceName");
    if (serviceName.isBlank()) {
      throw new IllegalArgumentException("serviceName must not be blank");
    }
    return serviceName.strip();
  }

  private static Runnable logged(String taskName, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("background task {} failed", taskName, e);
      }
    };
  }

  private void awaitOrForce(ExecutorService pool, long deadlineNanos) {
    try {
      long left = Math.max(0, deadlineNanos - System.nanoTime());
      if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        List<Runnable> abandoned = pool.shutdownNow();
        LOG.warn("{}: forced shutdown, {} queued tasks not run", name, abandoned.size());
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void joinOrInterrupt(Thread thread, long deadlineNanos) {
    try {
      long left = Math.max(0, deadlineNanos - System.nanoTime());
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
      if (thread.isAlive()) {
        LOG.warn(
            "{}: thread {} still running at shutdown; interrupting it", name, thread.getName());
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  /** Threads {@code <name>-<service>-<n>}, numbered on across every factory of the service. */
  private ThreadFactory threads(String service) {
    AtomicInteger counter = threadNumbers.computeIfAbsent(service, s -> new AtomicInteger());
    return runnable -> daemon(runnable, name + "-" + service + "-" + counter.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String threadName) {
    Thread thread = new Thread(runnable, threadName);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (t, e) -> LOG.error("background thread {} failed", t.getName(), e));
    return thread;
  }

  /** Configures an {@link IrisRuntime}. Every setting has a default. */
  public static final class Builder {
    private String name = "iris";
    private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int schedulerThreads = 1;
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Prefix of thread names. Default {@code "iris"}.
     *
     * @param name the thread-name prefix
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Threads of the shared pool for short background tasks ({@link IrisRuntime#executor()}).
     * Services' long-running loops and job handlers have threads of their own ({@link
     * IrisRuntime#startThread}, {@link IrisRuntime#newExecutor}), so this need not grow with the
     * number of services. Default: the number of cores, at least 2.
     *
     * @param count the number of worker threads; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public Builder workerThreads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1, got " + count);
      }
      this.workerThreads = count;
      return this;
    }

    /**
     * Threads for timers. Default 1.
     *
     * @param count the number of scheduler threads; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public Builder schedulerThreads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("schedulerThreads must be at least 1, got " + count);
      }
      this.schedulerThreads = count;
      return this;
    }

    /**
     * How long {@link IrisRuntime#close()} lets in-flight work drain. Default 30 seconds.
     *
     * @param timeout the drain timeout; zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder shutdownTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * The runtime, not started: no thread exists until {@link IrisRuntime#start()}.
     *
     * @return a new runtime, not started
     */
    public IrisRuntime build() {
      return new IrisRuntime(this);
    }
  }
}
