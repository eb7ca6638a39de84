package com.techradium.iris.audit;

/** The kind of a {@link AuditCategory#SECURITY} event. */
public enum SecurityEventKind {
  /** A login failed (default severity LOW). */
  FAILED_LOGIN,
  /** A rate limit was exceeded (default severity MEDIUM). */
  RATE_LIMIT_VIOLATION,
  /** A brute-force burst of failed logins was detected (default severity HIGH). */
  BRUTE_FORCE_DETECTED,
  /**
   * An API key was used wrongly: without a needed scope, from an address it does not allow, or
   * after it was revoked (default severity HIGH).
   */
  KEY_MISUSE,
  /** An authorisation check refused access (default severity LOW). */
  ACCESS_DENIED,
  /** Something else the host considers suspicious (default severity HIGH). */
  SUSPICIOUS_ACTIVITY;

  /**
   * The severity recorded when the caller does not choose one.
   *
   * @return LOW, MEDIUM or HIGH, as listed for each constant
   */
  public Severity defaultSeverity() {
    return switch (this) {
      case FAILED_LOGIN, ACCESS_DENIED -> Severity.LOW;
      case RATE_LIMIT_VIOLATION -> Severity.MEDIUM;
      case BRUTE_FORCE_DETECTED, KEY_MISUSE, SUSPICIOUS_ACTIVITY -> Severity.HIGH;
    };
  }
}
