package com.techradium.iris.ratelimit;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link RateLimiter}. The store is required; every other part has the default its
 * setter documents. Each part can be set once (a second call is an {@link IllegalStateException}
 * "{@code <part> was already set}"); each setter validates its argument. {@link #build()} writes
 * nothing and starts no thread: the default rules are created in the store when the runtime starts
 * the limiter, or on its first use. Not thread-safe.
 */
public final class RateLimiterBuilder {
  @Nullable RateLimitStore store;
  @Nullable RateLimitCounters counters;
  List<RateLimitRule> defaultRules = DefaultRules.all();
  private boolean defaultRulesSet;
  int expectedNodes = 1;
  private boolean expectedNodesSet;
  Duration unavailablePause = Duration.ofSeconds(1);
  private boolean unavailablePauseSet;
  Duration configTtl = Duration.ofSeconds(5);
  private boolean configTtlSet;
  Duration violationInterval = Duration.ofMinutes(1);
  private boolean violationIntervalSet;
  Duration violationRetention = Duration.ofDays(90);
  private boolean violationRetentionSet;

  private final ContextParts contextParts = new ContextParts("clock, runtime and tenants");

  RateLimiterBuilder() {}

  /**
   * The shared context: its clock, runtime and tenants count as set here; violations are published
   * on its events (the context's audit log records them) and the limiter's chores are declared on
   * its housekeeping. Default: a private context from {@link #clock}, {@link #runtime} and {@link
   * #tenants}.
   *
   * @param context the shared context
   * @return this builder
   */
  public RateLimiterBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * Where rules, quotas, exemptions and violations are kept. Required.
   *
   * @param store the rate-limit store
   * @return this builder
   */
  public RateLimiterBuilder store(RateLimitStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * The counter backend. Default: {@link InMemoryRateLimitCounters}, this JVM only; use the Redis
   * counters of iris-redis to share limits between nodes.
   *
   * @param counters the counter backend
   * @return this builder
   */
  public RateLimiterBuilder counters(RateLimitCounters counters) {
    this.counters = BuilderChecks.setOnce("counters", this.counters, counters);
    return this;
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public RateLimiterBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The runtime that creates the default rules when it starts. Default: none (first use does).
   *
   * @param runtime the runtime
   * @return this builder
   */
  public RateLimiterBuilder runtime(IrisRuntime runtime) {
    contextParts.runtime(runtime);
    return this;
  }

  /**
   * The tenants that exist. Default {@link TenantDirectory#acceptingAll()}.
   *
   * @param directory the tenant directory
   * @return this builder
   */
  public RateLimiterBuilder tenants(TenantDirectory directory) {
    contextParts.tenants(directory);
    return this;
  }

  /**
   * The default rules created in the store on start (existing defaults of the same name, possibly
   * edited, are kept). Default: API 100/min, calls 10/s, SMS 100/min per tenant, and login
   * protection 5/min and 20/hour per account and per IP; an empty list creates none.
   *
   * @param rules the default rules
   * @return this builder
   */
  public RateLimiterBuilder defaultRules(List<RateLimitRule> rules) {
    Objects.requireNonNull(rules, "defaultRules");
    List<RateLimitRule> copy = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (RateLimitRule rule : copy) {
      if (!names.add(rule.name())) {
        throw BuilderChecks.duplicate("rule", rule.name());
      }
    }
    defaultRulesSet = BuilderChecks.markSet("defaultRules", defaultRulesSet);
    this.defaultRules = copy;
    return this;
  }

  /**
   * How many nodes share the counter backend, 1 to 10,000: a {@link
   * UnavailablePolicy#LOCAL_FALLBACK} rule counts at its limit divided by this while the backend is
   * down. Default 1.
   *
   * @param nodes the number of nodes
   * @return this builder
   */
  public RateLimiterBuilder expectedNodes(int nodes) {
    BuilderChecks.inRange("expectedNodes", nodes, 1, 10_000);
    expectedNodesSet = BuilderChecks.markSet("expectedNodes", expectedNodesSet);
    this.expectedNodes = nodes;
    return this;
  }

  /**
   * How long the backend is left alone after a failure before it is tried again. Default 1 s.
   *
   * @param pause the pause after a failure
   * @return this builder
   */
  public RateLimiterBuilder unavailablePause(Duration pause) {
    BuilderChecks.positive("unavailablePause", pause);
    unavailablePauseSet = BuilderChecks.markSet("unavailablePause", unavailablePauseSet);
    this.unavailablePause = pause;
    return this;
  }

  /**
   * How long a tenant's rules and exemptions are cached between store reads. Changes made through
   * this limiter apply at once; changes made by another node within this time. Default 5 s.
   *
   * @param ttl the cache time
   * @return this builder
   */
  public RateLimiterBuilder configTtl(Duration ttl) {
    BuilderChecks.positive("configTtl", ttl);
    configTtlSet = BuilderChecks.markSet("configTtl", configTtlSet);
    this.configTtl = ttl;
    return this;
  }

  /**
   * The longest a key's denials are counted before they are written and published together. Default
   * 1 minute.
   *
   * @param interval the aggregation interval
   * @return this builder
   */
  public RateLimiterBuilder violationInterval(Duration interval) {
    BuilderChecks.positive("violationInterval", interval);
    violationIntervalSet = BuilderChecks.markSet("violationInterval", violationIntervalSet);
    this.violationInterval = interval;
    return this;
  }

  /**
   * How long violations and past quota periods are kept by the nightly cleanup. Default 90 days.
   *
   * @param retention how long violations are kept
   * @return this builder
   */
  public RateLimiterBuilder violationRetention(Duration retention) {
    BuilderChecks.positive("violationRetention", retention);
    violationRetentionSet = BuilderChecks.markSet("violationRetention", violationRetentionSet);
    this.violationRetention = retention;
    return this;
  }

  /**
   * The limiter. Writes nothing and starts nothing.
   *
   * @return the limiter
   * @throws IllegalStateException if no store was given
   */
  public RateLimiter build() {
    if (store == null) {
      throw new IllegalStateException("RateLimiter needs a store: builder().store(...)");
    }
    if (counters == null) {
      counters = new InMemoryRateLimitCounters();
    }
    return new RateLimiter(this);
  }
}
