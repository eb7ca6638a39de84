package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void idsAreVersionSevenWithTheRfcVariant() {
    UUID id = new TimeOrderedIds(Clock.systemUTC()).next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void idsCarryTheClockTimeToTheMillisecond() {
    UUID id = new TimeOrderedIds(Clock.fixed(T0, ZoneOffset.UTC)).next();
    assertThat(TimeOrderedIds.timestampOf(id)).isEqualTo(T0);
  }

  @Test
  void idsMadeWithinOneMillisecondStillIncrease() {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(T0, ZoneOffset.UTC));
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.next());
    }
    assertThat(made).isSortedAccordingTo(TimeOrderedIdsTest::unsignedCompare);
    assertThat(Set.copyOf(made)).hasSize(made.size());
  }

  @Test
  void idsIncreaseEvenWhenTheClockStepsBack() {
    MutableTestClock clock = new MutableTestClock(T0);
    TimeOrderedIds ids = new TimeOrderedIds(clock);
    UUID before = ids.next();
    clock.now = T0.minusSeconds(5);
    UUID after = ids.next();
    assertThat(unsignedCompare(after, before)).isPositive();
  }

  @Test
  void idsAreUniqueAcrossThreads() throws InterruptedException {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
    Set<UUID> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 5_000; i++) {
              seen.add(ids.next());
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(20_000);
  }

  @Test
  void lowerBoundSortsBeforeEveryIdOfThatMillisecond() {
    UUID id = new TimeOrderedIds(Clock.fixed(T0, ZoneOffset.UTC)).next();
    assertThat(unsignedCompare(TimeOrderedIds.lowerBound(T0), id)).isNegative();
    assertThat(unsignedCompare(TimeOrderedIds.lowerBound(T0.plusMillis(1)), id)).isPositive();
  }

  @Test
  void timestampOfRejectsOtherVersions() {
    assertThatThrownBy(() -> TimeOrderedIds.timestampOf(UUID.randomUUID()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Compares as PostgreSQL and byte-wise sorts do: unsigned, most significant bits first. */
  static int unsignedCompare(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static final class MutableTestClock extends Clock {
    volatile Instant now;

    MutableTestClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
