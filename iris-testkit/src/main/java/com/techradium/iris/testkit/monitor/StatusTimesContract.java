package com.techradium.iris.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.StatusTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckResultStore#statusTimes} must return: the rule of {@link StatusTimes},
 * exactly, whether the store inherits the default or aggregates on its own.
 */
public abstract class StatusTimesContract extends MonitorContractSupport {
  private static final Duration STALE = Duration.ofMinutes(3);

  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public StatusTimesContract() {}

  private CheckResultStore results() {
    return store().results();
  }

  private static CheckResult at(String component, Instant t, ComponentStatus status) {
    return result(component, t, CheckOutcome.UP, status);
  }

  private static Map<ComponentStatus, Duration> times(Object... statusAndTime) {
    Map<ComponentStatus, Duration> out = new EnumMap<>(ComponentStatus.class);
    for (int i = 0; i < statusAndTime.length; i += 2) {
      out.put((ComponentStatus) statusAndTime[i], (Duration) statusAndTime[i + 1]);
    }
    return out;
  }

  private Map<ComponentStatus, Duration> statusTimes(String c, Instant from, Instant to) {
    return results().statusTimes(c, from, to, STALE).times();
  }

  @Test
  void aComponentWithoutResultsSpentNoTimeInAnyStatus() {
    String c = uniqueName("db");
    Instant t = clock.instant();

    assertThat(results().statusTimes(c, t, t.plusSeconds(3600), STALE)).isEqualTo(StatusTimes.NONE);
  }

  @Test
  void eachResultHoldsUntilTheNextOne() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t, ComponentStatus.OPERATIONAL),
                at(c, t.plusSeconds(60), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(90), ComponentStatus.PARTIAL_OUTAGE),
                at(c, t.plusSeconds(100), ComponentStatus.DEGRADED_PERFORMANCE),
                at(c, t.plusSeconds(130), ComponentStatus.UNDER_MAINTENANCE),
                at(c, t.plusSeconds(200), ComponentStatus.OPERATIONAL)));

    assertThat(statusTimes(c, t, t.plusSeconds(240)))
        .isEqualTo(
            times(
                ComponentStatus.OPERATIONAL, Duration.ofSeconds(100),
                ComponentStatus.MAJOR_OUTAGE, Duration.ofSeconds(30),
                ComponentStatus.PARTIAL_OUTAGE, Duration.ofSeconds(10),
                ComponentStatus.DEGRADED_PERFORMANCE, Duration.ofSeconds(30),
                ComponentStatus.UNDER_MAINTENANCE, Duration.ofSeconds(70)));
  }

  @Test
  void theLastResultBeforeTheWindowCoversItsStart() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t.minusSeconds(90), ComponentStatus.OPERATIONAL),
                at(c, t.minusSeconds(30), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(60), ComponentStatus.OPERATIONAL)));

    assertThat(statusTimes(c, t, t.plusSeconds(120)))
        .isEqualTo(
            times(
                ComponentStatus.MAJOR_OUTAGE, Duration.ofSeconds(60),
                ComponentStatus.OPERATIONAL, Duration.ofSeconds(60)));
  }

  @Test
  void aResultBeforeTheWindowThatWentStaleCoversNothing() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t.minusSeconds(300), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(60), ComponentStatus.OPERATIONAL)));

    assertThat(statusTimes(c, t, t.plusSeconds(120)))
        .isEqualTo(times(ComponentStatus.OPERATIONAL, Duration.ofSeconds(60)));
  }

  @Test
  void aResultHoldsAtMostTheStaleLimit() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t, ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(600), ComponentStatus.OPERATIONAL)));

    assertThat(statusTimes(c, t, t.plusSeconds(900)))
        .isEqualTo(
            times(
                ComponentStatus.MAJOR_OUTAGE, STALE,
                ComponentStatus.OPERATIONAL, STALE));
  }

  @Test
  void onlyTheLastOfResultsAtTheSameInstantHolds() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t.minusSeconds(30), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.minusSeconds(30), ComponentStatus.PARTIAL_OUTAGE)));
    results()
        .append(
            List.of(
                at(c, t.plusSeconds(60), ComponentStatus.OPERATIONAL),
                at(c, t.plusSeconds(60), ComponentStatus.DEGRADED_PERFORMANCE)));
    results().append(List.of(at(c, t.plusSeconds(60), ComponentStatus.MAJOR_OUTAGE)));

    assertThat(statusTimes(c, t, t.plusSeconds(120)))
        .isEqualTo(
            times(
                ComponentStatus.PARTIAL_OUTAGE, Duration.ofSeconds(60),
                ComponentStatus.MAJOR_OUTAGE, Duration.ofSeconds(60)));
  }

  @Test
  void aWindowEndingMidRunCountsOnlyUpToItsEnd() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t, ComponentStatus.OPERATIONAL),
                at(c, t.plusSeconds(60), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(120), ComponentStatus.OPERATIONAL)));

    assertThat(statusTimes(c, t.plusSeconds(30), t.plusSeconds(75)))
        .isEqualTo(
            times(
                ComponentStatus.OPERATIONAL, Duration.ofSeconds(30),
                ComponentStatus.MAJOR_OUTAGE, Duration.ofSeconds(15)));
    assertThat(statusTimes(c, t.plusSeconds(150), t.plusSeconds(160)))
        .isEqualTo(times(ComponentStatus.OPERATIONAL, Duration.ofSeconds(10)));
  }

  @Test
  void theWindowsEndsAreTakenToTheMillisecond() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t, ComponentStatus.OPERATIONAL),
                at(c, t.plusMillis(1), ComponentStatus.PARTIAL_OUTAGE),
                at(c, t.plusMillis(2), ComponentStatus.MAJOR_OUTAGE)));

    assertThat(statusTimes(c, t.plusNanos(1_500_000), t.plusNanos(4_200_000)))
        .isEqualTo(
            times(
                ComponentStatus.PARTIAL_OUTAGE, Duration.ofMillis(1),
                ComponentStatus.MAJOR_OUTAGE, Duration.ofMillis(2)));
    assertThat(statusTimes(c, t.plusNanos(500_000), t.plusNanos(900_000)))
        .isEqualTo(StatusTimes.NONE.times());
  }

  @Test
  void onlyTheComponentsResultsInsideTheWindowCount() {
    String c = uniqueName("db");
    String other = uniqueName("other");
    Instant t = clock.instant();
    results()
        .append(
            List.of(
                at(c, t, ComponentStatus.OPERATIONAL),
                at(other, t.plusSeconds(10), ComponentStatus.MAJOR_OUTAGE),
                at(c, t.plusSeconds(60), ComponentStatus.MAJOR_OUTAGE)));

    assertThat(statusTimes(c, t, t.plusSeconds(60)))
        .isEqualTo(times(ComponentStatus.OPERATIONAL, Duration.ofSeconds(60)));
    assertThat(results().statusTimes(c, t.plusSeconds(60), t, STALE)).isEqualTo(StatusTimes.NONE);
  }

  @Test
  void anIrregularHistoryGivesWhatTheRuleGivesOverTheStoredResults() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    Random random = new Random(42);
    ComponentStatus[] statuses = ComponentStatus.values();
    List<CheckResult> history = new ArrayList<>();
    Instant at = t;
    for (int i = 0; i < 500; i++) {
      int step = random.nextInt(10);
      at = at.plusMillis(step == 0 ? 0 : step < 8 ? 30_000 + random.nextInt(60_000) : 400_000);
      history.add(at(c, at, statuses[random.nextInt(statuses.length)]));
    }
    results().append(history);

    for (int w = 0; w < 20; w++) {
      Instant from = t.plusMillis(random.nextInt(20_000_000) - 1_000_000);
      Instant to = from.plusMillis(1 + random.nextInt(10_000_000));
      StatusTimes expected =
          StatusTimes.tally(
              from,
              to,
              results().lastBefore(c, from).orElse(null),
              results().between(c, from, to),
              STALE);

      assertThat(results().statusTimes(c, from, to, STALE))
          .as("window %s to %s", from, to)
          .isEqualTo(expected);
    }
  }
}
