package com.techradium.iris.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incident workflow through the facade. */
class IncidentManagerTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final MonitorFixture f = new MonitorFixture(IrisContext.builder().clock(clock).build());
  private final IncidentManager incidents = f.incidents;

  @Test
  void anIncidentGoesThroughTheWorkflowWithItsTimeline() {
    f.health.register(MonitorFixture.component("sip", new MonitorFixture.Scripted()));
    Instant opened = clock.instant();
    Incident incident =
        incidents.create(
            new NewIncident(
                "Calls failing",
                IncidentImpact.MAJOR,
                List.of("sip"),
                "We are looking into it.\nMore soon."));
    clock.advance(Duration.ofMinutes(10));
    incidents.update(incident.id(), IncidentChange.status(IncidentStatus.IDENTIFIED, "Bad deploy"));
    clock.advance(Duration.ofMinutes(10));
    incidents.update(
        incident.id(), IncidentChange.status(IncidentStatus.MONITORING, "Rolled back"));
    clock.advance(Duration.ofMinutes(30));
    Incident resolved = incidents.resolve(incident.id(), "All good");
    Incident linked =
        incidents.update(
            incident.id(), IncidentChange.postmortem("https://status.example.com/pm/1"));

    assertThat(resolved.resolvedAt()).isEqualTo(opened.plus(Duration.ofMinutes(50)));
    assertThat(linked.updates())
        .extracting(IncidentUpdate::status)
        .containsExactly(
            IncidentStatus.INVESTIGATING,
            IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING,
            IncidentStatus.RESOLVED);
    assertThat(linked.postmortemUrl()).isEqualTo("https://status.example.com/pm/1");
    assertThat(incidents.open()).isEmpty();
    assertThat(incidents.list(false, 10)).extracting(Incident::id).containsExactly(incident.id());
  }

  @Test
  void maintenanceWindowsAreListedAndCancelled() {
    f.health.register(MonitorFixture.component("db", new MonitorFixture.Scripted()));
    Instant t = clock.instant().plus(Duration.ofDays(1));
    MaintenanceWindow window =
        incidents.scheduleMaintenance("Upgrade", List.of("db"), t, t.plus(Duration.ofHours(1)));

    assertThat(f.health.statusSummary().maintenance()).containsExactly(window);
    assertThat(incidents.cancelMaintenance(window.id())).isTrue();
    assertThat(incidents.maintenance(t, t.plusSeconds(1))).isEmpty();
  }
}
