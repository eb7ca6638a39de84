package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
