package com.techradium.iris.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the threads that run IRIS background work (batched writes, job workers, schedulers,
 * deliveries) and the {@link BackgroundService}s registered on it.
 *
 * <p>The host owns the lifecycle: {@link #start()} creates the threads and starts the registered
 * services; {@link #close()} stops the services in reverse order of registration, letting in-flight
 * work drain within the {@linkplain Builder#shutdownTimeout(Duration) shutdown timeout}, then ends
 * the threads. Constructing a runtime starts no thread.
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

  private State state = State.NEW;
  private @Nullable ExecutorService workers;
  private @Nullable ScheduledExecutorService scheduler;

  private IrisRuntime(Builder builder) {
    this.name = builder.name;
    this.workerThreads = builder.workerThreads;
    this.schedulerThreads = builder.schedulerThreads;
    this.shutdownTimeout = builder.shutdownTimeout;
  }

  /** A runtime with defaults: one worker thread per core (at least 2), one scheduler thread. */
  public static IrisRuntime create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Creates the threads and starts every registered service. Idempotent while running. */
  public synchronized IrisRuntime start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("runtime " + name + " is closed");
    }
    if (state == State.RUNNING) {
      return this;
    }
    workers = Executors.newFixedThreadPool(workerThreads, threads(name + "-worker-"));
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(schedulerThreads, threads(name + "-scheduler-"));
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

  /** Whether {@link #start()} was called and {@link #close()} was not. */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /** The pool for background tasks. Only available while running. */
  public synchronized ExecutorService executor() {
    requireRunning();
    return workers;
  }

  /** The scheduler for timed tasks. Only available while running. */
  public synchronized ScheduledExecutorService scheduler() {
    requireRunning();
    return scheduler;
  }

  /** Runs a task on the worker pool; a failure is logged. */
  public Future<?> submit(String taskName, Runnable task) {
    return executor().submit(logged(taskName, task));
  }

  /**
   * Runs a task repeatedly with {@code delay} between the end of one run and the start of the next.
   * A run that throws is logged and does not stop later runs.
   */
  public ScheduledFuture<?> scheduleWithFixedDelay(
      String taskName, Runnable task, Duration initialDelay, Duration delay) {
    return scheduler()
        .scheduleWithFixedDelay(
            logged(taskName, task), initialDelay.toNanos(), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The time {@link #close()} allows in-flight work to finish. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Stops every service in reverse order of registration, letting each drain its in-flight work,
   * then stops the threads. Returns within about the shutdown timeout. Idempotent. Services of a
   * runtime that never started are stopped too, so work handed to them early (an enqueued audit
   * event, say) is finished on the closing thread rather than lost.
   */
  @Override
  public void close() {
    List<BackgroundService> toStop;
    ExecutorService workerPool;
    ScheduledExecutorService timer;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      toStop = new ArrayList<>(services);
      workerPool = workers;
      timer = scheduler;
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

  private static ThreadFactory threads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures an {@link IrisRuntime}. Every setting has a default. */
  public static final class Builder {
    private String name = "iris";
    private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int schedulerThreads = 1;
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Prefix of thread names. Default {@code "iris"}. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Threads for background tasks. Default: the number of cores, at least 2. */
    public Builder workerThreads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1, got " + count);
      }
      this.workerThreads = count;
      return this;
    }

    /** Threads for timers. Default 1. */
    public Builder schedulerThreads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("schedulerThreads must be at least 1, got " + count);
      }
      this.schedulerThreads = count;
      return this;
    }

    /** How long {@link IrisRuntime#close()} lets in-flight work drain. Default 30 seconds. */
    public Builder shutdownTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    public IrisRuntime build() {
      return new IrisRuntime(this);
    }
  }
}
