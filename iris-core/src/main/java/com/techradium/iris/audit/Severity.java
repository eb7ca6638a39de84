package com.techradium.iris.audit;

/** How much attention an event deserves, in increasing order. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Whether this severity is at least {@code other}. */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
