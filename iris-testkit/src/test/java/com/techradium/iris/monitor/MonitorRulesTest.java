package com.techradium.iris.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.monitor.spi.IncidentWorkflow;
import com.techradium.iris.monitor.spi.StatusTimes;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The monitor's pure rules, driven by a {@link MutableClock}. */
class MonitorRulesTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();

  @Nested
  class StatusWithFlapControl {
    private StatusTransitions.State feed(FlapControl flap, CheckOutcome... outcomes) {
      StatusTransitions.State s = StatusTransitions.State.INITIAL;
      for (CheckOutcome o : outcomes) {
        s = StatusTransitions.next(s, o, flap);
      }
      return s;
    }

    @Test
    void theFirstResultSetsTheStatus() {
      assertThat(feed(FlapControl.defaults(), CheckOutcome.DOWN).status())
          .isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void threeFailuresInARowTakeAComponentDown() {
      FlapControl flap = FlapControl.defaults();
      assertThat(feed(flap, CheckOutcome.UP, CheckOutcome.DOWN, CheckOutcome.DOWN).status())
          .isEqualTo(ComponentStatus.OPERATIONAL);
      assertThat(
              feed(flap, CheckOutcome.UP, CheckOutcome.DOWN, CheckOutcome.DOWN, CheckOutcome.DOWN)
                  .status())
          .isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void aSuccessInBetweenResetsTheFailureCount() {
      assertThat(
              feed(
                      FlapControl.defaults(),
                      CheckOutcome.UP,
                      CheckOutcome.DOWN,
                      CheckOutcome.DOWN,
                      CheckOutcome.UP,
                      CheckOutcome.DOWN,
                      CheckOutcome.DOWN)
                  .status())
          .isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void twoSuccessesBringItBack() {
      FlapControl flap = FlapControl.defaults();
      assertThat(feed(flap, CheckOutcome.DOWN, CheckOutcome.UP).status())
          .isEqualTo(ComponentStatus.MAJOR_OUTAGE);
      assertThat(feed(flap, CheckOutcome.DOWN, CheckOutcome.UP, CheckOutcome.UP).status())
          .isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void theStatusBecomesWhatTheLatestResultPointsTo() {
      assertThat(
              feed(new FlapControl(2, 1), CheckOutcome.UP, CheckOutcome.DOWN, CheckOutcome.PARTIAL)
                  .status())
          .isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void flapControlOutOfRangeIsRefused() {
      assertThatThrownBy(() -> new FlapControl(0, 2))
          .hasMessage("failuresToWorsen must be between 1 and 100, got 0");
    }
  }

  @Nested
  class UptimeAndSla {
    private final Duration stale = Duration.ofMinutes(3);

    private CheckResult at(Instant t, ComponentStatus status) {
      return new CheckResult("api", t, CheckOutcome.UP, status, Duration.ZERO, "");
    }

    private Uptime uptime(
        Instant from, Instant to, @Nullable CheckResult before, List<CheckResult> results) {
      return UptimeCalculator.compute(
          "api",
          from,
          to,
          StatusTimes.tally(from, to, before, results, stale),
          UptimePolicy.defaults());
    }

    @Test
    void eachResultHoldsUntilTheNext() {
      Instant t = clock.instant();
      List<CheckResult> results =
          List.of(
              at(t, ComponentStatus.OPERATIONAL),
              at(t.plusSeconds(60), ComponentStatus.MAJOR_OUTAGE),
              at(t.plusSeconds(120), ComponentStatus.OPERATIONAL),
              at(t.plusSeconds(180), ComponentStatus.OPERATIONAL));
      Uptime u = uptime(t, t.plusSeconds(240), null, results);

      assertThat(u.observed()).isEqualTo(Duration.ofSeconds(240));
      assertThat(u.downtime()).isEqualTo(Duration.ofSeconds(60));
      assertThat(u.percent()).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void partialOutageCountsThirtyPercentAndDegradedCountsAsUp() {
      Instant t = clock.instant();
      List<CheckResult> results =
          List.of(
              at(t, ComponentStatus.PARTIAL_OUTAGE),
              at(t.plusSeconds(100), ComponentStatus.DEGRADED_PERFORMANCE));
      Uptime u = uptime(t, t.plusSeconds(200), null, results);

      assertThat(u.downtime()).isEqualTo(Duration.ofSeconds(30));
      assertThat(u.percent()).isCloseTo(85.0, within(1e-9));
    }

    @Test
    void maintenanceAndTimeWithoutResultsAreExcluded() {
      Instant t = clock.instant();
      List<CheckResult> results =
          List.of(
              at(t.plusSeconds(60), ComponentStatus.UNDER_MAINTENANCE),
              at(t.plusSeconds(120), ComponentStatus.MAJOR_OUTAGE));
      // the outage result is stale after 3 minutes; the window runs 10 minutes
      Uptime u = uptime(t, t.plusSeconds(600), null, results);

      assertThat(u.maintenance()).isEqualTo(Duration.ofSeconds(60));
      assertThat(u.observed()).isEqualTo(Duration.ofSeconds(180));
      assertThat(u.unknown()).isEqualTo(Duration.ofSeconds(360));
      assertThat(u.percent()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void theResultBeforeTheWindowCoversItsStart() {
      Instant t = clock.instant();
      Uptime u =
          uptime(
              t,
              t.plusSeconds(120),
              at(t.minusSeconds(30), ComponentStatus.MAJOR_OUTAGE),
              List.of(at(t.plusSeconds(60), ComponentStatus.OPERATIONAL)));

      assertThat(u.downtime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aResultKeepsItsTimeToTheMillisecond() {
      Instant t = clock.instant();
      assertThat(at(t.plusNanos(2_700_000), ComponentStatus.OPERATIONAL).checkedAt())
          .isEqualTo(t.plusMillis(2));
    }

    @Test
    void thePolicyWeighsTheTimeInEachStatus() {
      Instant t = clock.instant();
      Uptime u =
          UptimeCalculator.compute(
              "api",
              t,
              t.plusSeconds(300),
              new StatusTimes(
                  Map.of(
                      ComponentStatus.OPERATIONAL, Duration.ofSeconds(40),
                      ComponentStatus.DEGRADED_PERFORMANCE, Duration.ofSeconds(30),
                      ComponentStatus.PARTIAL_OUTAGE, Duration.ofSeconds(100),
                      ComponentStatus.UNDER_MAINTENANCE, Duration.ofSeconds(30))),
              UptimePolicy.defaults());

      assertThat(u.observed()).isEqualTo(Duration.ofSeconds(170));
      assertThat(u.downtime()).isEqualTo(Duration.ofSeconds(30));
      assertThat(u.maintenance()).isEqualTo(Duration.ofSeconds(30));
      assertThat(u.unknown()).isEqualTo(Duration.ofSeconds(100));
      assertThat(u.percent()).isCloseTo(100.0 * (1 - 30.0 / 170), within(1e-9));
    }

    @Test
    void noDataIsAHundredPercentWithoutObservedTime() {
      Instant t = clock.instant();
      Uptime u = uptime(t, t.plusSeconds(60), null, List.of());
      assertThat(u.hasData()).isFalse();
      assertThat(u.percent()).isEqualTo(100.0);
    }

    @Test
    void slaReportsTheErrorBudgetLeft() {
      Instant t = clock.instant();
      Duration day = Duration.ofDays(30);
      Uptime u =
          new Uptime(
              "api",
              t,
              t.plus(day),
              day,
              Duration.ofMinutes(10),
              Duration.ZERO,
              Duration.ZERO,
              100.0 * (1 - 10.0 / (30 * 24 * 60)));
      SlaReport r = SlaReport.of(u, 99.9);

      assertThat(r.budget()).isEqualTo(Duration.ofSeconds(2592)); // 43.2 minutes
      assertThat(r.budgetUsed()).isEqualTo(Duration.ofMinutes(10));
      assertThat(r.budgetRemaining()).isEqualTo(Duration.ofSeconds(2592 - 600));
      assertThat(r.budgetRemainingFraction()).isCloseTo((2592.0 - 600) / 2592, within(1e-9));
      assertThat(r.met()).isTrue();
    }

    @Test
    void aYearOfMinuteResultsIsComputed() {
      Instant t = clock.instant();
      List<CheckResult> results = new ArrayList<>();
      for (int i = 0; i < 525_600; i++) {
        results.add(
            at(
                t.plusSeconds(60L * i),
                i % 1000 == 0 ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL));
      }
      Uptime u = uptime(t, t.plus(Duration.ofDays(365)), null, results);
      assertThat(u.downtime()).isEqualTo(Duration.ofMinutes(526));
    }
  }

  @Nested
  class Alerts {
    private final Duration forDuration = Duration.ofMinutes(2);
    private final Duration keep = Duration.ofMinutes(5);

    @Test
    void firesOnlyAfterTheConditionHeldForItsDuration() {
      AlertStates.State s = AlertStates.State.INACTIVE;
      AlertStates.Step step = AlertStates.next(s, true, clock.instant(), forDuration, keep);
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.PENDING);
      assertThat(step.event()).isNull();

      step =
          AlertStates.next(
              step.state(), true, clock.advance(Duration.ofSeconds(119)), forDuration, keep);
      assertThat(step.event()).isNull();
      step =
          AlertStates.next(
              step.state(), true, clock.advance(Duration.ofSeconds(1)), forDuration, keep);
      assertThat(step.event()).isTrue();
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.FIRING);
    }

    @Test
    void aPendingRuleWhoseConditionClearsStartsOver() {
      AlertStates.Step step =
          AlertStates.next(AlertStates.State.INACTIVE, true, clock.instant(), forDuration, keep);
      step =
          AlertStates.next(
              step.state(), false, clock.advance(Duration.ofMinutes(1)), forDuration, keep);
      assertThat(step.state()).isEqualTo(AlertStates.State.INACTIVE);
      assertThat(step.event()).isNull();
      step =
          AlertStates.next(
              step.state(), true, clock.advance(Duration.ofMinutes(1)), forDuration, keep);
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.PENDING);
    }

    @Test
    void keepsFiringUntilTheConditionStayedFalseForKeepFiringFor() {
      AlertStates.Step step =
          AlertStates.next(AlertStates.State.INACTIVE, true, clock.instant(), Duration.ZERO, keep);
      assertThat(step.event()).isTrue();
      step =
          AlertStates.next(
              step.state(), false, clock.advance(Duration.ofMinutes(4)), Duration.ZERO, keep);
      assertThat(step.event()).isNull();
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.FIRING);
      step =
          AlertStates.next(
              step.state(), false, clock.advance(Duration.ofMinutes(1)), Duration.ZERO, keep);
      assertThat(step.event()).isFalse();
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.INACTIVE);
    }

    @Test
    void theConditionReturningWhileKeptFiringRestartsTheKeepPeriod() {
      AlertStates.Step step =
          AlertStates.next(AlertStates.State.INACTIVE, true, clock.instant(), Duration.ZERO, keep);
      step =
          AlertStates.next(
              step.state(), false, clock.advance(Duration.ofMinutes(4)), Duration.ZERO, keep);
      step =
          AlertStates.next(
              step.state(), true, clock.advance(Duration.ofMinutes(1)), Duration.ZERO, keep);
      step =
          AlertStates.next(
              step.state(), false, clock.advance(Duration.ofMinutes(4)), Duration.ZERO, keep);
      assertThat(step.state().phase()).isEqualTo(AlertStates.Phase.FIRING);
    }
  }

  @Nested
  class Aggregations {
    private final Instant t = clock.instant();

    private List<MetricBucket> run(Aggregation a, double... values) {
      List<MetricPoint> points = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        points.add(MetricPoint.of("m", values[i], t.plusSeconds(i)));
      }
      return MetricAggregation.aggregate(
          new MetricQuery("m", Map.of(), t, t.plusSeconds(20), Duration.ofSeconds(10), a), points);
    }

    @Test
    void bucketsSplitTheWindowAndAggregateEach() {
      List<MetricBucket> avg = run(Aggregation.AVG, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100);
      assertThat(avg).hasSize(2);
      assertThat(avg.get(0).value()).isEqualTo(5.5);
      assertThat(avg.get(0).count()).isEqualTo(10);
      assertThat(avg.get(1).value()).isEqualTo(100.0);
      assertThat(avg.get(1).start()).isEqualTo(t.plusSeconds(10));
    }

    @Test
    void minMaxSumCountP95AndRate() {
      double[] v = new double[20];
      for (int i = 0; i < 20; i++) {
        v[i] = i + 1;
      }
      assertThat(run(Aggregation.MIN, v).get(1).value()).isEqualTo(11);
      assertThat(run(Aggregation.MAX, v).get(1).value()).isEqualTo(20);
      assertThat(run(Aggregation.SUM, v).get(0).value()).isEqualTo(55);
      assertThat(run(Aggregation.COUNT, v).get(0).value()).isEqualTo(10);
      assertThat(run(Aggregation.P95, v).get(0).value()).isEqualTo(10); // nearest rank of 10
      assertThat(run(Aggregation.RATE, v).get(0).value()).isEqualTo(5.5); // 55 per 10 s
    }

    @Test
    void emptyBucketsAreNanForValuesAndZeroForCounts() {
      assertThat(run(Aggregation.AVG).get(0).value()).isNaN();
      assertThat(run(Aggregation.COUNT).get(0).value()).isZero();
    }
  }

  @Nested
  class IncidentTransitions {
    private Incident incident(IncidentStatus status) {
      Instant t = clock.instant();
      return new Incident(
          UUID.randomUUID(),
          "x",
          IncidentImpact.MINOR,
          status,
          List.of(),
          null,
          null,
          t,
          t,
          null,
          List.of());
    }

    @Test
    void movesForwardAndMaySkip() {
      assertThat(IncidentWorkflow.allowed(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED))
          .isTrue();
      assertThat(IncidentWorkflow.allowed(IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED))
          .isTrue();
      assertThat(IncidentWorkflow.allowed(IncidentStatus.MONITORING, IncidentStatus.IDENTIFIED))
          .isFalse();
      assertThat(IncidentWorkflow.allowed(IncidentStatus.RESOLVED, IncidentStatus.RESOLVED))
          .isFalse();
    }

    @Test
    void resolvingStampsResolvedAt() {
      Instant later = clock.advance(Duration.ofMinutes(5));
      Incident done =
          IncidentWorkflow.apply(
              incident(IncidentStatus.MONITORING),
              IncidentChange.status(IncidentStatus.RESOLVED, "ok"),
              UUID.randomUUID(),
              later);
      assertThat(done.resolvedAt()).isEqualTo(later);
      assertThat(done.updates())
          .singleElement()
          .extracting(IncidentUpdate::status)
          .isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aResolvedIncidentTakesOnlyAPostmortemLink() {
      Incident resolved = incident(IncidentStatus.RESOLVED);
      assertThatThrownBy(
              () ->
                  IncidentWorkflow.apply(
                      resolved, IncidentChange.message("more"), UUID.randomUUID(), clock.instant()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("is resolved");
      assertThat(
              IncidentWorkflow.apply(
                      resolved,
                      IncidentChange.postmortem("https://x.example/pm"),
                      UUID.randomUUID(),
                      clock.instant())
                  .postmortemUrl())
          .isEqualTo("https://x.example/pm");
    }

    @Test
    void aBackwardMoveIsRefusedWithBothStatusesNamed() {
      assertThatThrownBy(
              () ->
                  IncidentWorkflow.apply(
                      incident(IncidentStatus.MONITORING),
                      IncidentChange.status(IncidentStatus.INVESTIGATING, "again"),
                      UUID.randomUUID(),
                      clock.instant()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("cannot move from monitoring to investigating");
    }
  }
}
