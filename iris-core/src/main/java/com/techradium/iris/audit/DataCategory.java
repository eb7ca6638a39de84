package com.techradium.iris.audit;

/** The kind of sensitive data a {@link AuditCategory#DATA_ACCESS} event touched. */
public enum DataCategory {
  /** Personally identifiable information (GDPR personal data). */
  PII,
  /** Protected health information (HIPAA). */
  PHI,
  /** Payment and financial data. */
  FINANCIAL,
  /** Secrets, keys, password hashes. */
  CREDENTIALS,
  /** The audit trail itself: recorded whenever someone queries or exports the log. */
  AUDIT_TRAIL,
  /** Other confidential data. */
  CONFIDENTIAL
}
