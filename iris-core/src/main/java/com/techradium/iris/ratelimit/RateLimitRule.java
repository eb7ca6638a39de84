package com.techradium.iris.ratelimit;

import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One limit: at most {@code limit} permits per {@code window} for each distinct value of {@code
 * scope}, counted by {@code algorithm}. A rule applies to a request whose resource is {@code
 * resource} (any resource when null) and that carries every part of the scope.
 *
 * <pre>{@code
 * RateLimitRule perUser = RateLimitRule.of("search", "search", 30, Duration.ofMinutes(1),
 *     RateLimitScope.USER).withAlgorithm(RateLimitAlgorithm.GCRA).withBurst(10);
 * }</pre>
 *
 * <p>Invalid values are a {@link com.techradium.iris.core.ValidationException} naming every
 * offending field ({@code rule.limit}, {@code rule.window}, ...); null where forbidden an NPE.
 *
 * @param name the rule's name, unique per tenant: 1-64 of {@code a-z 0-9 . _ -}, not starting with
 *     {@code quota.} (decisions and violations name quotas so)
 * @param resource the resource it applies to, or null for every resource
 * @param scope what it counts by, not empty
 * @param algorithm how it counts
 * @param limit permits per window, 1 to {@value #MAX_LIMIT}
 * @param window the window, 1 ms to 31 days
 * @param burst the most permits at once (token bucket and GCRA), 1 to 1000 × limit; the other
 *     algorithms take {@code limit}
 * @param onUnavailable what the rule decides while a shared counter backend is down
 */
public record RateLimitRule(
    String name,
    @Nullable String resource,
    Set<RateLimitScope> scope,
    RateLimitAlgorithm algorithm,
    long limit,
    Duration window,
    long burst,
    UnavailablePolicy onUnavailable) {
  /** The largest limit of a rule. */
  public static final long MAX_LIMIT = 1_000_000;

  /**
   * The largest limit of a {@link RateLimitAlgorithm#SLIDING_WINDOW_LOG} rule (memory O(limit)).
   */
  public static final long MAX_LOG_LIMIT = 100_000;

  /** The longest window of a rule. */
  public static final Duration MAX_WINDOW = Duration.ofDays(31);

  /** The resource name login protection rules apply to. */
  public static final String LOGIN = "login";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /**
   * Creates a {@code RateLimitRule}, checking its components and copying its collections.
   *
   * @param name the rule's name, unique per tenant: 1-64 of {@code a-z 0-9 . _ -}, not starting
   *     with {@code quota.} (decisions and violations name quotas so)
   * @param resource the resource it applies to, or null for every resource
   * @param scope what it counts by, not empty
   * @param algorithm how it counts
   * @param limit permits per window, 1 to {@value #MAX_LIMIT}
   * @param window the window, 1 ms to 31 days
   * @param burst the most permits at once (token bucket and GCRA), 1 to 1000 × limit; the other
   *     algorithms take {@code limit}
   * @param onUnavailable what the rule decides while a shared counter backend is down
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public RateLimitRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(onUnavailable, "onUnavailable");
    scope = scope.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scope));
    Validation v = Validation.of();
    v.check(NAME.matcher(name).matches(), "rule.name", "must be 1-64 of a-z 0-9 . _ - ");
    v.check(
        !name.startsWith(RateLimitDecision.QUOTA_PREFIX),
        "rule.name",
        "must not start with " + RateLimitDecision.QUOTA_PREFIX + " (it names quotas)");
    v.optionalText("rule.resource", resource, 128);
    v.check(!scope.isEmpty(), "rule.scope", "must name at least one scope");
    long maxLimit = algorithm == RateLimitAlgorithm.SLIDING_WINDOW_LOG ? MAX_LOG_LIMIT : MAX_LIMIT;
    v.range("rule.limit", limit, 1, maxLimit);
    boolean windowOk = window.toMillis() >= 1 && window.compareTo(MAX_WINDOW) <= 0;
    v.check(windowOk, "rule.window", "must be between 1 ms and 31 days");
    if (windowOk && limit >= 1) {
      v.check(
          window.toNanos() / 1000 >= limit,
          "rule.window",
          "must be at least 1 microsecond per permit");
    }
    v.check(
        burst >= 1 && burst <= Math.max(1, limit) * 1000,
        "rule.burst",
        "must be between 1 and 1000 × limit");
    v.throwIfInvalid();
  }

  /**
   * A sliding-window-counter rule with burst = limit, failing open while its backend is down.
   *
   * @param name the rule's name
   * @param resource the resource it limits, or null for every resource
   * @param limit the permits per window
   * @param window the window's length
   * @param first the first scope part
   * @param more further scope parts
   * @return the rule
   */
  public static RateLimitRule of(
      String name,
      @Nullable String resource,
      long limit,
      Duration window,
      RateLimitScope first,
      RateLimitScope... more) {
    return new RateLimitRule(
        name,
        resource,
        EnumSet.of(first, more),
        RateLimitAlgorithm.SLIDING_WINDOW_COUNTER,
        limit,
        window,
        limit,
        UnavailablePolicy.FAIL_OPEN);
  }

  /**
   * This rule counted by {@code algorithm}.
   *
   * @param algorithm the algorithm
   * @return a copy
   */
  public RateLimitRule withAlgorithm(RateLimitAlgorithm algorithm) {
    return new RateLimitRule(name, resource, scope, algorithm, limit, window, burst, onUnavailable);
  }

  /**
   * This rule with {@code burst} permits at once.
   *
   * @param burst the permits allowed at once
   * @return a copy
   */
  public RateLimitRule withBurst(long burst) {
    return new RateLimitRule(name, resource, scope, algorithm, limit, window, burst, onUnavailable);
  }

  /**
   * This rule at another limit (burst follows when it equalled the limit).
   *
   * @param limit the permits per window
   * @return a copy
   */
  public RateLimitRule withLimit(long limit) {
    long newBurst = burst == this.limit ? limit : burst;
    return new RateLimitRule(
        name, resource, scope, algorithm, limit, window, newBurst, onUnavailable);
  }

  /**
   * This rule with another policy for an unavailable backend.
   *
   * @param policy the policy
   * @return a copy
   */
  public RateLimitRule withOnUnavailable(UnavailablePolicy policy) {
    return new RateLimitRule(name, resource, scope, algorithm, limit, window, burst, policy);
  }

  /**
   * Whether the rule applies to requests for {@code requested}.
   *
   * @param requested the requested resource
   * @return true if the rule names no resource or this one
   */
  public boolean appliesTo(String requested) {
    return resource == null || resource.equals(requested);
  }

  /**
   * The window in microseconds, the unit every counter backend computes in.
   *
   * @return the window, in microseconds
   */
  public long windowMicros() {
    return window.toNanos() / 1000;
  }
}
