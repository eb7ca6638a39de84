package com.techradium.iris.ratelimit;

import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.LoginCount;
import com.techradium.iris.core.LoginFailures;
import com.techradium.iris.core.LoginLockout;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitKeys;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Rate limiting for a multi-tenant application: every rule that applies to a request (tenant, user,
 * API key, IP address, resource) decided in one atomic step, with the daily and monthly quotas tied
 * to its resource, all or none; login protection, exemptions, aggregated violations. Quotas are
 * defined, read and reset through {@link RateLimitQuotas} ({@link #quotas()}).
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder()
 *     .store(new InMemoryRateLimitStore())          // or JdbcRateLimitStore on PostgreSQL
 *     .counters(new InMemoryRateLimitCounters())    // or RedisRateLimitCounters, shared by nodes
 *     .build();
 * RateLimitDecision d = limiter.check(RateLimitRequest.of(tenant, "api").user("u-7").ip(ip));
 * if (!d.allowed()) { respond429(d.headers()); }
 * }</pre>
 *
 * <p><b>Decisions.</b> {@link #check} takes a permit from every rule that applies, or from none
 * when any denies; {@link #peek} answers the same question without taking anything; {@link
 * #checkOrThrow} throws {@link RateLimitExceededException} on a denial; {@link #enforcer()} is the
 * same as a plain function for a host's request pipeline. A rule applies when it names the
 * request's resource (or none) and the request carries every part of its scope; exempt callers skip
 * the rules their exemption covers.
 *
 * <p><b>Rules.</b> The deployment's default rules (API 100/min, calls 10/s, SMS 100/min per tenant,
 * login protection 5/min and 20/hour per account and per IP) are created in the store on start and
 * can be edited ({@link #saveDefaultRule}); a tenant's custom rule of the same name overrides a
 * default for that tenant ({@link #saveRule}).
 *
 * <p><b>Login protection and the audit log.</b> The login rules are the one counting of failed
 * logins: the limiter registers them on the context's {@link LoginFailures}, so an audit log of the
 * same context counts its {@code recordFailedLogin} through them, and {@link #loginFailed} has that
 * audit log record the failure. Either way one failure is one count and one audit event, and a
 * lockout one security event.
 *
 * <p><b>Violations.</b> Denials are aggregated per rule, scope key and hour: written to the store
 * and published on the context's events as a {@link com.techradium.iris.core.SecurityNotice} of
 * kind {@code RATE_LIMIT_VIOLATION} (the context's audit log records it) once at the first denial
 * and then at most once per {@link RateLimiterBuilder#violationInterval} per key.
 *
 * <p><b>Guarantees.</b> Every operation checks its tenant first (an unknown tenant is a {@link
 * com.techradium.iris.core.ValidationException} on {@code tenantId}); input is validated whole
 * before anything is counted or written. While a shared counter backend is down each rule applies
 * its {@link UnavailablePolicy}. Thread-safe; the limiter owns no thread. The store, counters,
 * clock and runtime belong to the host.
 */
public final class RateLimiter {
  /**
   * The nightly chore (03:30 UTC) deleting old violations, expired exemptions and quota periods.
   */
  public static final String CLEANUP_SCHEDULE = "ratelimit-cleanup";

  /** The job type of {@link #CLEANUP_SCHEDULE}. */
  public static final String CLEANUP_TYPE = "iris.ratelimit.cleanup";

  /** The chore writing the counts of violations still being aggregated, every minute. */
  public static final String FLUSH_SCHEDULE = "ratelimit-violations";

  /** The job type of {@link #FLUSH_SCHEDULE}. */
  public static final String FLUSH_TYPE = "iris.ratelimit.violations";

  private final RateLimitStore store;
  private final Clock clock;
  private final KnownTenants tenants;
  private final CounterGuard counters;
  private final ViolationRecorder violations;
  private final RateLimitQuotas quotas;
  private final RequestDecider decider;
  private final LoginFailures loginFailures;
  private final List<RateLimitRule> seedRules;
  private final long configTtlMicros;
  private final Duration retention;
  private final Map<TenantId, TenantConfig> configs = new ConcurrentHashMap<>();

  RateLimiter(RateLimiterBuilder b) {
    this.store = Objects.requireNonNull(b.store);
    IrisContext context = b.context();
    this.clock = context.clock();
    this.tenants = context.knownTenants();
    this.counters =
        new CounterGuard(Objects.requireNonNull(b.counters), b.expectedNodes, b.unavailablePause);
    this.violations = new ViolationRecorder(store, context.events(), b.violationInterval);
    this.quotas = new RateLimitQuotas(store, clock, tenants, violations, configs::remove);
    this.loginFailures = context.loginFailures();
    this.decider = new RequestDecider(counters, violations, quotas, store, loginFailures);
    this.seedRules = b.defaultRules;
    this.configTtlMicros = b.configTtl.toNanos() / 1000;
    this.retention = b.violationRetention;
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                CLEANUP_SCHEDULE,
                CLEANUP_TYPE,
                "30 3 * * *",
                ZoneOffset.UTC,
                () -> "{\"deleted\":" + cleanup() + "}"));
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                FLUSH_SCHEDULE,
                FLUSH_TYPE,
                "* * * * *",
                ZoneOffset.UTC,
                () -> "{\"written\":" + flushViolations() + "}"));
    // The context's audit log counts failed logins through these login rules.
    loginFailures.countWith(this::countLoginFailure);
    IrisRuntime runtime = context.runtime().orElse(null);
    if (runtime != null) {
      runtime.register(new Setup());
    }
  }

  /**
   * A builder; {@link RateLimiterBuilder#store(RateLimitStore)} is required.
   *
   * @return a new builder
   */
  public static RateLimiterBuilder builder() {
    return new RateLimiterBuilder();
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Decides a request against every rule that applies and every quota tied to its resource, taking
   * its permits and its cost from all of them or, when any denies, from none. A denial is recorded
   * as a violation. A request with no quota is one call of the counters; with quotas, see {@link
   * RateLimitQuotas} and docs/ratelimit.md for the cost.
   *
   * @param request the tenant, resource, caller and cost
   * @return the decision, allowed or denied
   * @throws com.techradium.iris.core.ValidationException on an unknown tenant, a malformed IP, a
   *     value longer than {@value RateLimitRequest#MAX_VALUE_LENGTH} characters or a cost out of
   *     range; nothing is counted
   */
  public RateLimitDecision check(RateLimitRequest request) {
    return decide(request, true, null);
  }

  /**
   * Like {@link #check}, but throws when the request is denied.
   *
   * @param request the tenant, resource, caller and cost
   * @return the decision, allowed
   * @throws RateLimitExceededException if the request is denied; it carries the decision
   */
  public RateLimitDecision checkOrThrow(RateLimitRequest request) {
    RateLimitDecision decision = check(request);
    if (!decision.allowed()) {
      throw new RateLimitExceededException(decision);
    }
    return decision;
  }

  /**
   * What {@link #check} would answer now, rules and quotas alike, taking nothing and recording
   * nothing.
   *
   * @param request the tenant, resource, caller and cost
   * @return the decision {@link #check} would make
   */
  public RateLimitDecision peek(RateLimitRequest request) {
    return decide(request, false, null);
  }

  /**
   * The limiter as a plain function for a host's request pipeline: {@link #check}. No web framework
   * needed; a servlet filter or an interceptor calls it and answers 429 with the decision's headers
   * when it denies.
   *
   * @return the function
   */
  public Function<RateLimitRequest, RateLimitDecision> enforcer() {
    return this::check;
  }

  // ---------------------------------------------------------------- login protection

  /**
   * Whether {@code account} (and {@code ip}, if given) may try to log in now, without counting: the
   * login rules as of now. Call before checking the password.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param account the account trying to log in
   * @param ip the client's IP address, or null
   * @return the decision, denied while the account or address is locked out
   */
  public RateLimitDecision checkLogin(TenantId tenant, String account, @Nullable String ip) {
    return peek(loginRequest(tenant, account, ip));
  }

  /**
   * Counts a failed login against the account's and the IP's login rules. The decision is denied
   * once a limit is reached: the account or address is locked out until the window moves on.
   *
   * <p>When an audit log shares the context, it records the failure too (one {@code FAILED_LOGIN}
   * event, no second count) and records the lockout, once, as a {@code BRUTE_FORCE_DETECTED}
   * security event; the lockout is then not published as a rate-limit violation notice. Alone, a
   * lockout's denials are recorded as violations and published like any other.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param account the account whose login failed
   * @param ip the client's IP address, or null
   * @return the decision, denied once a limit is reached
   * @throws com.techradium.iris.core.ValidationException on an unknown tenant, a malformed IP or an
   *     account the limiter or the audit log refuses; nothing is counted or recorded
   */
  public RateLimitDecision loginFailed(TenantId tenant, String account, @Nullable String ip) {
    RateLimitRequest request = loginRequest(tenant, account, ip);
    LoginFailures.Recorder recorder = loginFailures.recorder().orElse(null);
    if (recorder == null) {
      return check(request);
    }
    RequestChecks.validate(request, tenants);
    List<RateLimitDecision> decided = new ArrayList<>(1);
    recorder.record(tenant, account, ip, () -> countLoginFailure(request, decided));
    if (decided.isEmpty()) {
      throw new IllegalStateException("the login-failure recorder did not count the failure");
    }
    return decided.get(0);
  }

  /** The context's login-failure counter: counts a failure the audit log records. */
  private LoginCount countLoginFailure(TenantId tenant, String account, @Nullable String ip) {
    return countLoginFailure(loginRequest(tenant, account, ip), new ArrayList<>(1));
  }

  private LoginCount countLoginFailure(RateLimitRequest request, List<RateLimitDecision> decided) {
    List<LoginLockout> lockouts = new ArrayList<>(2);
    RateLimitDecision decision = decide(request, true, lockouts);
    decided.add(decision);
    return new LoginCount(decision.allowed(), lockouts);
  }

  /**
   * Forgets the account's failed logins after a successful one. The IP's failures stay: an attacker
   * must not reset an address's count by logging into an account of their own.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param account the account that logged in
   */
  public void loginSucceeded(TenantId tenant, String account) {
    RateLimitRequest request = loginRequest(tenant, account, null);
    TenantConfig config = config(tenant, clock.instant());
    List<CounterCheck> checks = new ArrayList<>();
    for (RateLimitRule rule : config.forResource(RateLimitRule.LOGIN)) {
      if (rule.scope().contains(RateLimitScope.USER)) {
        String counterKey = RateLimitKeys.counterKey(rule, request);
        if (counterKey != null) {
          checks.add(new CounterCheck(counterKey, rule, 1));
        }
      }
    }
    counters.reset(tenant, checks);
  }

  private RateLimitRequest loginRequest(TenantId tenant, String account, @Nullable String ip) {
    Objects.requireNonNull(account, "account");
    RateLimitRequest request = RateLimitRequest.of(tenant, RateLimitRule.LOGIN).user(account);
    return ip == null ? request : request.ip(ip);
  }

  // ---------------------------------------------------------------- rules

  /**
   * The tenant's effective rules: the defaults, overridden by name by its custom rules.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the rules, ordered by name
   */
  public List<RateLimitRule> rules(TenantId tenant) {
    return config(tenant, clock.instant()).rules();
  }

  /**
   * The deployment's default rules (deployment-wide, not a tenant's).
   *
   * @return the default rules, ordered by name
   */
  public List<RateLimitRule> defaultRules() {
    ensureSetUp();
    return store.defaultRules();
  }

  /**
   * Creates or replaces a custom rule of the tenant; one with the name of a default rule overrides
   * that default for this tenant.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param rule the rule
   */
  public void saveRule(TenantId tenant, RateLimitRule rule) {
    Objects.requireNonNull(rule, "rule");
    tenants.require(tenant);
    store.saveRule(tenant, rule);
    configs.remove(tenant);
  }

  /**
   * Deletes a custom rule of the tenant (its default, if one has the name, applies again).
   *
   * @param tenant the tenant, known to the tenant directory
   * @param name the rule's name
   * @throws com.techradium.iris.core.ValidationException on {@code name} if the tenant has no
   *     custom rule of that name
   */
  public void deleteRule(TenantId tenant, String name) {
    Objects.requireNonNull(name, "name");
    tenants.require(tenant);
    if (!store.deleteRule(tenant, name)) {
      throw new com.techradium.iris.core.ValidationException("name", "unknown rule " + name);
    }
    configs.remove(tenant);
  }

  /**
   * Creates or replaces a default rule for every tenant (deployment-wide).
   *
   * @param rule the rule
   */
  public void saveDefaultRule(RateLimitRule rule) {
    Objects.requireNonNull(rule, "rule");
    ensureSetUp();
    store.saveDefaultRule(rule);
    configs.clear();
  }

  // ---------------------------------------------------------------- quotas

  /**
   * The tenant's daily and monthly quotas.
   *
   * @return the quotas of this limiter
   */
  public RateLimitQuotas quotas() {
    return quotas;
  }

  // ---------------------------------------------------------------- exemptions

  /**
   * Exempts a user, API key, IP address or CIDR block from some or all of the tenant's rules.
   *
   * @param rules the rules exempted from; empty for all
   * @param expiresAt when the exemption ends, or null for never
   * @param tenant the tenant, known to the tenant directory
   * @param target what kind of caller is exempted
   * @param value the user id, API key id, IP address or CIDR block
   * @return the exemption
   * @throws com.techradium.iris.core.ValidationException on {@code value} (blank, too long, or a
   *     malformed IP or CIDR), {@code rules} (an unknown rule) or {@code expiresAt} (in the past)
   */
  public Exemption addExemption(
      TenantId tenant,
      ExemptionTarget target,
      String value,
      java.util.Set<String> rules,
      @Nullable Instant expiresAt) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rules, "rules");
    Instant now = clock.instant();
    Validation v = tenants.check(Validation.of(), tenant, null);
    v.text("value", value, RateLimitRequest.MAX_VALUE_LENGTH);
    String kept = value;
    if (target == ExemptionTarget.IP && !v.hasErrors()) {
      try {
        kept = IpBlocks.canonicalCidr("value", value);
      } catch (com.techradium.iris.core.ValidationException e) {
        v.check(false, "value", e.errors().get(0).message());
      }
    }
    if (!v.hasErrors()) {
      TenantConfig config = config(tenant, now);
      for (String rule : rules) {
        v.check(config.hasRule(rule), "rules", "unknown rule " + rule);
      }
    }
    v.check(expiresAt == null || expiresAt.isAfter(now), "expiresAt", "must be in the future");
    v.throwIfInvalid();
    Exemption exemption =
        new Exemption(java.util.UUID.randomUUID(), target, kept, rules, expiresAt, now);
    store.addExemption(tenant, exemption);
    configs.remove(tenant);
    return exemption;
  }

  /**
   * Removes one of the tenant's exemptions; false if it had none with that id.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the exemption's id
   * @return true if it existed
   */
  public boolean removeExemption(TenantId tenant, java.util.UUID id) {
    Objects.requireNonNull(id, "id");
    tenants.require(tenant);
    boolean removed = store.removeExemption(tenant, id);
    configs.remove(tenant);
    return removed;
  }

  /**
   * The tenant's exemptions in force now, oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the exemptions, oldest first
   */
  public List<Exemption> exemptions(TenantId tenant) {
    tenants.require(tenant);
    return store.exemptions(tenant, clock.instant());
  }

  // ---------------------------------------------------------------- violations

  /**
   * The tenant's violations last seen at or after {@code since}, latest first, at most 1,000.
   * Counts still being aggregated are written first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param since the earliest last-denial time included
   * @return the violations, latest first
   */
  public List<Violation> violations(TenantId tenant, Instant since) {
    Objects.requireNonNull(since, "since");
    tenants.require(tenant);
    violations.flush(clock.instant());
    return store.violations(tenant, since, 1000);
  }

  /**
   * How many requests this limiter has denied since it was built, over every tenant, counted in
   * this JVM (each node counts its own; a restart starts from zero): every denial recorded as a
   * violation — by {@link #check}, {@link #checkOrThrow}, the {@link #enforcer()}, {@link
   * #loginFailed} and {@link RateLimitQuotas#consume}. {@link #peek} and {@link #checkLogin} take
   * nothing and are not counted. Cheap to read (no storage access), for gauges. Deployment-wide.
   *
   * @return the number of denials
   */
  public long deniedCount() {
    return violations.denials();
  }

  /**
   * Whether the shared counter backend (Redis with {@code RedisRateLimitCounters}) failed on its
   * last call: until a call succeeds again (retried after {@link
   * RateLimiterBuilder#unavailablePause}), every rule applies its {@link UnavailablePolicy}. Always
   * false for in-memory counters. Deployment-wide.
   *
   * @return true while the counter backend is considered down
   */
  public boolean countersUnavailable() {
    return counters.isDown();
  }

  /**
   * Writes the counts of violations still being aggregated; returns how many were written.
   *
   * @return the number of violations written
   */
  public int flushViolations() {
    return violations.flush(clock.instant());
  }

  /**
   * Deletes violations and quota periods older than the retention and exemptions that expired
   * (deployment-wide; run nightly as {@link #CLEANUP_SCHEDULE}).
   *
   * @return how many entries were deleted
   */
  public int cleanup() {
    Instant now = clock.instant();
    violations.flush(now);
    return store.deleteExpired(now.minus(retention), now);
  }

  // ---------------------------------------------------------------- internals

  private RateLimitDecision decide(
      RateLimitRequest request, boolean consume, @Nullable List<LoginLockout> lockouts) {
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    byte[] ip = RequestChecks.validate(request, tenants);
    long nowMicros = RateLimitCounters.micros(now);
    TenantConfig config = config(request.tenant(), now, nowMicros);
    return decider.decide(request, ip, config, now, nowMicros, consume, lockouts);
  }

  private TenantConfig config(TenantId tenant, Instant now) {
    tenants.require(tenant);
    return config(tenant, now, RateLimitCounters.micros(now));
  }

  private TenantConfig config(TenantId tenant, Instant now, long nowMicros) {
    TenantConfig config = configs.get(tenant);
    if (config != null
        && nowMicros - config.loadedAt < configTtlMicros
        && nowMicros >= config.loadedAt) {
      return config;
    }
    ensureSetUp();
    List<RateLimitRule> base = store.defaultRules();
    List<Exemption> active = store.exemptions(tenant, now);
    TenantConfig loaded =
        new TenantConfig(
            base,
            store.rules(tenant),
            store.quotas(tenant),
            active.isEmpty() ? ExemptionIndex.NONE : new ExemptionIndex(active),
            nowMicros);
    configs.put(tenant, loaded);
    return loaded;
  }

  private volatile boolean setUp;

  /** Creates the default rules in the store, once: when the runtime starts, or on first use. */
  void ensureSetUp() {
    if (setUp) {
      return;
    }
    synchronized (this) {
      if (!setUp) {
        store.seedDefaultRules(seedRules);
        setUp = true;
      }
    }
  }

  /** Creates the default rules when the runtime starts. */
  private final class Setup implements BackgroundService {
    @Override
    public String name() {
      return "ratelimit-setup";
    }

    @Override
    public void start(IrisRuntime runtime) {
      ensureSetUp();
    }

    @Override
    public void stop(Duration timeout) {}
  }
}
