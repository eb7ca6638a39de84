package com.techradium.iris.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The aggregation rule: points fall into buckets of {@link MetricQuery#bucket()} starting at {@link
 * MetricQuery#from()}; each bucket's values become one number. Pure.
 */
final class MetricAggregation {
  private MetricAggregation() {}

  /** The buckets of {@code query} over {@code points} (any order; points outside are ignored). */
  static List<MetricBucket> aggregate(MetricQuery query, List<MetricPoint> points) {
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    long width = query.bucket().toMillis();
    int buckets = (int) ((to - from + width - 1) / width);
    double[][] values = new double[buckets][];
    int[] sizes = new int[buckets];
    for (MetricPoint p : points) {
      long at = p.at().toEpochMilli();
      if (at < from || at >= to) {
        continue;
      }
      int b = (int) ((at - from) / width);
      if (values[b] == null) {
        values[b] = new double[8];
      } else if (sizes[b] == values[b].length) {
        values[b] = Arrays.copyOf(values[b], sizes[b] * 2);
      }
      values[b][sizes[b]++] = p.value();
    }
    List<MetricBucket> out = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      long start = from + b * width;
      long span = Math.min(width, to - start);
      double[] v = values[b] == null ? new double[0] : Arrays.copyOf(values[b], sizes[b]);
      out.add(
          new MetricBucket(
              Instant.ofEpochMilli(start), v.length, value(query.aggregation(), v, span)));
    }
    return out;
  }

  /** One bucket's aggregate over {@code values}, the bucket lasting {@code spanMillis}. */
  static double value(Aggregation aggregation, double[] values, long spanMillis) {
    int n = values.length;
    switch (aggregation) {
      case COUNT:
        return n;
      case SUM:
        return sum(values);
      case RATE:
        return sum(values) / (spanMillis / 1000.0);
      default:
        break;
    }
    if (n == 0) {
      return Double.NaN;
    }
    switch (aggregation) {
      case AVG:
        return sum(values) / n;
      case MIN:
        return Arrays.stream(values).min().orElseThrow();
      case MAX:
        return Arrays.stream(values).max().orElseThrow();
      case P95:
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * n) - 1];
      default:
        throw new IllegalArgumentException("aggregation " + aggregation);
    }
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
