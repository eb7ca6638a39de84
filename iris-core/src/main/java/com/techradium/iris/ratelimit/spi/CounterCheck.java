package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.ratelimit.RateLimitRule;
import java.util.Objects;

/**
 * One rule to decide for one request: the rule, the counter key within the tenant (made by {@link
 * RateLimitKeys}, safe to embed in any backend's key) and the permits asked for.
 *
 * @param key the counter's key within the tenant, e.g. {@code api:tenant}
 * @param rule the rule
 * @param cost permits asked for, at least 1
 */
public record CounterCheck(String key, RateLimitRule rule, int cost) {
  /**
   * Creates a {@code CounterCheck}, checking its components.
   *
   * @param key the counter's key within the tenant, e.g. {@code api:tenant}
   * @param rule the rule
   * @param cost permits asked for, at least 1
   * @throws IllegalArgumentException if a component is out of range
   */
  public CounterCheck {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rule, "rule");
    if (cost < 1) {
      throw new IllegalArgumentException("cost must be at least 1, got " + cost);
    }
  }
}
