package com.techradium.iris.audit;

/**
 * The stream an event belongs to. Each tenant has one hash chain per category, so each category can
 * have its own retention period and still be verified after its oldest events are deleted.
 */
public enum AuditCategory {
  /** Any user or system action, including API requests. */
  AUDIT,
  /** Failed logins, rate-limit violations, brute-force detections, key misuse. */
  SECURITY,
  /** Reads and exports of sensitive data (PII, PHI, the audit trail itself). */
  DATA_ACCESS,
  /** Privileged actions, with the values before and after. */
  ADMIN
}
