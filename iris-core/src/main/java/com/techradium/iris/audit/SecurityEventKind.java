package com.techradium.iris.audit;

/** The kind of a {@link AuditCategory#SECURITY} event. */
public enum SecurityEventKind {
  FAILED_LOGIN,
  RATE_LIMIT_VIOLATION,
  BRUTE_FORCE_DETECTED,
  KEY_MISUSE,
  ACCESS_DENIED,
  SUSPICIOUS_ACTIVITY;

  /** The severity recorded when the caller does not choose one. */
  public Severity defaultSeverity() {
    return switch (this) {
      case FAILED_LOGIN, ACCESS_DENIED -> Severity.LOW;
      case RATE_LIMIT_VIOLATION -> Severity.MEDIUM;
      case BRUTE_FORCE_DETECTED, KEY_MISUSE, SUSPICIOUS_ACTIVITY -> Severity.HIGH;
    };
  }
}
