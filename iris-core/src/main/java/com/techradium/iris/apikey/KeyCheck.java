package com.techradium.iris.apikey;

/** The outcome of validating a presented key: valid, or the one reason it is not. */
public enum KeyCheck {
  /** The key is known, active, allowed from the address and holds every required scope. */
  VALID,
  /** Not an IRIS key: wrong length, prefix, characters or checksum. No store was asked. */
  MALFORMED,
  /** Well-formed, but no key has this secret. */
  UNKNOWN,
  /** The key was revoked, or this is a rotated-away secret whose grace period has ended. */
  REVOKED,
  /** The key's expiry has passed. */
  EXPIRED,
  /** The key's IP allow-list does not hold the caller's address (or the address was unknown). */
  IP_NOT_ALLOWED,
  /** The key lacks a required scope. */
  MISSING_SCOPE;

  /**
   * The reason in lower case, as recorded in security events, e.g. {@code ip_not_allowed}.
   *
   * @return the reason
   */
  public String reason() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
