package com.techradium.iris.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.IncidentImpact;
import com.techradium.iris.monitor.IncidentStatus;
import com.techradium.iris.monitor.IncidentUpdate;
import com.techradium.iris.monitor.MaintenanceWindow;
import com.techradium.iris.monitor.spi.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What every {@link IncidentStore} must do. */
public abstract class IncidentStoreContract extends MonitorContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public IncidentStoreContract() {}

  private IncidentStore incidents() {
    return store().incidents();
  }

  private Incident newIncident(@Nullable String rule, Instant at) {
    return new Incident(
        UUID.randomUUID(),
        "Calls failing " + uniqueName("t"),
        IncidentImpact.MAJOR,
        IncidentStatus.INVESTIGATING,
        List.of("sip", "api"),
        rule,
        null,
        at,
        at,
        null,
        List.of(
            new IncidentUpdate(
                UUID.randomUUID(), IncidentStatus.INVESTIGATING, "Looking\ninto it", at)));
  }

  @Test
  void anInsertedIncidentReadsBackEqual() {
    Incident incident = newIncident("rule-x", clock.instant());
    incidents().insert(incident);

    assertThat(incidents().get(incident.id())).contains(incident);
  }

  @Test
  void changeAppliesTheWorkflowAndAppendsToTheTimeline() {
    Incident incident = incidents().insert(newIncident(null, clock.instant()));
    Instant later = clock.instant().plusSeconds(60);
    UUID updateId = UUID.randomUUID();

    Incident changed =
        incidents()
            .change(
                incident.id(),
                new IncidentChange(
                    IncidentStatus.IDENTIFIED,
                    "Bad deploy",
                    IncidentImpact.MINOR,
                    List.of("sip"),
                    "https://example.com/pm/1"),
                updateId,
                later)
            .orElseThrow();

    assertThat(changed.status()).isEqualTo(IncidentStatus.IDENTIFIED);
    assertThat(changed.impact()).isEqualTo(IncidentImpact.MINOR);
    assertThat(changed.components()).containsExactly("sip");
    assertThat(changed.postmortemUrl()).isEqualTo("https://example.com/pm/1");
    assertThat(changed.updatedAt()).isEqualTo(later);
    assertThat(changed.updates()).hasSize(2);
    assertThat(changed.updates().get(1))
        .isEqualTo(new IncidentUpdate(updateId, IncidentStatus.IDENTIFIED, "Bad deploy", later));
    assertThat(incidents().get(incident.id())).contains(changed);
  }

  @Test
  void aRefusedChangeLeavesTheIncidentAsItWas() {
    Incident incident = incidents().insert(newIncident(null, clock.instant()));
    Instant t = clock.instant().plusSeconds(1);
    Incident monitoring =
        incidents()
            .change(
                incident.id(),
                IncidentChange.status(IncidentStatus.MONITORING, "Fixed"),
                UUID.randomUUID(),
                t)
            .orElseThrow();

    assertThatThrownBy(
            () ->
                incidents()
                    .change(
                        incident.id(),
                        IncidentChange.status(IncidentStatus.INVESTIGATING, "Again"),
                        UUID.randomUUID(),
                        t.plusSeconds(1)))
        .isInstanceOf(ConflictException.class);
    assertThat(incidents().get(incident.id())).contains(monitoring);
  }

  @Test
  void changingAMissingIncidentFindsNothing() {
    assertThat(
            incidents()
                .change(
                    UUID.randomUUID(),
                    IncidentChange.message("x"),
                    UUID.randomUUID(),
                    clock.instant()))
        .isEmpty();
  }

  @Test
  void listIsNewestFirstAndOpenOnlyLeavesResolvedOut() {
    Instant t = clock.instant().plus(Duration.ofDays(3650));
    Incident older = incidents().insert(newIncident(null, t));
    Incident newer = incidents().insert(newIncident(null, t.plusSeconds(1)));
    incidents()
        .change(
            older.id(),
            IncidentChange.status(IncidentStatus.RESOLVED, "Done"),
            UUID.randomUUID(),
            t.plusSeconds(2));

    assertThat(incidents().list(false, 2))
        .extracting(Incident::id)
        .containsExactly(newer.id(), older.id());
    assertThat(incidents().list(true, 1000))
        .extracting(Incident::id)
        .contains(newer.id())
        .doesNotContain(older.id());
  }

  @Test
  void openForFindsTheUnresolvedIncidentOfARule() {
    String rule = uniqueName("rule");
    Incident incident = incidents().insert(newIncident(rule, clock.instant()));

    assertThat(incidents().openFor(rule)).map(Incident::id).contains(incident.id());
    incidents()
        .change(
            incident.id(),
            IncidentChange.status(IncidentStatus.RESOLVED, "ok"),
            UUID.randomUUID(),
            clock.instant());
    assertThat(incidents().openFor(rule)).isEmpty();
  }

  @Test
  void concurrentUpdatesAreAllKept() throws Exception {
    Incident incident = incidents().insert(newIncident(null, clock.instant()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String message = "update " + i;
        futures.add(
            pool.submit(
                () ->
                    incidents()
                        .change(
                            incident.id(),
                            IncidentChange.message(message),
                            UUID.randomUUID(),
                            clock.instant())));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(incidents().get(incident.id()).orElseThrow().updates()).hasSize(41);
  }

  @Test
  void maintenanceWindowsOverlappingARangeAreFoundAndCanBeDeleted() {
    Instant t = clock.instant().plus(Duration.ofDays(7300));
    String component = uniqueName("db");
    MaintenanceWindow window =
        new MaintenanceWindow(
            UUID.randomUUID(),
            "Upgrade",
            List.of(component, "api"),
            t,
            t.plus(Duration.ofHours(2)));
    incidents().insertMaintenance(window);

    assertThat(incidents().maintenance(t.plusSeconds(60), t.plusSeconds(61))).contains(window);
    assertThat(incidents().maintenance(t.minusSeconds(60), t)).doesNotContain(window);
    assertThat(incidents().maintenance(t.plus(Duration.ofHours(2)), t.plus(Duration.ofHours(3))))
        .doesNotContain(window);
    assertThat(incidents().deleteMaintenance(window.id())).isTrue();
    assertThat(incidents().deleteMaintenance(window.id())).isFalse();
    assertThat(incidents().maintenance(t, t.plusSeconds(1))).doesNotContain(window);
  }
}
