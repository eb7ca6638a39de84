package com.techradium.iris.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * An alert rule: it fires once its condition has held for {@code forDuration}, and resolves once
 * the condition has been false for {@code keepFiringFor} (which keeps a rule from resolving and
 * firing again on every wobble).
 *
 * @param name unique key, {@code [a-z0-9][a-z0-9._-]{0,99}}
 * @param condition what to watch
 * @param forDuration how long the condition must hold before firing, 0 to 1 day
 * @param keepFiringFor how long a firing rule stays firing after the condition clears, 0 to 1 day
 * @param incident whether firing opens an incident (on the rule's component, if it has one) and
 *     resolving resolves it
 */
public record AlertRule(
    String name,
    AlertCondition condition,
    Duration forDuration,
    Duration keepFiringFor,
    boolean incident) {
  /**
   * Creates an {@code AlertRule}, checking its components.
   *
   * @param name unique key, {@code [a-z0-9][a-z0-9._-]{0,99}}
   * @param condition what to watch
   * @param forDuration how long the condition must hold before firing, 0 to 1 day
   * @param keepFiringFor how long a firing rule stays firing after the condition clears, 0 to 1 day
   * @param incident whether firing opens an incident (on the rule's component, if it has one) and
   *     resolving resolves it
   */
  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(keepFiringFor, "keepFiringFor");
  }

  /**
   * A rule firing as soon as the condition holds and resolving as soon as it clears.
   *
   * @param name the rule's name, unique in the deployment
   * @param condition what makes the rule fire
   * @return the rule
   */
  public static AlertRule of(String name, AlertCondition condition) {
    return new AlertRule(name, condition, Duration.ZERO, Duration.ZERO, false);
  }

  /**
   * The same rule with other timings.
   *
   * @param forDuration how long the condition must hold before the rule fires
   * @param keepFiringFor how long the rule keeps firing after the condition clears
   * @return a copy with those timings
   */
  public AlertRule timing(Duration forDuration, Duration keepFiringFor) {
    return new AlertRule(name, condition, forDuration, keepFiringFor, incident);
  }

  /**
   * The same rule, opening an incident when it fires and resolving it when it resolves.
   *
   * @return a copy that opens incidents
   */
  public AlertRule opensIncident() {
    return new AlertRule(name, condition, forDuration, keepFiringFor, true);
  }
}
