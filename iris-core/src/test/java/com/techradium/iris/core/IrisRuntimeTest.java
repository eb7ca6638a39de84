package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IrisRuntimeTest {

  @Test
  void constructingARuntimeStartsNoThread() {
    IrisRuntime runtime = IrisRuntime.builder().name("idle").build();
    assertThat(runtime.isRunning()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("idle-"));
    assertThatThrownBy(runtime::executor).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void servicesStartWithTheRuntimeAndStopInReverseOrder() {
    List<String> events = new CopyOnWriteArrayList<>();
    IrisRuntime runtime = IrisRuntime.create();
    runtime.register(new RecordingService("a", events));
    runtime.register(new RecordingService("b", events));
    runtime.start();
    runtime.register(new RecordingService("c", events));
    runtime.close();
    assertThat(events)
        .containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
  }

  @Test
  void closeLetsInFlightWorkFinishWithinTheTimeout() throws InterruptedException {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    IrisRuntime runtime =
        IrisRuntime.builder().shutdownTimeout(Duration.ofSeconds(10)).build().start();
    runtime.submit(
        "slow",
        () -> {
          started.countDown();
          sleep(200);
          finished.set(true);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    runtime.close();
    assertThat(finished).isTrue();
  }

  @Test
  void closeGivesUpOnWorkThatOutlivesTheTimeout() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    IrisRuntime runtime = IrisRuntime.builder().shutdownTimeout(Duration.ZERO).build().start();
    runtime.submit(
        "stuck",
        () -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    runtime.close();
    assertThat(runtime.isRunning()).isFalse();
    Thread.sleep(100);
    assertThat(interrupted).isTrue();
  }

  @Test
  void aFailingPeriodicTaskKeepsRunning() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch thirdRun = new CountDownLatch(3);
    try (IrisRuntime runtime = IrisRuntime.create().start()) {
      runtime.scheduleWithFixedDelay(
          "flaky",
          () -> {
            runs.incrementAndGet();
            thirdRun.countDown();
            throw new IllegalStateException("boom");
          },
          Duration.ZERO,
          Duration.ofMillis(5));
      assertThat(thirdRun.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aCancelledScheduledTaskLeavesTheSchedulersQueueAtOnce() {
    try (IrisRuntime runtime = IrisRuntime.create().start()) {
      ScheduledThreadPoolExecutor scheduler = (ScheduledThreadPoolExecutor) runtime.scheduler();
      ScheduledFuture<?> timeout = scheduler.schedule(() -> {}, 1, TimeUnit.HOURS);

      timeout.cancel(false);

      assertThat(scheduler.getQueue()).isEmpty();
    }
  }

  @Test
  void closingARuntimeThatNeverStartedStillStopsItsServices() {
    List<String> events = new CopyOnWriteArrayList<>();
    IrisRuntime runtime = IrisRuntime.create();
    runtime.register(new RecordingService("a", events));

    runtime.close();

    assertThat(events).containsExactly("stop a");
  }

  @Test
  void aClosedRuntimeCannotBeRestartedOrTakeServices() {
    IrisRuntime runtime = IrisRuntime.create().start();
    runtime.close();
    runtime.close();
    assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runtime.register(new RecordingService("x", List.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDedicatedThreadIsNamedForItsServiceAndJoinedOnClose() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    IrisRuntime runtime = IrisRuntime.builder().name("dedicated").build().start();
    runtime.register(
        new BackgroundService() {
          @Override
          public String name() {
            return "loop";
          }

          @Override
          public void start(IrisRuntime r) {}

          @Override
          public void stop(Duration timeout) {
            stop.set(true);
          }
        });
    Thread first =
        runtime.startThread(
            "loop",
            () -> {
              while (!stop.get()) {
                sleep(1);
              }
            });
    Thread second = runtime.startThread("loop", () -> {});

    assertThat(first.getName()).isEqualTo("dedicated-loop");
    assertThat(second.getName()).isEqualTo("dedicated-loop-2");
    assertThat(first.isDaemon()).isTrue();
    runtime.close();
    assertThat(first.isAlive()).isFalse();
  }

  @Test
  void aDedicatedThreadThatOutlivesTheTimeoutIsInterrupted() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    IrisRuntime runtime =
        IrisRuntime.builder().name("stubborn").shutdownTimeout(Duration.ZERO).build();
    runtime.start();
    runtime.startThread(
        "sleeper",
        () -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });

    runtime.close();

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBoundedExecutorNeverRunsMoreTasksAtOnceThanItsBound() throws InterruptedException {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(30);
    try (IrisRuntime runtime = IrisRuntime.builder().name("bounded").build().start()) {
      ExecutorService executor = runtime.newExecutor("jobs-emails", 3);
      for (int i = 0; i < 30; i++) {
        executor.execute(
            () -> {
              mostAtOnce.accumulateAndGet(active.incrementAndGet(), Math::max);
              threadNames.add(Thread.currentThread().getName());
              sleep(2);
              active.decrementAndGet();
              done.countDown();
            });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(mostAtOnce.get()).isBetween(1, 3);
    assertThat(threadNames)
        .isSubsetOf("bounded-jobs-emails-1", "bounded-jobs-emails-2", "bounded-jobs-emails-3");
  }

  @Test
  void closeShutsDownTheExecutorsItHandedOut() {
    IrisRuntime runtime = IrisRuntime.builder().name("handed-out").build().start();
    ExecutorService executor = runtime.newExecutor("deliveries", 2);
    executor.execute(() -> {});

    runtime.close();

    assertThat(executor.isTerminated()).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void threadsAndExecutorsAreHandedOutOnlyWhileRunning() {
    IrisRuntime runtime = IrisRuntime.builder().name("not-yet").build();
    assertThatThrownBy(() -> runtime.startThread("loop", () -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runtime.newExecutor("pool", 1))
        .isInstanceOf(IllegalStateException.class);
    runtime.start();
    runtime.close();
    assertThatThrownBy(() -> runtime.startThread("loop", () -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runtime.newExecutor("pool", 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anExecutorNeedsAServiceNameAndABoundOfAtLeastOne() {
    try (IrisRuntime runtime = IrisRuntime.create().start()) {
      assertThatThrownBy(() -> runtime.newExecutor("pool", 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxThreads");
      assertThatThrownBy(() -> runtime.newExecutor(" ", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("serviceName");
    }
  }

  @Test
  void theShutdownTimeoutIsOneBudgetSharedByEveryService() {
    List<Duration> given = new CopyOnWriteArrayList<>();
    IrisRuntime runtime =
        IrisRuntime.builder().name("budget").shutdownTimeout(Duration.ofSeconds(5)).build();
    for (String name : List.of("first", "second")) {
      runtime.register(
          new BackgroundService() {
            @Override
            public String name() {
              return name;
            }

            @Override
            public void start(IrisRuntime r) {}

            @Override
            public void stop(Duration timeout) {
              given.add(timeout);
              sleep(300);
            }
          });
    }
    runtime.start();

    runtime.close();

    // Stopped in reverse order: "second" got the whole budget, "first" what was left of it.
    assertThat(given).hasSize(2);
    assertThat(given.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(given.get(1)).isLessThanOrEqualTo(Duration.ofSeconds(5).minusMillis(300));
    assertThat(given.get(1)).isPositive();
  }

  @Test
  void closeWaitsForATimerTaskThatIsRunning() throws InterruptedException {
    IrisRuntime runtime =
        IrisRuntime.builder().name("timers").shutdownTimeout(Duration.ofSeconds(10)).build();
    runtime.start();
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    runtime
        .scheduler()
        .execute(
            () -> {
              running.countDown();
              sleep(300);
              finished.set(true);
            });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    runtime.close();

    assertThat(finished).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record RecordingService(String name, List<String> events) implements BackgroundService {
    @Override
    public void start(IrisRuntime runtime) {
      events.add("start " + name);
    }

    @Override
    public void stop(Duration timeout) {
      events.add("stop " + name);
    }
  }
}
