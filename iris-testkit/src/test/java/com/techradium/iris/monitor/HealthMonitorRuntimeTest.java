package com.techradium.iris.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduled checks on a real runtime: timeouts, failures and the bound on threads. */
class HealthMonitorRuntimeTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final IrisRuntime runtime =
      IrisRuntime.builder().shutdownTimeout(Duration.ofSeconds(2)).build();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    runtime.close();
  }

  private MonitorFixture start(int checkThreads) {
    MonitorFixture f =
        new MonitorFixture(
            IrisContext.builder().clock(clock).runtime(runtime).build(),
            b -> b.checkThreads(checkThreads).tick(Duration.ofMillis(5)));
    return f;
  }

  @Test
  void aHungCheckIsRecordedDownAndDoesNotBlockTheOthers() {
    MonitorFixture f = start(2);
    f.health.register(
        Component.of(
                "hung",
                "Hung",
                timeout -> {
                  release.await(); // honours interruption
                  return CheckVerdict.up();
                })
            .every(Duration.ofMinutes(1), Duration.ofMillis(100)));
    f.health.register(
        Component.of(
                "deaf",
                "Ignores interrupts",
                timeout -> {
                  while (release.getCount() > 0) {
                    Thread.onSpinWait();
                  }
                  return CheckVerdict.up();
                })
            .every(Duration.ofMinutes(1), Duration.ofMillis(100)));
    f.health.register(MonitorFixture.component("ok", new MonitorFixture.Scripted()));
    runtime.start();

    Await.until("the healthy check ran", () -> f.health.status("ok").isPresent());
    Await.until("the hung check timed out", () -> f.health.status("hung").isPresent());
    Await.until("the deaf check timed out", () -> f.health.status("deaf").isPresent());
    assertThat(f.health.overview().components())
        .filteredOn(c -> !c.name().equals("ok"))
        .allSatisfy(
            c -> {
              assertThat(c.lastOutcome()).isEqualTo(CheckOutcome.DOWN);
              assertThat(c.detail()).isEqualTo("timed out after PT0.1S");
            });

    // the deaf run still holds a thread; with 2 threads, the next minute's checks still run
    for (int round = 0; round < 3; round++) {
      clock.advance(Duration.ofMinutes(1));
      long before = countOk(f);
      Await.until("the healthy check ran again", () -> countOk(f) > before);
    }
  }

  private long countOk(MonitorFixture f) {
    return f.health
        .results("ok", clock.instant().minus(Duration.ofDays(1)), clock.instant().plusSeconds(1))
        .size();
  }

  @Test
  void aThrowingCheckIsRecordedDownWithItsReason() {
    MonitorFixture f = start(2);
    f.health.register(
        MonitorFixture.component(
            "boom",
            timeout -> {
              throw new IllegalStateException("pool exhausted");
            }));
    runtime.start();

    CheckResult r = f.health.runNow("boom");

    assertThat(r.outcome()).isEqualTo(CheckOutcome.DOWN);
    assertThat(r.detail()).isEqualTo("IllegalStateException: pool exhausted");
  }

  @Test
  void manyChecksRunOnNoMoreThreadsThanTheBound() {
    MonitorFixture f = start(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 200; i++) {
      f.health.register(
          MonitorFixture.component(
              "c" + i,
              timeout -> {
                int now = running.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                Thread.sleep(1);
                running.decrementAndGet();
                runs.incrementAndGet();
                return CheckVerdict.up();
              }));
    }
    runtime.start();

    Await.until("every check ran", () -> runs.get() >= 200);
    assertThat(peak.get()).isBetween(1, 4);
    assertThat(f.health.overview().components())
        .hasSize(200)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(ComponentStatus.OPERATIONAL));
    assertThat(f.health.liveness().live()).isTrue();
  }

  @Test
  void eachRunNowStartsAFreshRunOnceThePreviousOneIsRecorded() {
    MonitorFixture f = start(2);
    AtomicInteger runs = new AtomicInteger();
    f.health.register(
        MonitorFixture.component(
            "counted", timeout -> CheckVerdict.up("run " + runs.incrementAndGet())));
    runtime.start();

    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 5; i++) {
      seen.add(f.health.runNow("counted").detail());
    }

    assertThat(seen).hasSizeGreaterThanOrEqualTo(4); // the first may join a scheduled run
  }
}
