package com.techradium.iris.ratelimit;

import com.techradium.iris.core.LoginProtection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's default rules, created in the store when the limiter starts and editable there:
 * API 100/min, calls 10/s and SMS 100/min per tenant; login protection (from {@link
 * LoginProtection#defaults()}, shared with the audit log's brute-force detection) per account and
 * per IP address, counted by an exact sliding log and failing closed while a shared backend is
 * down.
 */
final class DefaultRules {
  private DefaultRules() {}

  static List<RateLimitRule> all() {
    List<RateLimitRule> rules = new ArrayList<>();
    rules.add(RateLimitRule.of("api", "api", 100, Duration.ofMinutes(1), RateLimitScope.TENANT));
    rules.add(RateLimitRule.of("calls", "calls", 10, Duration.ofSeconds(1), RateLimitScope.TENANT));
    rules.add(RateLimitRule.of("sms", "sms", 100, Duration.ofMinutes(1), RateLimitScope.TENANT));
    for (LoginProtection limit : LoginProtection.defaults()) {
      rules.add(login("login-account-", limit, RateLimitScope.USER));
      rules.add(login("login-ip-", limit, RateLimitScope.IP));
    }
    return List.copyOf(rules);
  }

  private static RateLimitRule login(String prefix, LoginProtection limit, RateLimitScope scope) {
    return RateLimitRule.of(
            prefix + suffix(limit.window()),
            RateLimitRule.LOGIN,
            limit.maxFailures(),
            limit.window(),
            scope)
        .withAlgorithm(RateLimitAlgorithm.SLIDING_WINDOW_LOG)
        .withOnUnavailable(UnavailablePolicy.FAIL_CLOSED);
  }

  private static String suffix(Duration window) {
    if (window.toHours() > 0 && window.toMinutes() % 60 == 0) {
      return window.toHours() + "h";
    }
    if (window.toMinutes() > 0 && window.getSeconds() % 60 == 0) {
      return window.toMinutes() + "m";
    }
    return window.toMillis() + "ms";
  }
}
