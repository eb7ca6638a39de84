package com.techradium.iris.ratelimit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.spi.QuotaAdd;
import com.techradium.iris.ratelimit.spi.QuotaCharge;
import com.techradium.iris.ratelimit.spi.QuotaWindows;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The quotas one request takes from, each definition beside its charge (same order): the tenant's
 * quotas tied to the request's resource, and its per-key quotas tied to it when the request carries
 * an API key. Immutable.
 */
record QuotaCharges(List<QuotaDefinition> definitions, List<QuotaCharge> charges) {
  static final QuotaCharges NONE = new QuotaCharges(List.of(), List.of());

  /** The charges of {@code request} on {@code tied} (the quotas of its resource) at {@code now}. */
  static QuotaCharges of(RateLimitRequest request, List<QuotaDefinition> tied, Instant now) {
    List<QuotaDefinition> definitions = new ArrayList<>(tied.size());
    List<QuotaCharge> charges = new ArrayList<>(tied.size());
    for (QuotaDefinition quota : tied) {
      if (quota.perApiKey() && request.apiKey() == null) {
        continue;
      }
      definitions.add(quota);
      charges.add(
          new QuotaCharge(
              quota.name(),
              RateLimitQuotas.subject(quota.perApiKey() ? request.apiKey() : null),
              QuotaWindows.periodStart(quota, now),
              request.cost(),
              quota.limit()));
    }
    return definitions.isEmpty() ? NONE : new QuotaCharges(definitions, charges);
  }

  boolean isEmpty() {
    return charges.isEmpty();
  }

  /**
   * What {@link RateLimitStore#addUsage(TenantId, List)} would answer now, read without writing:
   * one read per quota.
   */
  List<QuotaAdd> peek(RateLimitStore store, TenantId tenant) {
    long[] used = new long[charges.size()];
    boolean fits = true;
    for (int i = 0; i < used.length; i++) {
      QuotaCharge charge = charges.get(i);
      used[i] = store.usage(tenant, charge.quota(), charge.subject(), charge.periodStart());
      fits &= !charge.exceeds(used[i]);
    }
    List<QuotaAdd> answers = new ArrayList<>(used.length);
    for (int i = 0; i < used.length; i++) {
      answers.add(
          fits
              ? new QuotaAdd(true, used[i] + charges.get(i).amount())
              : new QuotaAdd(false, used[i]));
    }
    return answers;
  }

  /** The first refused charge of {@code answers}, or -1 when they were added. */
  int refused(List<QuotaAdd> answers) {
    for (int i = 0; i < answers.size(); i++) {
      if (!answers.get(i).added() && charges.get(i).exceeds(answers.get(i).used())) {
        return i;
      }
    }
    return -1;
  }

  /** The added charge with the fewest units left, or -1 when there is none. */
  int tightest(List<QuotaAdd> answers) {
    int best = -1;
    for (int i = 0; i < answers.size(); i++) {
      if (best < 0 || left(i, answers.get(i)) < left(best, answers.get(best))) {
        best = i;
      }
    }
    return best;
  }

  /** Units left under charge {@code i} after {@code answer}. */
  long left(int i, QuotaAdd answer) {
    return Math.max(0, charges.get(i).limit() - answer.used());
  }

  /** The decision reporting quota {@code i} after {@code answer}. */
  RateLimitDecision decision(int i, QuotaAdd answer, boolean allowed, Instant now) {
    QuotaDefinition quota = definitions.get(i);
    Instant start = QuotaWindows.periodStart(quota, now);
    Instant end = QuotaWindows.periodEnd(quota, now);
    return new RateLimitDecision(
        allowed,
        RateLimitDecision.QUOTA_PREFIX + quota.name(),
        quota.limit(),
        Duration.between(start, end),
        left(i, answer),
        end,
        allowed ? Duration.ZERO : Duration.between(now, end));
  }
}
