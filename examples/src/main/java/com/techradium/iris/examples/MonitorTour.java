package com.techradium.iris.examples;

import com.techradium.iris.monitor.Aggregation;
import com.techradium.iris.monitor.AlertCondition;
import com.techradium.iris.monitor.AlertEvent;
import com.techradium.iris.monitor.AlertRule;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.FlapControl;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentChange;
import com.techradium.iris.monitor.IncidentManager;
import com.techradium.iris.monitor.IncidentStatus;
import com.techradium.iris.monitor.MetricBucket;
import com.techradium.iris.monitor.MetricPoint;
import com.techradium.iris.monitor.MetricQuery;
import com.techradium.iris.monitor.SlaReport;
import com.techradium.iris.monitor.spi.CheckVerdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short tour of {@link HealthMonitor} and {@link IncidentManager}: a component going down under
 * flap control, an alert rule opening an incident, the incident workflow, metrics in buckets,
 * uptime and the SLA, and the public status summary as JSON.
 */
public final class MonitorTour {
  private MonitorTour() {}

  /** Runs the tour, printing to {@code out}. Registers the component {@code tour-api}. */
  public static void run(PrintStream out, HealthMonitor health, IncidentManager incidents) {
    AtomicInteger runs = new AtomicInteger();
    health.register(
        Component.of(
                "tour-api",
                "Public API",
                timeout ->
                    runs.incrementAndGet() <= 2
                        ? CheckVerdict.up("200 OK")
                        : CheckVerdict.down("connection refused"))
            .withFlap(FlapControl.defaults()));
    health.addAlertListener(
        (AlertEvent e) ->
            out.println(
                "  alert " + e.rule() + (e.firing() ? " fired: " : " resolved: ") + e.detail()));
    health.saveAlertRule(
        AlertRule.of(
                "tour-api-down",
                new AlertCondition.StatusIs("tour-api", Set.of(ComponentStatus.MAJOR_OUTAGE)))
            .opensIncident());

    out.println("Checks with flap control (3 failures to go down):");
    for (int i = 0; i < 5; i++) {
      CheckResult r = health.runNow("tour-api");
      out.printf(
          "  check %d: %-4s -> status %s%n", i + 1, r.outcome().wireName(), r.status().wireName());
    }
    health.evaluateAlerts();
    Incident incident =
        incidents.open().stream()
            .filter(i -> "tour-api-down".equals(i.alertRule()))
            .findFirst()
            .orElseThrow();
    out.println("Incident opened by the alert: \"" + incident.title() + "\"");
    incidents.update(
        incident.id(), IncidentChange.status(IncidentStatus.IDENTIFIED, "A bad deploy on api-2."));
    incidents.update(
        incident.id(), IncidentChange.status(IncidentStatus.MONITORING, "Rolled back."));
    Incident resolved = incidents.resolve(incident.id(), "All requests succeed again.");
    incidents.update(incident.id(), IncidentChange.postmortem("https://status.example.com/pm/42"));
    out.println(
        "  timeline: " + resolved.updates().stream().map(u -> u.status().wireName()).toList());

    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      points.add(
          new MetricPoint(
              "tour.latency_ms", Map.of("route", "/calls"), 40 + (i % 100), now.minusSeconds(i)));
    }
    health.record(points);
    List<MetricBucket> p95 =
        health.query(
            new MetricQuery(
                "tour.latency_ms",
                Map.of("route", "/calls"),
                now.minus(Duration.ofMinutes(5)),
                now,
                Duration.ofMinutes(1),
                Aggregation.P95));
    out.println(
        "p95 latency per minute: "
            + p95.stream().map(b -> String.format(Locale.ROOT, "%.0f", b.value())).toList());

    SlaReport sla = health.sla("tour-api", Duration.ofHours(1));
    out.printf(
        Locale.ROOT,
        "uptime over the last hour %.2f %% against %.1f %%: %s%n",
        sla.uptime().percent(),
        sla.targetPercent(),
        sla.met() ? "met" : "missed");
    incidents.scheduleMaintenance(
        "Database upgrade",
        List.of("tour-api"),
        now.plus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    String json = health.statusSummary().toJson();
    out.println("status summary: " + json.substring(0, Math.min(json.length(), 160)) + "...");
  }
}
