package com.techradium.iris.monitor;

import com.techradium.iris.core.Validation;
import com.techradium.iris.monitor.spi.HealthCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A component the monitor checks, as {@link HealthMonitor#register} takes it.
 *
 * @param name a short unique key, {@code [a-z0-9][a-z0-9._-]{0,63}}, e.g. {@code "database"}
 * @param displayName the name a status page shows, e.g. {@code "Database"}
 * @param check what to run
 * @param interval time between runs, 1 s to 1 day
 * @param timeout how long one run may take, 1 ms up to {@code interval}
 * @param flap how many consecutive results change the status
 * @param critical whether readiness depends on it (a critical component in major outage makes the
 *     deployment not ready)
 */
public record Component(
    String name,
    String displayName,
    HealthCheck check,
    Duration interval,
    Duration timeout,
    FlapControl flap,
    boolean critical) {
  static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /**
   * Creates a {@code Component}, checking its components.
   *
   * @param name a short unique key, {@code [a-z0-9][a-z0-9._-]{0,63}}, e.g. {@code "database"}
   * @param displayName the name a status page shows, e.g. {@code "Database"}
   * @param check what to run
   * @param interval time between runs, 1 s to 1 day
   * @param timeout how long one run may take, 1 ms up to {@code interval}
   * @param flap how many consecutive results change the status
   * @param critical whether readiness depends on it (a critical component in major outage makes the
   *     deployment not ready)
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(flap, "flap");
    Validation.of()
        .check(NAME_PATTERN.matcher(name).matches(), "name", "must match " + NAME_PATTERN.pattern())
        .text("displayName", displayName, 200)
        .check(
            interval.compareTo(Duration.ofSeconds(1)) >= 0
                && interval.compareTo(Duration.ofDays(1)) <= 0,
            "interval",
            "must be between 1 s and 1 day")
        .check(
            timeout.toMillis() >= 1 && timeout.compareTo(interval) <= 0,
            "timeout",
            "must be between 1 ms and the interval")
        .throwIfInvalid();
  }

  /**
   * A component checked every 30 s with a 5 s timeout, default flap control, critical.
   *
   * @param name the component's name, unique in the monitor
   * @param displayName the name shown on the status page
   * @param check the health check
   * @return the component
   * @throws com.techradium.iris.core.ValidationException naming each bad field
   */
  public static Component of(String name, String displayName, HealthCheck check) {
    return new Component(
        name,
        displayName,
        check,
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        FlapControl.defaults(),
        true);
  }

  /**
   * The same component checked every {@code interval}, each run limited to {@code timeout}.
   *
   * @param interval the time between checks
   * @param timeout the longest run of one check
   * @return a copy with those timings
   */
  public Component every(Duration interval, Duration timeout) {
    return new Component(name, displayName, check, interval, timeout, flap, critical);
  }

  /**
   * The same component with other flap control.
   *
   * @param flap the flap control
   * @return a copy with it
   */
  public Component withFlap(FlapControl flap) {
    return new Component(name, displayName, check, interval, timeout, flap, critical);
  }

  /**
   * The same component, not deciding readiness.
   *
   * @return a non-critical copy
   */
  public Component nonCritical() {
    return new Component(name, displayName, check, interval, timeout, flap, false);
  }

  @Override
  public String toString() {
    return "Component[" + name + ", every " + interval + ", timeout " + timeout + "]";
  }
}
