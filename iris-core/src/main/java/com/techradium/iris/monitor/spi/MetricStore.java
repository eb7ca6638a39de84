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
  /**
   * Stores points, all or none; meant for batches (thousands of points per call).
   *
   * @param points the points
   */
  void append(List<MetricPoint> points);

  /**
   * The points of {@code name} carrying every tag of {@code tags} (others allowed), with {@code
   * from <= at < to}, oldest first.
   *
   * @param name the metric's name
   * @param tags the tags a point must carry
   * @param from the start of the range, inclusive
   * @param to the end of the range, exclusive
   * @return the points, oldest first
   */
  List<MetricPoint> find(String name, Map<String, String> tags, Instant from, Instant to);

  /**
   * Deletes up to {@code limit} points with {@code at < cutoff} and returns how many it deleted.
   *
   * @param cutoff points before this time are deleted
   * @param limit the most points deleted in one call
   * @return how many points were deleted
   */
  int deleteBefore(Instant cutoff, int limit);
}
