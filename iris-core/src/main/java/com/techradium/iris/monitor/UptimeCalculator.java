package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The uptime rule: each result's status holds from its {@code checkedAt} until the next result, at
 * most {@code stale} long; the time is then weighted by the {@link UptimePolicy}. Pure; linear in
 * the number of results, with no allocation per result.
 */
final class UptimeCalculator {
  private UptimeCalculator() {}

  /**
   * Uptime of {@code component} in {@code [from, to)}.
   *
   * @param before the last result before {@code from}, if any (its status may cover the start)
   * @param results the results in {@code [from, to)}, oldest first
   * @param stale how long a result stays valid without a newer one
   */
  static Uptime compute(
      String component,
      Instant from,
      Instant to,
      @Nullable CheckResult before,
      List<CheckResult> results,
      Duration stale,
      UptimePolicy policy) {
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    long staleMs = stale.toMillis();
    long observed = 0;
    double down = 0;
    long maintenance = 0;
    long covered = 0;
    long prevAt = before == null ? Long.MIN_VALUE : before.checkedAt().toEpochMilli();
    ComponentStatus prevStatus = before == null ? null : before.status();
    int n = results.size();
    for (int i = 0; i <= n; i++) {
      long nextAt = i < n ? results.get(i).checkedAt().toEpochMilli() : toMs;
      if (prevStatus != null) {
        long start = Math.max(prevAt, fromMs);
        long end = Math.min(Math.min(nextAt, toMs), saturatedAdd(prevAt, staleMs));
        if (end > start) {
          long span = end - start;
          covered += span;
          if (prevStatus == ComponentStatus.UNDER_MAINTENANCE) {
            maintenance += span;
          } else {
            observed += span;
            down += span * policy.downtimeWeight(prevStatus);
          }
        }
      }
      if (i < n) {
        prevAt = nextAt;
        prevStatus = results.get(i).status();
      }
    }
    long window = Math.max(0, toMs - fromMs);
    long downMs = Math.round(down);
    double percent = observed == 0 ? 100.0 : 100.0 * (1.0 - down / observed);
    return new Uptime(
        component,
        from,
        to,
        Duration.ofMillis(observed),
        Duration.ofMillis(downMs),
        Duration.ofMillis(maintenance),
        Duration.ofMillis(window - covered),
        percent);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
