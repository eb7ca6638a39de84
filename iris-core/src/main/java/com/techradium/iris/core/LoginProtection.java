package com.techradium.iris.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The one definition of login protection shared by the facades that enforce or detect it: the rate
 * limiter blocks further attempts once an account or an IP address has failed {@code maxFailures}
 * times within {@code window}, and the audit log's brute-force detection fires on the same numbers.
 * Each limit applies to accounts and to IP addresses alike.
 *
 * @param maxFailures failed logins allowed within {@code window}, at least 1
 * @param window the sliding window the failures are counted in, at least 1 ms
 */
public record LoginProtection(int maxFailures, Duration window) {
  /**
   * Creates a {@code LoginProtection}, checking its components.
   *
   * @param maxFailures failed logins allowed within {@code window}, at least 1
   * @param window the sliding window the failures are counted in, at least 1 ms
   * @throws IllegalArgumentException if a component is out of range
   */
  public LoginProtection {
    Objects.requireNonNull(window, "window");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms, got " + window);
    }
  }

  /**
   * The platform's limits: 5 failures within 1 minute and 20 failures within 1 hour.
   *
   * @return the default limits, shortest window first
   */
  public static List<LoginProtection> defaults() {
    return List.of(
        new LoginProtection(5, Duration.ofMinutes(1)),
        new LoginProtection(20, Duration.ofHours(1)));
  }
}
