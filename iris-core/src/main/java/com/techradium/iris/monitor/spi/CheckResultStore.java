package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps check results: the history behind component status, uptime and SLA reports. Deployment
 * data, not per tenant. Results are append-only; retention deletes the oldest. Implementations are
 * thread-safe; a backend failure is a {@link com.techradium.iris.core.StorageException} with its
 * cause.
 */
public interface CheckResultStore {
  /**
   * Stores results, all or none.
   *
   * @param results the results to store
   */
  void append(List<CheckResult> results);

  /**
   * The component's results with {@code from <= checkedAt < to}, oldest first.
   *
   * @param component the component's name
   * @param from the start of the range, inclusive
   * @param to the end of the range, exclusive
   * @return the results, oldest first
   */
  List<CheckResult> between(String component, Instant from, Instant to);

  /**
   * The component's latest result with {@code checkedAt < at}.
   *
   * @param component the component's name
   * @param at the time to look before
   * @return the result, or empty if the component has none before {@code at}
   */
  Optional<CheckResult> lastBefore(String component, Instant at);

  /**
   * How long the component spent in each status in {@code [from, to)}, by the rule of {@link
   * StatusTimes}: each result's status holds until the next result, at most {@code stale} long, and
   * the last result before {@code from} covers the start. Uptime and SLA reports read this instead
   * of every result of the window.
   *
   * <p>The default reads {@link #lastBefore} and {@link #between} and applies {@link
   * StatusTimes#tally}; a store that can aggregate where the results live (in SQL) overrides it and
   * must return exactly the same times (the contract suite compares them).
   *
   * @param stale how long a result holds without a newer one
   * @param component the component's name
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the time per status
   */
  default StatusTimes statusTimes(String component, Instant from, Instant to, Duration stale) {
    return StatusTimes.tally(
        from, to, lastBefore(component, from).orElse(null), between(component, from, to), stale);
  }

  /**
   * The component's latest {@code limit} results, newest first.
   *
   * @param component the component's name
   * @param limit the most results returned
   * @return the results, newest first
   */
  List<CheckResult> latest(String component, int limit);

  /**
   * Deletes up to {@code limit} results with {@code checkedAt < cutoff}, oldest first, and returns
   * how many it deleted.
   *
   * @param cutoff results checked before this time are deleted
   * @param limit the most results deleted in one call
   * @return how many results were deleted
   */
  int deleteBefore(Instant cutoff, int limit);
}
