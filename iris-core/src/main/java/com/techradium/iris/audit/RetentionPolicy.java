package com.techradium.iris.audit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long events of each category are kept before {@link AuditLog#cleanup()} deletes them.
 * Categories without their own period use {@code defaultPeriod} (365 days by default).
 *
 * <pre>{@code
 * RetentionPolicy.defaults().withPeriod(AuditCategory.ADMIN, Duration.ofDays(6 * 365)) // HIPAA
 * }</pre>
 *
 * @param defaultPeriod how long events of a category without its own period are kept
 * @param periods the categories with their own period
 */
public record RetentionPolicy(Duration defaultPeriod, Map<AuditCategory, Duration> periods) {
  /** The default period: 365 days. */
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(365);

  /**
   * Creates a {@code RetentionPolicy}, checking its components and copying its collections.
   *
   * @param defaultPeriod how long events of a category without its own period are kept
   * @param periods the categories with their own period
   */
  public RetentionPolicy {
    requirePositive(defaultPeriod, "defaultPeriod");
    Objects.requireNonNull(periods, "periods");
    periods.forEach((category, period) -> requirePositive(period, "period of " + category));
    periods = Map.copyOf(periods);
  }

  /**
   * 365 days for every category.
   *
   * @return the default policy
   */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(DEFAULT_PERIOD, Map.of());
  }

  /**
   * The same period for every category.
   *
   * @param period how long every category is kept
   * @return the policy
   */
  public static RetentionPolicy keepFor(Duration period) {
    return new RetentionPolicy(period, Map.of());
  }

  /**
   * This policy with {@code category} kept for {@code period}.
   *
   * @param category the category
   * @param period how long its events are kept
   * @return a new policy; this one is unchanged
   */
  public RetentionPolicy withPeriod(AuditCategory category, Duration period) {
    Map<AuditCategory, Duration> copy = new EnumMap<>(AuditCategory.class);
    copy.putAll(periods);
    copy.put(Objects.requireNonNull(category, "category"), period);
    return new RetentionPolicy(defaultPeriod, copy);
  }

  /**
   * How long events of {@code category} are kept.
   *
   * @param category the category
   * @return its own period, else the default period
   */
  public Duration periodFor(AuditCategory category) {
    return periods.getOrDefault(category, defaultPeriod);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
