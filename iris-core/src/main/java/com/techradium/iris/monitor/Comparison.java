package com.techradium.iris.monitor;

/** How a threshold rule compares a value with its threshold. */
public enum Comparison {
  /** value &gt; threshold */
  ABOVE,
  /** value &gt;= threshold */
  AT_LEAST,
  /** value &lt; threshold */
  BELOW,
  /** value &lt;= threshold */
  AT_MOST;

  /**
   * Whether {@code value} meets the comparison; {@code NaN} (no data) never does.
   *
   * @param value the observed value, or {@code NaN} without data
   * @param threshold the threshold
   * @return true if the comparison holds
   */
  public boolean test(double value, double threshold) {
    if (Double.isNaN(value)) {
      return false;
    }
    return switch (this) {
      case ABOVE -> value > threshold;
      case AT_LEAST -> value >= threshold;
      case BELOW -> value < threshold;
      case AT_MOST -> value <= threshold;
    };
  }
}
