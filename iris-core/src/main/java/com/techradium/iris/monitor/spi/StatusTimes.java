package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long a component spent in each status over a window, the first half of the uptime rule (the
 * facade then weighs these times by its {@code UptimePolicy}). The rule, which {@link #tally}
 * implements and every {@link CheckResultStore#statusTimes} must follow:
 *
 * <ul>
 *   <li>each result's status holds from its {@code checkedAt} until the next result's {@code
 *       checkedAt}, but at most {@code stale} long; the time after that, and before the first
 *       result, is in no status;
 *   <li>results at the same instant follow the store's order (arrival order in memory, id order on
 *       PostgreSQL), so only the last of them holds any time;
 *   <li>the last result before the window covers its start, up to its own limits;
 *   <li>only time in {@code [from, to)} counts;
 *   <li>times are whole milliseconds: every instant is taken to the millisecond, truncated.
 * </ul>
 *
 * @param times the time in each status; statuses with no time are absent
 */
public record StatusTimes(Map<ComponentStatus, Duration> times) {
  /** No time in any status. */
  public static final StatusTimes NONE = new StatusTimes(Map.of());

  /**
   * Keeps the non-zero times, in status order, unmodifiable.
   *
   * @param times the time in each status; statuses with no time are absent
   * @throws IllegalArgumentException if a time is negative
   */
  public StatusTimes {
    EnumMap<ComponentStatus, Duration> kept = new EnumMap<>(ComponentStatus.class);
    for (Map.Entry<ComponentStatus, Duration> e : times.entrySet()) {
      ComponentStatus status = Objects.requireNonNull(e.getKey(), "status");
      Duration time = Objects.requireNonNull(e.getValue(), "time");
      if (time.isNegative()) {
        throw new IllegalArgumentException("the time in " + status + " is negative: " + time);
      }
      if (!time.isZero()) {
        kept.put(status, time);
      }
    }
    times = Collections.unmodifiableMap(kept);
  }

  /**
   * Times in milliseconds, indexed by {@link ComponentStatus#ordinal()}; zeros are left out.
   *
   * @param millisByStatus the milliseconds per status
   * @return the times
   * @throws IllegalArgumentException if the array is not one entry per status, or one is negative
   */
  public static StatusTimes ofMillis(long[] millisByStatus) {
    ComponentStatus[] statuses = ComponentStatus.values();
    if (millisByStatus.length != statuses.length) {
      throw new IllegalArgumentException(
          "expected " + statuses.length + " times, got " + millisByStatus.length);
    }
    EnumMap<ComponentStatus, Duration> times = new EnumMap<>(ComponentStatus.class);
    for (ComponentStatus s : statuses) {
      times.put(s, Duration.ofMillis(millisByStatus[s.ordinal()]));
    }
    return new StatusTimes(times);
  }

  /**
   * The time spent in {@code status}; zero if none.
   *
   * @param status the status
   * @return the time spent in it
   */
  public Duration of(ComponentStatus status) {
    return times.getOrDefault(Objects.requireNonNull(status, "status"), Duration.ZERO);
  }

  /**
   * The time spent in any status: the part of the window covered by a valid result.
   *
   * @return the covered time
   */
  public Duration total() {
    Duration sum = Duration.ZERO;
    for (Duration d : times.values()) {
      sum = sum.plus(d);
    }
    return sum;
  }

  /**
   * The rule applied to results already read: linear in the number of results, no allocation per
   * result. {@link CheckResultStore#statusTimes}'s default is this over {@link
   * CheckResultStore#lastBefore} and {@link CheckResultStore#between}.
   *
   * @param before the component's last result before {@code from}, if any
   * @param results the component's results in {@code [from, to)}, oldest first (ties in store
   *     order)
   * @param stale how long a result holds without a newer one
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the time per status
   */
  public static StatusTimes tally(
      Instant from,
      Instant to,
      @Nullable CheckResult before,
      List<CheckResult> results,
      Duration stale) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(results, "results");
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    long staleMs = Objects.requireNonNull(stale, "stale").toMillis();
    long[] millis = new long[ComponentStatus.values().length];
    long prevAt = before == null ? Long.MIN_VALUE : before.checkedAt().toEpochMilli();
    ComponentStatus prevStatus = before == null ? null : before.status();
    int n = results.size();
    for (int i = 0; i <= n; i++) {
      long nextAt = i < n ? results.get(i).checkedAt().toEpochMilli() : toMs;
      if (prevStatus != null) {
        long start = Math.max(prevAt, fromMs);
        long end = Math.min(Math.min(nextAt, toMs), saturatedAdd(prevAt, staleMs));
        if (end > start) {
          millis[prevStatus.ordinal()] += end - start;
        }
      }
      if (i < n) {
        prevAt = nextAt;
        prevStatus = results.get(i).status();
      }
    }
    return ofMillis(millis);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
