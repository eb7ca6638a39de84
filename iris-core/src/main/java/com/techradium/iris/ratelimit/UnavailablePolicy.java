package com.techradium.iris.ratelimit;

/**
 * What a rule decides while its shared counter backend (Redis) cannot be reached. The limiter stops
 * calling the backend for a short pause after a failure, so an outage costs no exception per
 * request, and tries again by itself after the pause.
 */
public enum UnavailablePolicy {
  /** Admit: availability before protection. */
  FAIL_OPEN,
  /** Deny: protection before availability. */
  FAIL_CLOSED,
  /**
   * Count on this node in memory at the rule's limit divided by the expected number of nodes
   * ({@link RateLimiterBuilder#expectedNodes}), so the deployment as a whole stays near the limit.
   */
  LOCAL_FALLBACK
}
