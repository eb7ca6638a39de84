package com.techradium.iris.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The limiter's answer, a value: whether the request may proceed and what to tell the client. When
 * several limits applied (rules, and quotas tied to the request's resource), the decision reports
 * the one that denied the request or, when all admitted it, the one with the fewest permits left. A
 * quota is reported under the name {@code quota.<name>} ({@link #quota()}), with its limit per
 * period, the period's length as the window, and the period's end as the reset time.
 *
 * <pre>{@code
 * RateLimitDecision decision = limiter.check(request);
 * decision.headers().forEach(response::setHeader);
 * if (!decision.allowed()) { response.setStatus(429); return; }
 * }</pre>
 *
 * @param allowed whether the request may proceed (its permits were taken unless this was a peek)
 * @param rule the rule reported ({@code quota.<name>} for a quota), or null when no limit applied
 * @param limit that rule's limit per window (0 when no rule applied)
 * @param window that rule's window ({@link Duration#ZERO} when no rule applied)
 * @param remaining permits left under that rule after this request
 * @param resetAt when that rule's allowance is whole again
 * @param retryAfter when denied, how long until the request could succeed; zero when allowed
 */
public record RateLimitDecision(
    boolean allowed,
    @Nullable String rule,
    long limit,
    Duration window,
    long remaining,
    Instant resetAt,
    Duration retryAfter) {
  /**
   * The prefix of {@link #rule()} when the limit reported is a quota; no rule's name starts with
   * it.
   */
  public static final String QUOTA_PREFIX = "quota.";

  /**
   * Creates a {@code RateLimitDecision}, checking its components.
   *
   * @param allowed whether the request may proceed (its permits were taken unless this was a peek)
   * @param rule the rule reported ({@code quota.<name>} for a quota), or null when no limit applied
   * @param limit that rule's limit per window (0 when no rule applied)
   * @param window that rule's window ({@link Duration#ZERO} when no rule applied)
   * @param remaining permits left under that rule after this request
   * @param resetAt when that rule's allowance is whole again
   * @param retryAfter when denied, how long until the request could succeed; zero when allowed
   */
  public RateLimitDecision {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(resetAt, "resetAt");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * The decision when no rule applies (or the caller is exempt): allowed, no headers.
   *
   * @param now the facade's current time
   * @return the decision
   */
  public static RateLimitDecision unlimited(Instant now) {
    return new RateLimitDecision(true, null, 0, Duration.ZERO, Long.MAX_VALUE, now, Duration.ZERO);
  }

  /**
   * The name of the quota reported, or null when the decision reports a rule or nothing.
   *
   * @return the quota's name, or null
   */
  public @Nullable String quota() {
    return rule != null && rule.startsWith(QUOTA_PREFIX)
        ? rule.substring(QUOTA_PREFIX.length())
        : null;
  }

  /**
   * The response header values of the IETF RateLimit fields draft ({@code RateLimit-Policy}, {@code
   * RateLimit}) plus {@code Retry-After} (seconds, rounded up) when denied; empty when no rule
   * applied. Computed against {@code resetAt} as of now; use {@link #headers(Instant)} to fix the
   * instant.
   *
   * @return the header values, by header name
   */
  public Map<String, String> headers() {
    return headers(Instant.now());
  }

  /**
   * {@link #headers()} as of {@code now}.
   *
   * @param now the time to compute against
   * @return the header values, by header name
   */
  public Map<String, String> headers(Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (rule == null) {
      return headers;
    }
    headers.put("RateLimit-Policy", "\"" + rule + "\";q=" + limit + ";w=" + seconds(window));
    long untilReset = Math.max(0, seconds(Duration.between(now, resetAt)));
    headers.put("RateLimit", "\"" + rule + "\";r=" + Math.max(0, remaining) + ";t=" + untilReset);
    if (!allowed) {
      headers.put("Retry-After", Long.toString(Math.max(1, seconds(retryAfter))));
    }
    return headers;
  }

  private static long seconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
