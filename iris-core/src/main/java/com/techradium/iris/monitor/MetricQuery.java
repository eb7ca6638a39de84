package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metric query: the points of {@code name} carrying every tag of {@code tags}, in {@code [from,
 * to)}, aggregated per {@code bucket}.
 *
 * @param name the metric
 * @param tags tags a point must carry (others are allowed); empty for all series
 * @param from start, inclusive
 * @param to end, exclusive; after {@code from}
 * @param bucket bucket length, at least 1 s; at most 10,000 buckets per query
 * @param aggregation how each bucket's points become one value
 */
public record MetricQuery(
    String name,
    Map<String, String> tags,
    Instant from,
    Instant to,
    Duration bucket,
    Aggregation aggregation) {
  /** The most buckets one query returns. */
  public static final int MAX_BUCKETS = 10_000;

  /**
   * Creates a {@code MetricQuery}, checking its components.
   *
   * @param name the metric
   * @param tags tags a point must carry (others are allowed); empty for all series
   * @param from start, inclusive
   * @param to end, exclusive; after {@code from}
   * @param bucket bucket length, at least 1 s; at most 10,000 buckets per query
   * @param aggregation how each bucket's points become one value
   */
  public MetricQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(aggregation, "aggregation");
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /**
   * A query over all series of {@code name}.
   *
   * @param name the metric's name
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @param bucket the bucket's length
   * @param aggregation how points of a bucket are combined
   * @return the query
   */
  public static MetricQuery of(
      String name, Instant from, Instant to, Duration bucket, Aggregation aggregation) {
    return new MetricQuery(name, Map.of(), from, to, bucket, aggregation);
  }
}
