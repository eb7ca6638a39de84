package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * One bucket of a metric query.
 *
 * @param start start of the bucket, inclusive
 * @param count points in it
 * @param value the aggregate; {@code NaN} for an empty bucket (except {@code COUNT}, {@code SUM}
 *     and {@code RATE}, which are 0)
 */
public record MetricBucket(Instant start, long count, double value) {
  /**
   * Creates a {@code MetricBucket}, checking its components.
   *
   * @param start start of the bucket, inclusive
   * @param count points in it
   * @param value the aggregate; {@code NaN} for an empty bucket (except {@code COUNT}, {@code SUM}
   *     and {@code RATE}, which are 0)
   */
  public MetricBucket {
    Objects.requireNonNull(start, "start");
  }
}
