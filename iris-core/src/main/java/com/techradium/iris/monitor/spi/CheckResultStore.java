package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.CheckResult;
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
  /** Stores results, all or none. */
  void append(List<CheckResult> results);

  /** The component's results with {@code from <= checkedAt < to}, oldest first. */
  List<CheckResult> between(String component, Instant from, Instant to);

  /** The component's latest result with {@code checkedAt < at}. */
  Optional<CheckResult> lastBefore(String component, Instant at);

  /** The component's latest {@code limit} results, newest first. */
  List<CheckResult> latest(String component, int limit);

  /**
   * Deletes up to {@code limit} results with {@code checkedAt < cutoff}, oldest first, and returns
   * how many it deleted.
   */
  int deleteBefore(Instant cutoff, int limit);
}
