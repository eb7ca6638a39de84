package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.MetricPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps metric points. Deployment data, not per tenant. Aggregation is done by the monitor over
 * what {@link #find} returns, so every store aggregates alike. Implementations are thread-safe; a
 * backend failure is a {@link com.techradium.iris.core.StorageException} with its cause.
 */
public interface MetricStore {
  /** Stores points, all or none; meant for batches (thousands of points per call). */
  void append(List<MetricPoint> points);

  /**
   * The points of {@code name} carrying every tag of {@code tags} (others allowed), with {@code
   * from <= at < to}, oldest first.
   */
  List<MetricPoint> find(String name, Map<String, String> tags, Instant from, Instant to);

  /**
   * Deletes up to {@code limit} points with {@code at < cutoff} and returns how many it deleted.
   */
  int deleteBefore(Instant cutoff, int limit);
}
