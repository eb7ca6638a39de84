package com.techradium.iris.examples;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.ExemptionTarget;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.QuotaUsage;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitDecision;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.Violation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * A short tour of {@link RateLimiter}: the default rules, a denial with its response headers, a
 * tenant's own rule, login protection, an exemption by address block, a daily quota and the
 * aggregated violations.
 */
public final class RateLimitTour {
  private RateLimitTour() {}

  /** Runs the tour on {@code limiter}, printing to {@code out}, under a tenant of its own. */
  public static void run(PrintStream out, RateLimiter limiter) {
    // A tenant per run: counters on a shared Redis outlive the demo for their window.
    TenantId tenant = TenantId.of("demo-rl-" + Long.toString(System.nanoTime(), 36));
    out.println("== RateLimiter");
    out.println("Default rules:");
    for (RateLimitRule rule : limiter.rules(tenant)) {
      out.printf(
          "  %-17s %-6s %3d per %-5s by %s%n",
          rule.name(), rule.resource(), rule.limit(), rule.window(), rule.scope());
    }

    RateLimitRequest api = RateLimitRequest.of(tenant, "api").user("u-7").ip("203.0.113.7");
    int admitted = 0;
    RateLimitDecision last = null;
    for (int i = 0; i < 105; i++) {
      last = limiter.check(api);
      admitted += last.allowed() ? 1 : 0;
    }
    out.println("rate limit: " + admitted + " of 105 api requests admitted");
    out.println("  429 headers: " + last.headers(Instant.now()));

    limiter.saveRule(
        tenant,
        RateLimitRule.of("search", "search", 2, Duration.ofSeconds(1), RateLimitScope.USER)
            .withAlgorithm(RateLimitAlgorithm.GCRA)
            .withBurst(3));
    int searches = 0;
    for (int i = 0; i < 10; i++) {
      searches +=
          limiter.check(RateLimitRequest.of(tenant, "search").user("u-7")).allowed() ? 1 : 0;
    }
    out.println("custom GCRA rule: " + searches + " of 10 searches in a burst of 3");

    int failures = 0;
    while (limiter.loginFailed(tenant, "alice", "198.51.100.4").allowed()) {
      failures++;
    }
    out.println(
        "login locked after "
            + failures
            + " failures: "
            + limiter.checkLogin(tenant, "alice", null).rule());

    limiter.addExemption(tenant, ExemptionTarget.IP, "10.20.0.0/16", Set.of(), null);
    RateLimitDecision office =
        limiter.check(RateLimitRequest.of(tenant, "api").user("u-7").ip("10.20.3.4"));
    out.println("exempt office block 10.20.0.0/16: allowed=" + office.allowed());

    // Tied to the "sms" resource: every check of an sms request takes from it too.
    limiter
        .quotas()
        .define(
            tenant,
            QuotaDefinition.daily("sms", 1000, ZoneId.of("Europe/Paris")).forResource("sms"));
    limiter.quotas().consume(tenant, "sms", null, 250);
    RateLimitDecision sms = limiter.check(RateLimitRequest.of(tenant, "sms").cost(10));
    QuotaUsage usage = limiter.quotas().usage(tenant, "sms", null);
    out.println(
        "daily sms quota: "
            + usage.used()
            + "/"
            + usage.limit()
            + " after a check of 10 ("
            + sms.rule()
            + " reported), starts over at "
            + usage.resetsAt());

    for (Violation v : limiter.violations(tenant, Instant.EPOCH)) {
      out.printf("  violation %-17s %-22s x%d%n", v.rule(), v.scopeKey(), v.count());
    }
  }
}
