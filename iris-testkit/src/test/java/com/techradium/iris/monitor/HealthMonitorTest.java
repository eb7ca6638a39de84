package com.techradium.iris.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The monitor on demand (no runtime), time driven by a {@link MutableClock}. */
class HealthMonitorTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final MonitorFixture f = new MonitorFixture(IrisContext.builder().clock(clock).build());
  private final HealthMonitor health = f.health;

  private void runEveryMinute(String component, int times) {
    for (int i = 0; i < times; i++) {
      health.runNow(component);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void runNowRecordsTheResultWithTheDerivedStatus() {
    health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));

    CheckResult r = health.runNow("db");

    assertThat(r.outcome()).isEqualTo(CheckOutcome.UP);
    assertThat(r.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(r.checkedAt()).isEqualTo(clock.instant());
    assertThat(health.results("db", clock.instant(), clock.instant().plusSeconds(1)))
        .containsExactly(r);
  }

  @Test
  void statusFollowsFlapControl() {
    MonitorFixture.Scripted check =
        new MonitorFixture.Scripted()
            .then(CheckOutcome.UP, CheckOutcome.DOWN, CheckOutcome.DOWN, CheckOutcome.DOWN);
    health.register(MonitorFixture.component("db", check));

    runEveryMinute("db", 3);
    assertThat(health.status("db")).contains(ComponentStatus.OPERATIONAL);
    runEveryMinute("db", 1);
    assertThat(health.status("db")).contains(ComponentStatus.MAJOR_OUTAGE);
    assertThat(health.readiness().ready()).isFalse();
    assertThat(health.readiness().failing()).containsExactly("db");

    check.then(CheckOutcome.UP, CheckOutcome.UP);
    runEveryMinute("db", 1);
    assertThat(health.status("db")).contains(ComponentStatus.MAJOR_OUTAGE);
    runEveryMinute("db", 1);
    assertThat(health.status("db")).contains(ComponentStatus.OPERATIONAL);
  }

  @Test
  void aCheckThatThrowsIsRecordedDownWithTheReason() {
    health.register(
        MonitorFixture.component(
            "db",
            timeout -> {
              throw new java.sql.SQLException("connection refused");
            }));

    CheckResult r = health.runNow("db");

    assertThat(r.outcome()).isEqualTo(CheckOutcome.DOWN);
    assertThat(r.detail()).isEqualTo("SQLException: connection refused");
  }

  @Test
  void maintenancePutsTheComponentUnderMaintenanceAndOutOfUptime() {
    MonitorFixture.Scripted check = new MonitorFixture.Scripted();
    health.register(MonitorFixture.component("db", check).withFlap(FlapControl.none()));
    Instant start = clock.instant();
    runEveryMinute("db", 10);
    f.incidents.scheduleMaintenance(
        "Upgrade", List.of("db"), clock.instant(), clock.instant().plus(Duration.ofMinutes(10)));
    check.then(CheckOutcome.DOWN);
    assertThat(health.status("db")).contains(ComponentStatus.UNDER_MAINTENANCE);
    runEveryMinute("db", 10);
    check.then(CheckOutcome.UP);
    runEveryMinute("db", 10);

    Uptime u = health.uptime("db", start, clock.instant());
    assertThat(u.maintenance()).isEqualTo(Duration.ofMinutes(10));
    assertThat(u.observed()).isEqualTo(Duration.ofMinutes(20));
    assertThat(u.percent()).isEqualTo(100.0);
  }

  @Test
  void slaReportsDowntimeAgainstTheTarget() {
    MonitorFixture.Scripted check = new MonitorFixture.Scripted();
    health.register(MonitorFixture.component("api", check).withFlap(FlapControl.none()));
    Instant start = clock.instant();
    runEveryMinute("api", 990);
    check.then(CheckOutcome.DOWN);
    runEveryMinute("api", 10);

    SlaReport r = health.sla("api", start, clock.instant(), 99.9);

    assertThat(r.uptime().percent()).isCloseTo(99.0, within(1e-9));
    assertThat(r.met()).isFalse();
    assertThat(r.budget()).isEqualTo(Duration.ofSeconds(60));
    assertThat(r.budgetRemaining()).isEqualTo(Duration.ofSeconds(60 - 600));
  }

  @Test
  void metricsAreQueriedInBuckets() {
    Instant t = clock.instant();
    health.record(
        List.of(
            new MetricPoint("http.latency_ms", Map.of("route", "/calls"), 100, t),
            new MetricPoint("http.latency_ms", Map.of("route", "/calls"), 300, t.plusSeconds(30)),
            new MetricPoint("http.latency_ms", Map.of("route", "/sms"), 999, t.plusSeconds(30))));

    List<MetricBucket> buckets =
        health.query(
            new MetricQuery(
                "http.latency_ms",
                Map.of("route", "/calls"),
                t,
                t.plusSeconds(120),
                Duration.ofMinutes(1),
                Aggregation.AVG));

    assertThat(buckets).extracting(MetricBucket::value).containsExactly(200.0, Double.NaN);
  }

  @Test
  void gaugesAreSampledAsPoints() {
    health.registerGauge("queue.depth", Map.of("queue", "emails"), () -> 42);
    assertThatThrownBy(
            () -> health.registerGauge("queue.depth", Map.of("queue", "emails"), () -> 1))
        .isInstanceOf(ConflictException.class);

    assertThat(health.sampleGauges()).isEqualTo(1);
    assertThat(
            health.query(
                MetricQuery.of(
                    "queue.depth",
                    clock.instant(),
                    clock.instant().plusSeconds(1),
                    Duration.ofSeconds(1),
                    Aggregation.MAX)))
        .extracting(MetricBucket::value)
        .containsExactly(42.0);
  }

  @Test
  void overviewAndStatusSummaryServeAsJson() {
    health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));
    health.register(
        MonitorFixture.component("api", new MonitorFixture.Scripted().then(CheckOutcome.DEGRADED)));
    health.runAll();
    f.incidents.create(
        new NewIncident("Slow API", IncidentImpact.MINOR, List.of("api"), "Looking into it"));

    JsonNode overview = IrisJson.parse("overview", health.overview().toJson());
    assertThat(overview.get("status").asText()).isEqualTo("degraded_performance");
    assertThat(overview.get("components").get(0).get("name").asText()).isEqualTo("api");
    assertThat(overview.get("components").get(0).get("lastOutcome").asText()).isEqualTo("degraded");

    StatusSummary summary = health.statusSummary();
    JsonNode json = IrisJson.parse("summary", summary.toJson());
    assertThat(json.get("components")).hasSize(2);
    assertThat(json.get("incidents").get(0).get("title").asText()).isEqualTo("Slow API");
    assertThat(json.get("incidents").get(0).get("latestUpdate").asText())
        .isEqualTo("Looking into it");
    assertThat(summary.components().get(0).uptime90d()).isEqualTo(100.0);
  }

  @Test
  void thresholdAlertFiresAfterItsDurationAndResolvesAfterKeepFiringFor() {
    List<AlertEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    health.addAlertListener(events::add);
    health.saveAlertRule(
        new AlertRule(
            "slow-calls",
            new AlertCondition.Threshold(
                "latency", Map.of(), Aggregation.MAX, Duration.ofMinutes(1), Comparison.ABOVE, 500),
            Duration.ofMinutes(2),
            Duration.ofMinutes(3),
            true));

    for (int minute = 0; minute < 3; minute++) {
      health.record("latency", 900);
      health.evaluateAlerts();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(events).singleElement().extracting(AlertEvent::firing).isEqualTo(true);
    assertThat(health.firingAlerts()).containsExactly("slow-calls");
    assertThat(f.incidents.open())
        .singleElement()
        .extracting(Incident::alertRule)
        .isEqualTo("slow-calls");

    for (int minute = 0; minute < 4; minute++) {
      clock.advance(Duration.ofMinutes(1));
      health.evaluateAlerts();
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(1).firing()).isFalse();
    assertThat(f.incidents.open()).isEmpty();
  }

  @Test
  void componentStatusAlertFollowsTheStatus() {
    MonitorFixture.Scripted check = new MonitorFixture.Scripted();
    health.register(MonitorFixture.component("db", check).withFlap(FlapControl.none()));
    health.saveAlertRule(
        AlertRule.of(
            "db-down", new AlertCondition.StatusIs("db", Set.of(ComponentStatus.MAJOR_OUTAGE))));
    health.runNow("db");
    assertThat(health.evaluateAlerts()).isEmpty();
    check.then(CheckOutcome.DOWN);
    health.runNow("db");
    assertThat(health.evaluateAlerts())
        .singleElement()
        .extracting(AlertEvent::firing)
        .isEqualTo(true);
  }

  @Test
  void burnRateAlertNeedsBothWindowsOfAPair() {
    MonitorFixture.Scripted check = new MonitorFixture.Scripted();
    health.register(
        Component.of("api", "API", check)
            .every(Duration.ofSeconds(10), Duration.ofSeconds(1))
            .withFlap(FlapControl.none()));
    health.saveAlertRule(
        AlertRule.of(
            "api-budget", new AlertCondition.BurnRate("api", 99.9, BurnWindow.standard())));
    // 55 healthy minutes, then 5 minutes down: the 1 h window burns 83x, the 5 min window 1000x
    // (after 5 minutes up, the 6 h / 30 min pair still burns over 6x: it keeps firing)
    for (int i = 0; i < 330; i++) {
      health.runNow("api");
      clock.advance(Duration.ofSeconds(10));
    }
    check.then(CheckOutcome.DOWN);
    for (int i = 0; i < 30; i++) {
      health.runNow("api");
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(health.evaluateAlerts())
        .singleElement()
        .extracting(AlertEvent::firing)
        .isEqualTo(true);

    // recovered for 31 minutes: both short windows (5 and 30 minutes) are clean, so it resolves
    check.then(CheckOutcome.UP);
    for (int i = 0; i < 31; i++) {
      health.runNow("api");
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(health.evaluateAlerts()).isEmpty();
    assertThat(health.firingAlerts()).containsExactly("api-budget");
    for (int i = 0; i < 155; i++) {
      health.runNow("api");
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(health.evaluateAlerts())
        .singleElement()
        .extracting(AlertEvent::firing)
        .isEqualTo(false);
  }

  @Test
  void registeringAComponentTwiceIsAConflict() {
    health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));
    assertThatThrownBy(
            () -> health.register(MonitorFixture.component("db", new MonitorFixture.Scripted())))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void retentionDeletesOldResultsAndPoints() {
    health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));
    Instant old = clock.instant();
    health.runNow("db");
    health.record("latency", 1);
    clock.advance(Duration.ofDays(31));
    health.record("latency", 2);

    MonitorCleanup done = health.cleanup();

    assertThat(done).isEqualTo(new MonitorCleanup(0, 1));
    clock.advance(Duration.ofDays(370));
    assertThat(health.cleanup().results()).isEqualTo(1);
    assertThat(health.results("db", old, old.plusSeconds(1))).isEmpty();
    assertThat(f.context.housekeeping().tasks())
        .extracting(t -> t.name())
        .contains(HealthMonitor.RETENTION_TASK);
  }
}
