package com.techradium.iris.ratelimit;

import com.techradium.iris.core.LoginFailures;
import com.techradium.iris.core.LoginLockout;
import com.techradium.iris.core.LoginProtection;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.QuotaAdd;
import com.techradium.iris.ratelimit.spi.RateLimitKeys;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides one request against its tenant's configuration: every applicable rule in one atomic call
 * of the counters and, when quotas are tied to the request's resource, those quotas too, all or
 * none.
 *
 * <p>With quotas the rules cannot sit in the same atomic step (they are counted in memory or Redis,
 * quotas in the store), so a consuming check takes three steps: it asks the rules without taking (a
 * denial ends there: no quota touched), adds the quotas' usage all or none in the store (a refusal
 * ends there: no rule permit taken), then takes the rules' permits; when a concurrent request took
 * the last permit between the first and the last step, the quotas' usage is given back.
 * Thread-safe.
 */
final class RequestDecider {
  private final CounterGuard counters;
  private final ViolationRecorder violations;
  private final RateLimitQuotas quotas;
  private final RateLimitStore store;
  private final LoginFailures loginFailures;

  RequestDecider(
      CounterGuard counters,
      ViolationRecorder violations,
      RateLimitQuotas quotas,
      RateLimitStore store,
      LoginFailures loginFailures) {
    this.counters = counters;
    this.violations = violations;
    this.quotas = quotas;
    this.store = store;
    this.loginFailures = loginFailures;
  }

  /**
   * The decision on a validated request.
   *
   * @param ip the request's IP address as bytes, or null without one
   * @param consume whether to take permits and usage (a check) or only answer (a peek)
   * @param lockouts when not null, receives the login lockouts a consumed request starts
   */
  RateLimitDecision decide(
      RateLimitRequest request,
      byte @Nullable [] ip,
      TenantConfig config,
      Instant now,
      long nowMicros,
      boolean consume,
      @Nullable List<LoginLockout> lockouts) {
    List<RateLimitRule> candidates = config.forResource(request.resource());
    List<QuotaDefinition> tied = config.quotasFor(request.resource());
    if (candidates.isEmpty() && tied.isEmpty()) {
      return RateLimitDecision.unlimited(now);
    }
    List<CounterCheck> checks = new ArrayList<>(candidates.size());
    for (RateLimitRule rule : candidates) {
      String counterKey = RateLimitKeys.counterKey(rule, request);
      if (counterKey == null || config.exemptions.exempt(request, ip, rule.name(), now)) {
        continue;
      }
      checks.add(new CounterCheck(counterKey, rule, request.cost()));
    }
    QuotaCharges charges = tied.isEmpty() ? QuotaCharges.NONE : QuotaCharges.of(request, tied, now);
    Rules rules = new Rules(request, checks, now, consume, lockouts);
    if (charges.isEmpty()) {
      if (checks.isEmpty()) {
        return RateLimitDecision.unlimited(now);
      }
      return rules.decide(counters.acquire(request.tenant(), checks, now, nowMicros, consume));
    }
    return withQuotas(rules, charges, nowMicros);
  }

  private RateLimitDecision withQuotas(Rules rules, QuotaCharges charges, long nowMicros) {
    TenantId tenant = rules.request.tenant();
    Instant now = rules.now;
    List<CounterResult> results = List.of();
    if (!rules.checks.isEmpty()) {
      results = counters.acquire(tenant, rules.checks, now, nowMicros, false);
      if (!allAllowed(results)) {
        return rules.decide(results);
      }
    }
    List<QuotaAdd> answers =
        rules.consume ? store.addUsage(tenant, charges.charges()) : charges.peek(store, tenant);
    int refused = charges.refused(answers);
    if (refused >= 0) {
      if (rules.consume) {
        QuotaDefinition quota = charges.definitions().get(refused);
        quotas.refused(tenant, quota, quota.perApiKey() ? rules.request.apiKey() : null, now);
      }
      return charges.decision(refused, answers.get(refused), false, now);
    }
    RateLimitDecision byRules = null;
    if (!rules.checks.isEmpty()) {
      if (rules.consume) {
        try {
          results = counters.acquire(tenant, rules.checks, now, nowMicros, true);
        } catch (RuntimeException e) {
          store.releaseUsage(tenant, charges.charges());
          throw e;
        }
        if (!allAllowed(results)) {
          store.releaseUsage(tenant, charges.charges());
        }
      }
      byRules = rules.decide(results);
      if (!byRules.allowed()) {
        return byRules;
      }
    }
    int tightest = charges.tightest(answers);
    QuotaAdd answer = answers.get(tightest);
    if (byRules != null && byRules.remaining() <= charges.left(tightest, answer)) {
      return byRules;
    }
    return charges.decision(tightest, answer, true, now);
  }

  private static boolean allAllowed(List<CounterResult> results) {
    for (CounterResult result : results) {
      if (!result.allowed()) {
        return false;
      }
    }
    return true;
  }

  /** The scope a login rule locks out, or null for a rule that is not a login lockout rule. */
  static LoginLockout.@Nullable Scope lockoutScope(RateLimitRule rule) {
    if (!RateLimitRule.LOGIN.equals(rule.resource())) {
      return null;
    }
    if (rule.scope().equals(Set.of(RateLimitScope.USER))) {
      return LoginLockout.Scope.ACCOUNT;
    }
    if (rule.scope().equals(Set.of(RateLimitScope.IP))) {
      return LoginLockout.Scope.IP_ADDRESS;
    }
    return null;
  }

  /** One request's rule checks, and how their counters' answers become its decision. */
  private final class Rules {
    final RateLimitRequest request;
    final List<CounterCheck> checks;
    final Instant now;
    final boolean consume;
    final @Nullable List<LoginLockout> lockouts;

    Rules(
        RateLimitRequest request,
        List<CounterCheck> checks,
        Instant now,
        boolean consume,
        @Nullable List<LoginLockout> lockouts) {
      this.request = request;
      this.checks = checks;
      this.now = now;
      this.consume = consume;
      this.lockouts = lockouts;
    }

    /**
     * The decision the counters' {@code results} make: a denial is recorded as a violation when
     * consuming, and the lockouts a consumed request starts are collected.
     */
    RateLimitDecision decide(List<CounterResult> results) {
      int reported = report(results);
      CounterResult result = results.get(reported);
      CounterCheck check = checks.get(reported);
      RateLimitRule rule = check.rule();
      if (consume && !result.allowed()) {
        // A login lockout the context's audit log records is not a rate-limit violation notice too.
        boolean publish = lockoutScope(rule) == null || loginFailures.recorder().isEmpty();
        violations.denied(
            request.tenant(),
            rule.name(),
            RateLimitKeys.scopeKeyOf(rule, check.key()),
            who(request),
            now,
            publish);
      } else if (consume && lockouts != null) {
        collectLockouts(results, lockouts);
      }
      return new RateLimitDecision(
          result.allowed(),
          rule.name(),
          rule.limit(),
          rule.window(),
          result.remaining(),
          instant(result.resetAtMicros()),
          Duration.ofNanos(result.retryAfterMicros() * 1000));
    }

    /** The login rules whose last permit this request took: the lockouts it starts. */
    private void collectLockouts(List<CounterResult> results, List<LoginLockout> into) {
      for (int i = 0; i < results.size(); i++) {
        RateLimitRule rule = checks.get(i).rule();
        LoginLockout.Scope scope = lockoutScope(rule);
        if (scope == null || results.get(i).remaining() > 0) {
          continue;
        }
        String key = scope == LoginLockout.Scope.ACCOUNT ? request.user() : request.ip();
        if (key != null) {
          into.add(
              new LoginLockout(
                  scope, key, rule.name(), new LoginProtection((int) rule.limit(), rule.window())));
        }
      }
    }
  }

  /** The index to report: the denial with the longest wait, else the fewest permits left. */
  private static int report(List<CounterResult> results) {
    int best = 0;
    for (int i = 1; i < results.size(); i++) {
      CounterResult r = results.get(i);
      CounterResult b = results.get(best);
      if (b.allowed() && !r.allowed()) {
        best = i;
      } else if (!b.allowed() && !r.allowed()) {
        if (r.retryAfterMicros() > b.retryAfterMicros()) {
          best = i;
        }
      } else if (b.allowed() && r.remaining() < b.remaining()) {
        best = i;
      }
    }
    return best;
  }

  private static ViolationRecorder.Who who(RateLimitRequest request) {
    if (request.user() != null) {
      return new ViolationRecorder.Who(request.user(), NoticeActor.USER, request.ip());
    }
    if (request.apiKey() != null) {
      return new ViolationRecorder.Who(request.apiKey(), NoticeActor.API_KEY, request.ip());
    }
    if (request.ip() != null) {
      return new ViolationRecorder.Who(request.ip(), NoticeActor.ANONYMOUS, request.ip());
    }
    return new ViolationRecorder.Who(request.tenant().value(), NoticeActor.SERVICE, null);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
