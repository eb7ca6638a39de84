package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.Exemption;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the rate limiter keeps what is not a hot counter: the deployment's default rules, each
 * tenant's custom rules, quota definitions and usage, exemptions and aggregated violations.
 * Thread-safe. Every method that takes a tenant reads and writes only that tenant's data; the
 * facade validates input and reads the clock, the store only keeps.
 */
public interface RateLimitStore {
  /**
   * The deployment's default rules, by name.
   *
   * @return the default rules, ordered by name
   */
  List<RateLimitRule> defaultRules();

  /**
   * Adds those of {@code rules} whose name is not a default rule yet; edited defaults stay.
   *
   * @param rules the rules to add where missing
   */
  void seedDefaultRules(List<RateLimitRule> rules);

  /**
   * Creates or replaces the default rule of that name.
   *
   * @param rule the rule
   */
  void saveDefaultRule(RateLimitRule rule);

  /**
   * The tenant's custom rules, by name.
   *
   * @param tenant the owning tenant
   * @return the custom rules, ordered by name
   */
  List<RateLimitRule> rules(TenantId tenant);

  /**
   * Creates or replaces the tenant's rule of that name.
   *
   * @param tenant the owning tenant
   * @param rule the rule
   */
  void saveRule(TenantId tenant, RateLimitRule rule);

  /**
   * Deletes the tenant's rule of that name; false if there was none.
   *
   * @param tenant the owning tenant
   * @param name the rule's name
   * @return true if the rule existed
   */
  boolean deleteRule(TenantId tenant, String name);

  /**
   * Creates or replaces the tenant's quota of that name.
   *
   * @param tenant the owning tenant
   * @param quota the quota
   */
  void saveQuota(TenantId tenant, QuotaDefinition quota);

  /**
   * The tenant's quotas, by name.
   *
   * @param tenant the owning tenant
   * @return the quotas, ordered by name
   */
  List<QuotaDefinition> quotas(TenantId tenant);

  /**
   * The tenant's quota of that name.
   *
   * @param tenant the owning tenant
   * @param name the quota's name
   * @return the quota, or empty if the tenant has none of that name
   */
  Optional<QuotaDefinition> quota(TenantId tenant, String name);

  /**
   * Adds {@code amount} to the usage of (quota, subject, period) unless the result would pass
   * {@code limit}. Atomic. The same as {@link #addUsage(TenantId, List)} with one charge.
   *
   * @param tenant the owning tenant
   * @param quota the quota's name
   * @param subject whose usage it is: the tenant, or an API key's public id for a per-key quota
   * @param periodStart the start of the period
   * @param amount the units to add
   * @param limit the most units the period may hold
   * @return whether it was added, and the usage after
   */
  default QuotaAdd addUsage(
      TenantId tenant, String quota, String subject, Instant periodStart, long amount, long limit) {
    return addUsage(tenant, List.of(new QuotaCharge(quota, subject, periodStart, amount, limit)))
        .get(0);
  }

  /**
   * Adds every charge to its period's usage, or none of them when any would pass its limit. One
   * atomic step: concurrent calls behave as if made one after another, and usage never passes a
   * limit. Charges name distinct periods.
   *
   * @param tenant the owning tenant
   * @param charges the charges, each on a distinct period
   * @return one result per charge, in order: all added with the usage after the call, or none added
   *     with the usage as it stands (the refused charges are those whose {@link
   *     QuotaCharge#exceeds} holds for it)
   */
  List<QuotaAdd> addUsage(TenantId tenant, List<QuotaCharge> charges);

  /**
   * Takes back charges {@link #addUsage(TenantId, List)} added (a request its rules then denied):
   * each period's usage goes down by the charge's amount, never below 0.
   *
   * @param tenant the owning tenant
   * @param charges the charges to take back
   */
  void releaseUsage(TenantId tenant, List<QuotaCharge> charges);

  /**
   * The usage of (quota, subject, period); 0 when nothing was used.
   *
   * @param tenant the owning tenant
   * @param quota the quota's name
   * @param subject whose usage it is
   * @param periodStart the start of the period
   * @return the units used
   */
  long usage(TenantId tenant, String quota, String subject, Instant periodStart);

  /**
   * Sets the usage of (quota, subject, period) back to 0.
   *
   * @param tenant the owning tenant
   * @param quota the quota's name
   * @param subject whose usage it is
   * @param periodStart the start of the period
   */
  void resetUsage(TenantId tenant, String quota, String subject, Instant periodStart);

  /**
   * Keeps a new exemption.
   *
   * @param tenant the owning tenant
   * @param exemption the exemption
   */
  void addExemption(TenantId tenant, Exemption exemption);

  /**
   * Removes the tenant's exemption; false if it had none with that id.
   *
   * @param tenant the owning tenant
   * @param id the exemption's id
   * @return true if the exemption existed
   */
  boolean removeExemption(TenantId tenant, UUID id);

  /**
   * The tenant's exemptions that have not expired at {@code now}, oldest first.
   *
   * @param tenant the owning tenant
   * @param now the facade's current time
   * @return the exemptions in force, oldest first
   */
  List<Exemption> exemptions(TenantId tenant, Instant now);

  /**
   * Adds aggregated denials: for each (rule, scope key, period) the count is added to the kept one
   * and the first and last times widened; a new one is kept as given.
   *
   * @param tenant the owning tenant
   * @param violations the aggregated denials
   */
  void recordViolations(TenantId tenant, List<Violation> violations);

  /**
   * The tenant's violations whose last denial is at or after {@code since}, latest first.
   *
   * @param tenant the owning tenant
   * @param since the earliest last-denial time included
   * @param limit the most violations returned
   * @return the violations, latest first
   */
  List<Violation> violations(TenantId tenant, Instant since, int limit);

  /**
   * Deployment-wide cleanup: deletes violations last seen before {@code cutoff}, exemptions expired
   * before {@code now} and quota usage of periods that began before {@code cutoff}.
   *
   * @param cutoff violations and quota periods before this time are deleted
   * @param now the facade's current time; exemptions expired before it are deleted
   * @return how many entries were deleted
   */
  int deleteExpired(Instant cutoff, Instant now);
}
