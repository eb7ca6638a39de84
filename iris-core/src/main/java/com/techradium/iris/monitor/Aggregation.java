package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the points of one bucket become one value. */
public enum Aggregation {
  /** Mean of the values. */
  AVG,
  /** Smallest value. */
  MIN,
  /** Largest value. */
  MAX,
  /** Sum of the values. */
  SUM,
  /** Number of points. */
  COUNT,
  /** 95th percentile, nearest rank. */
  P95,
  /** Sum of the values per second of the bucket: for counters recorded as increments. */
  RATE;

  /**
   * The JSON name, e.g. {@code p95}.
   *
   * @return the JSON name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
