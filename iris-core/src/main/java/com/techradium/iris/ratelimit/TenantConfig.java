package com.techradium.iris.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's effective rules (defaults overridden by name by its custom rules) indexed by resource,
 * its quotas tied to a resource, and its active exemptions, as loaded at {@code loadedAt}
 * (microseconds). Immutable.
 */
final class TenantConfig {
  private final List<RateLimitRule> rules;
  private final Map<String, List<RateLimitRule>> byResource = new HashMap<>();
  private final List<RateLimitRule> anyResource = new ArrayList<>();
  private final Map<String, List<QuotaDefinition>> quotasByResource = new HashMap<>();
  final ExemptionIndex exemptions;
  final long loadedAt;

  TenantConfig(
      List<RateLimitRule> defaults,
      List<RateLimitRule> custom,
      List<QuotaDefinition> quotas,
      ExemptionIndex exemptions,
      long loadedAt) {
    Map<String, RateLimitRule> merged = new LinkedHashMap<>();
    defaults.forEach(r -> merged.put(r.name(), r));
    custom.forEach(r -> merged.put(r.name(), r));
    this.rules = List.copyOf(merged.values());
    for (RateLimitRule rule : rules) {
      if (rule.resource() == null) {
        anyResource.add(rule);
      } else {
        byResource.computeIfAbsent(rule.resource(), k -> new ArrayList<>()).add(rule);
      }
    }
    for (QuotaDefinition quota : quotas) {
      if (quota.resource() != null) {
        quotasByResource.computeIfAbsent(quota.resource(), k -> new ArrayList<>()).add(quota);
      }
    }
    this.exemptions = exemptions;
    this.loadedAt = loadedAt;
  }

  /** The quotas {@code resource}'s checks take from. */
  List<QuotaDefinition> quotasFor(String resource) {
    return quotasByResource.isEmpty()
        ? List.of()
        : quotasByResource.getOrDefault(resource, List.of());
  }

  List<RateLimitRule> rules() {
    return rules;
  }

  /** The rules for {@code resource}: those naming it, then those for every resource. */
  List<RateLimitRule> forResource(String resource) {
    List<RateLimitRule> named = byResource.getOrDefault(resource, List.of());
    if (anyResource.isEmpty()) {
      return named;
    }
    List<RateLimitRule> all = new ArrayList<>(named);
    all.addAll(anyResource);
    return all;
  }

  boolean hasRule(String name) {
    for (RateLimitRule rule : rules) {
      if (rule.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
