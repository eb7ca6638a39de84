package com.techradium.iris.apikey;

/** Where a key stands at the moment it was read. */
public enum ApiKeyStatus {
  /** It validates (subject to its IP allow-list and scopes). */
  ACTIVE,
  /** Its expiry has passed. */
  EXPIRED,
  /** It was revoked. */
  REVOKED
}
