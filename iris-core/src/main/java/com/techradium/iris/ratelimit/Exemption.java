package com.techradium.iris.ratelimit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user, API key or address block exempt from some or all of a tenant's rules, until {@code
 * expiresAt} if set. IP values are kept in canonical CIDR form ({@code 203.0.113.7/32}).
 *
 * @param id the exemption's id
 * @param target what {@code value} names
 * @param value the user id, key id or CIDR block
 * @param rules the rules it exempts from; empty for all
 * @param expiresAt when it stops applying, or null for never
 * @param createdAt when it was added
 */
public record Exemption(
    UUID id,
    ExemptionTarget target,
    String value,
    Set<String> rules,
    @Nullable Instant expiresAt,
    Instant createdAt) {
  /**
   * Creates an {@code Exemption}, checking its components and copying its collections.
   *
   * @param id the exemption's id
   * @param target what {@code value} names
   * @param value the user id, key id or CIDR block
   * @param rules the rules it exempts from; empty for all
   * @param expiresAt when it stops applying, or null for never
   * @param createdAt when it was added
   */
  public Exemption {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(value, "value");
    rules = Set.copyOf(rules);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Whether it applies at {@code now}.
   *
   * @param now the time to check at
   * @return true if it has not expired at {@code now}
   */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /**
   * Whether it exempts from {@code rule}.
   *
   * @param rule a rule's name
   * @return true if the exemption covers every rule or names this one
   */
  public boolean covers(String rule) {
    return rules.isEmpty() || rules.contains(rule);
  }
}
