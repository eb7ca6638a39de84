package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One run of a component's health check, with the status the component had after it.
 *
 * @param component the component's name
 * @param checkedAt when the run started, to the millisecond (finer parts are dropped: every store
 *     keeps results to the millisecond, and uptime is counted in milliseconds)
 * @param outcome what the check found (a check that threw or timed out is {@link
 *     CheckOutcome#DOWN})
 * @param status the component's status after this result, flap control and maintenance applied
 * @param latency how long the run took (the timeout, for a run that timed out), to the millisecond
 * @param detail a short reason, e.g. {@code "timed out after PT2S"}; empty when there is none
 */
public record CheckResult(
    String component,
    Instant checkedAt,
    CheckOutcome outcome,
    ComponentStatus status,
    Duration latency,
    String detail) {
  /** The longest {@link #detail} kept; longer reasons are cut. */
  public static final int MAX_DETAIL = 500;

  /**
   * Creates a {@code CheckResult}, checking its components.
   *
   * @param component the component's name
   * @param checkedAt when the run started, to the millisecond (finer parts are dropped: every store
   *     keeps results to the millisecond, and uptime is counted in milliseconds)
   * @param outcome what the check found (a check that threw or timed out is {@link
   *     CheckOutcome#DOWN})
   * @param status the component's status after this result, flap control and maintenance applied
   * @param latency how long the run took (the timeout, for a run that timed out), to the
   *     millisecond
   * @param detail a short reason, e.g. {@code "timed out after PT2S"}; empty when there is none
   */
  public CheckResult {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(detail, "detail");
    checkedAt = checkedAt.truncatedTo(ChronoUnit.MILLIS);
    latency = Duration.ofMillis(latency.toMillis());
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }
}
