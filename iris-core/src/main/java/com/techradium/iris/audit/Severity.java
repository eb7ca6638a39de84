package com.techradium.iris.audit;

/** How much attention an event deserves, in increasing order. */
public enum Severity {
  /** Routine activity, the default of an event. */
  INFO,
  /** Of low concern, such as a single failed login. */
  LOW,
  /** Of moderate concern, such as a rate-limit violation. */
  MEDIUM,
  /** Of high concern, such as a detected brute-force burst or a misused key. */
  HIGH,
  /** Of the highest concern. */
  CRITICAL;

  /**
   * Whether this severity is at least {@code other}.
   *
   * @param other the severity to compare with
   * @return true if this is {@code other} or more serious
   */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
