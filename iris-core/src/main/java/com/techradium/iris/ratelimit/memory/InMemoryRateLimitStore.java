package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.Exemption;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.Violation;
import com.techradium.iris.ratelimit.spi.QuotaAdd;
import com.techradium.iris.ratelimit.spi.QuotaCharge;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules, quotas, exemptions and violations in memory. Each tenant's data sits in its own
 * compartment guarded by that compartment's monitor. Thread-safe; nothing survives the JVM.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
  private record UsageKey(String quota, String subject, Instant periodStart) {}

  private record ViolationKey(String rule, String scopeKey, Instant periodStart) {}

  private static final class Tenant {
    final Map<String, RateLimitRule> rules = new LinkedHashMap<>();
    final Map<String, QuotaDefinition> quotas = new LinkedHashMap<>();
    final Map<UsageKey, Long> usage = new LinkedHashMap<>();
    final Map<UUID, Exemption> exemptions = new LinkedHashMap<>();
    final Map<ViolationKey, Violation> violations = new LinkedHashMap<>();
  }

  private final Map<String, RateLimitRule> defaults = new LinkedHashMap<>();
  private final ConcurrentHashMap<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryRateLimitStore() {}

  private Tenant of(TenantId tenant) {
    return tenants.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new Tenant());
  }

  @Override
  public synchronized List<RateLimitRule> defaultRules() {
    return sorted(defaults.values());
  }

  @Override
  public synchronized void seedDefaultRules(List<RateLimitRule> rules) {
    for (RateLimitRule rule : rules) {
      defaults.putIfAbsent(rule.name(), rule);
    }
  }

  @Override
  public synchronized void saveDefaultRule(RateLimitRule rule) {
    defaults.put(rule.name(), rule);
  }

  @Override
  public List<RateLimitRule> rules(TenantId tenant) {
    Tenant t = of(tenant);
    synchronized (t) {
      return sorted(t.rules.values());
    }
  }

  @Override
  public void saveRule(TenantId tenant, RateLimitRule rule) {
    Tenant t = of(tenant);
    synchronized (t) {
      t.rules.put(rule.name(), Objects.requireNonNull(rule, "rule"));
    }
  }

  @Override
  public boolean deleteRule(TenantId tenant, String name) {
    Tenant t = of(tenant);
    synchronized (t) {
      return t.rules.remove(name) != null;
    }
  }

  @Override
  public void saveQuota(TenantId tenant, QuotaDefinition quota) {
    Tenant t = of(tenant);
    synchronized (t) {
      t.quotas.put(quota.name(), quota);
    }
  }

  @Override
  public List<QuotaDefinition> quotas(TenantId tenant) {
    Tenant t = of(tenant);
    synchronized (t) {
      List<QuotaDefinition> list = new ArrayList<>(t.quotas.values());
      list.sort(Comparator.comparing(QuotaDefinition::name));
      return list;
    }
  }

  @Override
  public Optional<QuotaDefinition> quota(TenantId tenant, String name) {
    Tenant t = of(tenant);
    synchronized (t) {
      return Optional.ofNullable(t.quotas.get(name));
    }
  }

  @Override
  public List<QuotaAdd> addUsage(TenantId tenant, List<QuotaCharge> charges) {
    Tenant t = of(tenant);
    synchronized (t) {
      List<QuotaAdd> refused = new ArrayList<>(charges.size());
      boolean fits = true;
      for (QuotaCharge charge : charges) {
        long used = t.usage.getOrDefault(key(charge), 0L);
        fits &= !charge.exceeds(used);
        refused.add(new QuotaAdd(false, used));
      }
      if (!fits) {
        return refused;
      }
      List<QuotaAdd> added = new ArrayList<>(charges.size());
      for (QuotaCharge charge : charges) {
        added.add(new QuotaAdd(true, t.usage.merge(key(charge), charge.amount(), Long::sum)));
      }
      return added;
    }
  }

  @Override
  public void releaseUsage(TenantId tenant, List<QuotaCharge> charges) {
    Tenant t = of(tenant);
    synchronized (t) {
      for (QuotaCharge charge : charges) {
        t.usage.computeIfPresent(key(charge), (k, used) -> Math.max(0, used - charge.amount()));
      }
    }
  }

  private static UsageKey key(QuotaCharge charge) {
    return new UsageKey(charge.quota(), charge.subject(), charge.periodStart());
  }

  @Override
  public long usage(TenantId tenant, String quota, String subject, Instant periodStart) {
    Tenant t = of(tenant);
    synchronized (t) {
      return t.usage.getOrDefault(new UsageKey(quota, subject, periodStart), 0L);
    }
  }

  @Override
  public void resetUsage(TenantId tenant, String quota, String subject, Instant periodStart) {
    Tenant t = of(tenant);
    synchronized (t) {
      t.usage.remove(new UsageKey(quota, subject, periodStart));
    }
  }

  @Override
  public void addExemption(TenantId tenant, Exemption exemption) {
    Tenant t = of(tenant);
    synchronized (t) {
      t.exemptions.put(exemption.id(), exemption);
    }
  }

  @Override
  public boolean removeExemption(TenantId tenant, UUID id) {
    Tenant t = of(tenant);
    synchronized (t) {
      return t.exemptions.remove(id) != null;
    }
  }

  @Override
  public List<Exemption> exemptions(TenantId tenant, Instant now) {
    Tenant t = of(tenant);
    synchronized (t) {
      return t.exemptions.values().stream()
          .filter(e -> e.activeAt(now))
          .sorted(Comparator.comparing(Exemption::createdAt).thenComparing(Exemption::id))
          .toList();
    }
  }

  @Override
  public void recordViolations(TenantId tenant, List<Violation> violations) {
    Tenant t = of(tenant);
    synchronized (t) {
      for (Violation v : violations) {
        t.violations.merge(
            new ViolationKey(v.rule(), v.scopeKey(), v.periodStart()),
            v,
            (old, add) ->
                new Violation(
                    old.rule(),
                    old.scopeKey(),
                    old.periodStart(),
                    old.count() + add.count(),
                    min(old.firstAt(), add.firstAt()),
                    max(old.lastAt(), add.lastAt())));
      }
    }
  }

  @Override
  public List<Violation> violations(TenantId tenant, Instant since, int limit) {
    Tenant t = of(tenant);
    synchronized (t) {
      return t.violations.values().stream()
          .filter(v -> !v.lastAt().isBefore(since))
          .sorted(
              Comparator.comparing(Violation::lastAt)
                  .reversed()
                  .thenComparing(Violation::rule)
                  .thenComparing(Violation::scopeKey))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public int deleteExpired(Instant cutoff, Instant now) {
    int deleted = 0;
    for (Tenant t : tenants.values()) {
      synchronized (t) {
        int before = t.violations.size() + t.exemptions.size() + t.usage.size();
        t.violations.values().removeIf(v -> v.lastAt().isBefore(cutoff));
        t.exemptions.values().removeIf(e -> !e.activeAt(now));
        t.usage.keySet().removeIf(k -> k.periodStart().isBefore(cutoff));
        deleted += before - (t.violations.size() + t.exemptions.size() + t.usage.size());
      }
    }
    return deleted;
  }

  private static List<RateLimitRule> sorted(java.util.Collection<RateLimitRule> rules) {
    List<RateLimitRule> list = new ArrayList<>(rules);
    list.sort(Comparator.comparing(RateLimitRule::name));
    return list;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
