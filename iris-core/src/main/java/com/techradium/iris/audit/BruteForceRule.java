package com.techradium.iris.audit;

import com.techradium.iris.core.LoginProtection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Detects a brute-force burst: at least {@code maxFailures} failed logins for one key (an account
 * or a source IP, per {@code scope}) within {@code window}. When it fires, the audit log records a
 * {@link SecurityEventKind#BRUTE_FORCE_DETECTED} event — once per key and rule within the window —
 * and notifies {@link AuditListener#onBruteForceDetected}.
 *
 * @param scope whether failures are counted per account or per source IP address
 * @param maxFailures the failures within the window that make a burst; at least 1
 * @param window how far back failures are counted
 */
public record BruteForceRule(Scope scope, int maxFailures, Duration window) {
  /** What failed logins are counted by. */
  public enum Scope {
    /** The account (the actor id of the failed login). */
    ACCOUNT,
    /** The source IP address of the failed login. */
    IP_ADDRESS;

    /**
     * The target type of detection events for this scope.
     *
     * @return {@code "account"} or {@code "ip_address"}
     */
    public String targetType() {
      return this == ACCOUNT ? "account" : "ip_address";
    }
  }

  /**
   * Creates a {@code BruteForceRule}, checking its components.
   *
   * @param scope whether failures are counted per account or per source IP address
   * @param maxFailures the failures within the window that make a burst; at least 1
   * @param window how far back failures are counted
   * @throws IllegalArgumentException if a component is out of range
   */
  public BruteForceRule {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(window, "window");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
  }

  /**
   * The defaults, for both accounts and IP addresses, derived from {@link
   * LoginProtection#defaults()} (the limits the rate limiter enforces on logins): 5 failures within
   * 1 minute, and 20 failures within 1 hour.
   *
   * @return the default rules
   */
  public static List<BruteForceRule> defaults() {
    List<BruteForceRule> rules = new ArrayList<>();
    for (Scope scope : Scope.values()) {
      for (LoginProtection limit : LoginProtection.defaults()) {
        rules.add(new BruteForceRule(scope, limit.maxFailures(), limit.window()));
      }
    }
    return List.copyOf(rules);
  }

  /**
   * The action of the detection events this rule records, e.g. {@code brute_force.account.PT1M}.
   *
   * @return the action name
   */
  public String detectionAction() {
    return "brute_force." + scope.targetType() + "." + window;
  }
}
