package com.techradium.iris.apikey;

/**
 * The rate-limit tier of a key: a name the rate limiter maps to a set of its rules. The key manager
 * stores it and returns it with every valid validation; it applies no limit itself.
 */
public enum ApiKeyTier {
  /** The default tier. */
  STANDARD,
  /** Higher limits. */
  PREMIUM,
  /** No request limits (quotas may still apply). */
  UNLIMITED
}
