package com.techradium.iris.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * A component's uptime against an availability target, with the error budget: the downtime the
 * target allows over the observed time, what was used and what is left.
 *
 * @param uptime the uptime over the report's window
 * @param targetPercent the target, e.g. 99.9
 * @param met whether {@code uptime.percent() >= targetPercent}
 * @param budget the downtime the target allows over the observed time
 * @param budgetUsed the weighted downtime
 * @param budgetRemaining {@code budget - budgetUsed}, negative when overspent
 * @param budgetRemainingFraction remaining budget as a share of the budget (1 untouched, 0 spent,
 *     negative when overspent)
 */
public record SlaReport(
    Uptime uptime,
    double targetPercent,
    boolean met,
    Duration budget,
    Duration budgetUsed,
    Duration budgetRemaining,
    double budgetRemainingFraction) {
  /**
   * Creates a {@code SlaReport}, checking its components.
   *
   * @param uptime the uptime over the report's window
   * @param targetPercent the target, e.g. 99.9
   * @param met whether {@code uptime.percent() >= targetPercent}
   * @param budget the downtime the target allows over the observed time
   * @param budgetUsed the weighted downtime
   * @param budgetRemaining {@code budget - budgetUsed}, negative when overspent
   * @param budgetRemainingFraction remaining budget as a share of the budget (1 untouched, 0 spent,
   *     negative when overspent)
   */
  public SlaReport {
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(budgetUsed, "budgetUsed");
    Objects.requireNonNull(budgetRemaining, "budgetRemaining");
  }

  /**
   * The report of {@code uptime} against {@code targetPercent} (above 0, below 100).
   *
   * @param uptime the uptime
   * @param targetPercent the SLA target, in percent
   * @return the report
   */
  public static SlaReport of(Uptime uptime, double targetPercent) {
    if (!(targetPercent > 0 && targetPercent < 100)) {
      throw new IllegalArgumentException(
          "targetPercent must be above 0 and below 100, got " + targetPercent);
    }
    long observed = uptime.observed().toMillis();
    long budget = Math.round(observed * (1 - targetPercent / 100.0));
    long used = uptime.downtime().toMillis();
    double fraction = budget == 0 ? (used == 0 ? 1.0 : -1.0) : (double) (budget - used) / budget;
    return new SlaReport(
        uptime,
        targetPercent,
        uptime.percent() >= targetPercent,
        Duration.ofMillis(budget),
        Duration.ofMillis(used),
        Duration.ofMillis(budget - used),
        fraction);
  }
}
