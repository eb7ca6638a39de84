package com.techradium.iris.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input: a clear error naming each field, and nothing changed. */
class MonitorValidationTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final MonitorFixture f = new MonitorFixture(IrisContext.builder().clock(clock).build());
  private final HealthMonitor health = f.health;
  private final IncidentManager incidents = f.incidents;

  @BeforeEach
  void registerDb() {
    health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));
  }

  private static void rejects(ThrowingCallable call, String... fields) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(error -> error.field())
                    .containsExactlyInAnyOrder(fields));
  }

  @Test
  void componentsNameEveryBadField() {
    rejects(
        () ->
            new Component(
                "Bad Name",
                " ",
                timeout -> null,
                Duration.ofMillis(10),
                Duration.ofMinutes(1),
                FlapControl.defaults(),
                true),
        "name",
        "displayName",
        "interval",
        "timeout");
  }

  @Test
  void unknownComponentsAreRefusedEverywhere() {
    Instant t = clock.instant();
    rejects(() -> health.runNow("nope"), "component");
    rejects(() -> health.uptime("nope", Duration.ofHours(1)), "component");
    rejects(() -> health.status("nope"), "component");
    rejects(
        () ->
            health.saveAlertRule(
                AlertRule.of(
                    "r",
                    new AlertCondition.StatusIs("nope", Set.of(ComponentStatus.MAJOR_OUTAGE)))),
        "condition.component");
    rejects(
        () ->
            incidents.create(
                new NewIncident("t", IncidentImpact.MINOR, List.of("db", "nope"), "m")),
        "components[1]");
    rejects(
        () -> incidents.scheduleMaintenance("m", List.of("nope"), t, t.plusSeconds(60)),
        "components[0]");
    assertThat(health.alertRules()).isEmpty();
    assertThat(incidents.list(false, 10)).isEmpty();
    assertThat(incidents.maintenance(t.minusSeconds(1), t.plusSeconds(3600))).isEmpty();
  }

  @Test
  void negativeAndEmptyWindowsAreRefused() {
    Instant t = clock.instant();
    rejects(() -> health.uptime("db", t, t.minusSeconds(1)), "to");
    rejects(() -> health.uptime("db", Duration.ofSeconds(-5)), "to");
    rejects(() -> health.uptime("db", t.minus(Duration.ofDays(500)), t), "from");
    rejects(() -> health.sla("db", t.minusSeconds(60), t, 100), "targetPercent");
    rejects(
        () ->
            health.query(
                new MetricQuery(
                    "Bad", Map.of(), t, t.minusSeconds(1), Duration.ZERO, Aggregation.AVG)),
        "name",
        "to",
        "bucket");
    rejects(
        () ->
            health.query(
                MetricQuery.of(
                    "m", t.minus(Duration.ofDays(30)), t, Duration.ofSeconds(1), Aggregation.AVG)),
        "bucket");
    rejects(() -> incidents.scheduleMaintenance("m", List.of("db"), t, t), "endsAt");
  }

  @Test
  void aBadPointRejectsTheWholeBatch() {
    Instant t = clock.instant();
    rejects(
        () ->
            health.record(
                List.of(
                    MetricPoint.of("ok", 1, t),
                    new MetricPoint("BAD NAME", Map.of("k", "v\n"), Double.NaN, t))),
        "points[1].name",
        "points[1].tags.k",
        "points[1].value");
    assertThat(
            health
                .query(
                    MetricQuery.of(
                        "ok", t, t.plusSeconds(1), Duration.ofSeconds(1), Aggregation.COUNT))
                .get(0)
                .value())
        .isZero();
  }

  @Test
  void badAlertRulesNameEachField() {
    rejects(
        () ->
            health.saveAlertRule(
                new AlertRule(
                    "Bad Rule",
                    new AlertCondition.BurnRate(
                        "db",
                        100,
                        List.of(new BurnWindow(Duration.ofMinutes(5), Duration.ofHours(1), 0))),
                    Duration.ofSeconds(-1),
                    Duration.ofDays(2),
                    false)),
        "name",
        "forDuration",
        "keepFiringFor",
        "condition.targetPercent",
        "condition.windows[0].shortWindow",
        "condition.windows[0].factor");
    assertThat(health.alertRules()).isEmpty();
  }

  @Test
  void incidentsRefuseBadInputAndInvalidTransitionsWithoutChange() {
    rejects(
        () -> incidents.create(new NewIncident("", IncidentImpact.MINOR, List.of(), "\u0000")),
        "title",
        "message");
    Incident incident =
        incidents.create(
            new NewIncident("Outage", IncidentImpact.MAJOR, List.of("db"), "Investigating"));
    rejects(
        () -> incidents.update(incident.id(), IncidentChange.postmortem("ftp://x")),
        "postmortemUrl");
    rejects(
        () -> incidents.update(incident.id(), new IncidentChange(null, null, null, null, null)),
        "change");
    incidents.update(incident.id(), IncidentChange.status(IncidentStatus.MONITORING, "Fix out"));
    Incident before = incidents.get(incident.id()).orElseThrow();

    assertThatThrownBy(
            () ->
                incidents.update(
                    incident.id(), IncidentChange.status(IncidentStatus.IDENTIFIED, "back")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> incidents.update(UUID.randomUUID(), IncidentChange.message("x")))
        .isInstanceOf(NotFoundException.class);
    assertThat(incidents.get(incident.id())).contains(before);
  }

  @Test
  void nullsAreProgrammingErrorsNamingTheParameter() {
    assertThatThrownBy(() -> health.runNow(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("component");
    assertThatThrownBy(() -> incidents.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("incident");
    assertThatThrownBy(() -> HealthMonitor.builder().results(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("results");
  }

  @Test
  void buildersRefuseASecondSetAndMissingStores() {
    assertThatThrownBy(() -> HealthMonitor.builder().checkThreads(2).checkThreads(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("checkThreads was already set");
    assertThatThrownBy(() -> HealthMonitor.builder().checkThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkThreads must be between 1 and 256, got 0");
    assertThatThrownBy(() -> HealthMonitor.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> IncidentManager.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }
}
