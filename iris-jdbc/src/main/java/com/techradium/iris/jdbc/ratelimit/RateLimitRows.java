package com.techradium.iris.jdbc.ratelimit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_EXEMPTIONS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_QUOTAS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_RULES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_VIOLATIONS;

import com.techradium.iris.ratelimit.Exemption;
import com.techradium.iris.ratelimit.ExemptionTarget;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.QuotaPeriod;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.UnavailablePolicy;
import com.techradium.iris.ratelimit.Violation;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Record;

/** Rows of the rate-limit tables to values and back. */
final class RateLimitRows {
  private RateLimitRows() {}

  static String scope(Set<RateLimitScope> scope) {
    return EnumSet.copyOf(scope).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  static RateLimitRule rule(Record r) {
    EnumSet<RateLimitScope> scope = EnumSet.noneOf(RateLimitScope.class);
    for (String part : r.get(IRIS_RATE_LIMIT_RULES.SCOPE).split(",")) {
      scope.add(RateLimitScope.valueOf(part));
    }
    return new RateLimitRule(
        r.get(IRIS_RATE_LIMIT_RULES.NAME),
        r.get(IRIS_RATE_LIMIT_RULES.RESOURCE),
        scope,
        RateLimitAlgorithm.valueOf(r.get(IRIS_RATE_LIMIT_RULES.ALGORITHM)),
        r.get(IRIS_RATE_LIMIT_RULES.LIMIT_COUNT),
        Duration.ofNanos(r.get(IRIS_RATE_LIMIT_RULES.WINDOW_MICROS) * 1000),
        r.get(IRIS_RATE_LIMIT_RULES.BURST),
        UnavailablePolicy.valueOf(r.get(IRIS_RATE_LIMIT_RULES.ON_UNAVAILABLE)));
  }

  static QuotaDefinition quota(Record r) {
    return new QuotaDefinition(
        r.get(IRIS_RATE_LIMIT_QUOTAS.NAME),
        QuotaPeriod.valueOf(r.get(IRIS_RATE_LIMIT_QUOTAS.PERIOD)),
        r.get(IRIS_RATE_LIMIT_QUOTAS.LIMIT_COUNT),
        ZoneId.of(r.get(IRIS_RATE_LIMIT_QUOTAS.ZONE)),
        r.get(IRIS_RATE_LIMIT_QUOTAS.BILLING_DAY),
        r.get(IRIS_RATE_LIMIT_QUOTAS.PER_API_KEY),
        r.get(IRIS_RATE_LIMIT_QUOTAS.RESOURCE));
  }

  static String rules(Set<String> rules) {
    return String.join(",", new TreeSet<>(rules));
  }

  static Exemption exemption(Record r) {
    String rules = r.get(IRIS_RATE_LIMIT_EXEMPTIONS.RULES);
    return new Exemption(
        r.get(IRIS_RATE_LIMIT_EXEMPTIONS.ID),
        ExemptionTarget.valueOf(r.get(IRIS_RATE_LIMIT_EXEMPTIONS.TARGET)),
        r.get(IRIS_RATE_LIMIT_EXEMPTIONS.VALUE),
        rules.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(rules.split(","))),
        r.get(IRIS_RATE_LIMIT_EXEMPTIONS.EXPIRES_AT),
        r.get(IRIS_RATE_LIMIT_EXEMPTIONS.CREATED_AT));
  }

  static Violation violation(Record r) {
    return new Violation(
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.RULE),
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.SCOPE_KEY),
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.PERIOD_START),
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.DENIALS),
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.FIRST_AT),
        r.get(IRIS_RATE_LIMIT_VIOLATIONS.LAST_AT));
  }
}
