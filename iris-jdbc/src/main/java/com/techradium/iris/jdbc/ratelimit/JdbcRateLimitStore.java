package com.techradium.iris.jdbc.ratelimit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_EXEMPTIONS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_QUOTAS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_RULES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_USAGE;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RATE_LIMIT_VIOLATIONS;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcContext;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@link RateLimitStore} on PostgreSQL (migration {@code V5__rate_limits.sql}). Every table
 * leads its key with {@code tenant_id}; the deployment's default rules sit under {@code '*'}, which
 * no tenant id can be. Quota usage is one row per (quota, subject, period), so a period starts over
 * by itself; adding usage is one conditional upsert per quota ({@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE used + amount <= limit}), atomic across nodes; several quotas at once are
 * upserted in one transaction in a fixed order and rolled back together when one is refused.
 * Violations are upserted per (rule, scope key, hour), adding counts. All work goes through {@code
 * JdbcContext}, so it joins the host's {@code JdbcTransaction}. Thread-safe; it never closes the
 * data source. Run {@link com.techradium.iris.jdbc.JdbcIris#migrate} first.
 */
public final class JdbcRateLimitStore implements RateLimitStore {
  private static final String DEFAULTS = "*";
  private static final Comparator<QuotaCharge> CHARGE_ORDER =
      Comparator.comparing(QuotaCharge::quota)
          .thenComparing(QuotaCharge::subject)
          .thenComparing(QuotaCharge::periodStart);

  private final JdbcContext db;

  private JdbcRateLimitStore(JdbcContext db) {
    this.db = db;
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcRateLimitStore of(DataSource dataSource) {
    return new JdbcRateLimitStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public List<RateLimitRule> defaultRules() {
    return rulesOf(DEFAULTS);
  }

  @Override
  public void seedDefaultRules(List<RateLimitRule> rules) {
    // Deployment configuration: committed on its own, never inside a host's transaction.
    db.detached()
        .inTransactionRun(
            "seed default rate-limit rules",
            dsl -> {
              for (RateLimitRule rule : rules) {
                insertRule(dsl, DEFAULTS, rule).onConflictDoNothing().execute();
              }
            });
  }

  @Override
  public void saveDefaultRule(RateLimitRule rule) {
    upsertRule(db.detached(), DEFAULTS, rule);
  }

  @Override
  public List<RateLimitRule> rules(TenantId tenant) {
    return rulesOf(tenant.value());
  }

  @Override
  public void saveRule(TenantId tenant, RateLimitRule rule) {
    upsertRule(db, tenant.value(), rule);
  }

  @Override
  public boolean deleteRule(TenantId tenant, String name) {
    return db.call(
            "delete a rate-limit rule",
            dsl ->
                dsl.deleteFrom(IRIS_RATE_LIMIT_RULES)
                    .where(IRIS_RATE_LIMIT_RULES.TENANT_ID.eq(tenant.value()))
                    .and(IRIS_RATE_LIMIT_RULES.NAME.eq(name))
                    .execute())
        > 0;
  }

  private List<RateLimitRule> rulesOf(String tenant) {
    return db.call(
        "read rate-limit rules",
        dsl ->
            dsl.selectFrom(IRIS_RATE_LIMIT_RULES)
                .where(IRIS_RATE_LIMIT_RULES.TENANT_ID.eq(tenant))
                .orderBy(IRIS_RATE_LIMIT_RULES.NAME)
                .fetch(RateLimitRows::rule));
  }

  private static org.jooq.InsertOnDuplicateStep<?> insertRule(
      DSLContext dsl, String tenant, RateLimitRule rule) {
    return dsl.insertInto(IRIS_RATE_LIMIT_RULES)
        .set(IRIS_RATE_LIMIT_RULES.TENANT_ID, tenant)
        .set(IRIS_RATE_LIMIT_RULES.NAME, rule.name())
        .set(IRIS_RATE_LIMIT_RULES.RESOURCE, rule.resource())
        .set(IRIS_RATE_LIMIT_RULES.SCOPE, RateLimitRows.scope(rule.scope()))
        .set(IRIS_RATE_LIMIT_RULES.ALGORITHM, rule.algorithm().name())
        .set(IRIS_RATE_LIMIT_RULES.LIMIT_COUNT, rule.limit())
        .set(IRIS_RATE_LIMIT_RULES.WINDOW_MICROS, rule.windowMicros())
        .set(IRIS_RATE_LIMIT_RULES.BURST, rule.burst())
        .set(IRIS_RATE_LIMIT_RULES.ON_UNAVAILABLE, rule.onUnavailable().name());
  }

  private static void upsertRule(JdbcContext db, String tenant, RateLimitRule rule) {
    db.run(
        "save a rate-limit rule",
        dsl ->
            insertRule(dsl, tenant, rule)
                .onConflict(IRIS_RATE_LIMIT_RULES.TENANT_ID, IRIS_RATE_LIMIT_RULES.NAME)
                .doUpdate()
                .set(IRIS_RATE_LIMIT_RULES.RESOURCE, rule.resource())
                .set(IRIS_RATE_LIMIT_RULES.SCOPE, RateLimitRows.scope(rule.scope()))
                .set(IRIS_RATE_LIMIT_RULES.ALGORITHM, rule.algorithm().name())
                .set(IRIS_RATE_LIMIT_RULES.LIMIT_COUNT, rule.limit())
                .set(IRIS_RATE_LIMIT_RULES.WINDOW_MICROS, rule.windowMicros())
                .set(IRIS_RATE_LIMIT_RULES.BURST, rule.burst())
                .set(IRIS_RATE_LIMIT_RULES.ON_UNAVAILABLE, rule.onUnavailable().name())
                .execute());
  }

  @Override
  public void saveQuota(TenantId tenant, QuotaDefinition quota) {
    db.run(
        "save a quota",
        dsl ->
            dsl.insertInto(IRIS_RATE_LIMIT_QUOTAS)
                .set(IRIS_RATE_LIMIT_QUOTAS.TENANT_ID, tenant.value())
                .set(IRIS_RATE_LIMIT_QUOTAS.NAME, quota.name())
                .set(IRIS_RATE_LIMIT_QUOTAS.PERIOD, quota.period().name())
                .set(IRIS_RATE_LIMIT_QUOTAS.LIMIT_COUNT, quota.limit())
                .set(IRIS_RATE_LIMIT_QUOTAS.ZONE, quota.zone().getId())
                .set(IRIS_RATE_LIMIT_QUOTAS.BILLING_DAY, quota.billingDay())
                .set(IRIS_RATE_LIMIT_QUOTAS.PER_API_KEY, quota.perApiKey())
                .set(IRIS_RATE_LIMIT_QUOTAS.RESOURCE, quota.resource())
                .onConflict(IRIS_RATE_LIMIT_QUOTAS.TENANT_ID, IRIS_RATE_LIMIT_QUOTAS.NAME)
                .doUpdate()
                .set(IRIS_RATE_LIMIT_QUOTAS.PERIOD, quota.period().name())
                .set(IRIS_RATE_LIMIT_QUOTAS.LIMIT_COUNT, quota.limit())
                .set(IRIS_RATE_LIMIT_QUOTAS.ZONE, quota.zone().getId())
                .set(IRIS_RATE_LIMIT_QUOTAS.BILLING_DAY, quota.billingDay())
                .set(IRIS_RATE_LIMIT_QUOTAS.PER_API_KEY, quota.perApiKey())
                .set(IRIS_RATE_LIMIT_QUOTAS.RESOURCE, quota.resource())
                .execute());
  }

  @Override
  public List<QuotaDefinition> quotas(TenantId tenant) {
    return db.call(
        "read quotas",
        dsl ->
            dsl.selectFrom(IRIS_RATE_LIMIT_QUOTAS)
                .where(IRIS_RATE_LIMIT_QUOTAS.TENANT_ID.eq(tenant.value()))
                .orderBy(IRIS_RATE_LIMIT_QUOTAS.NAME)
                .fetch(RateLimitRows::quota));
  }

  @Override
  public Optional<QuotaDefinition> quota(TenantId tenant, String name) {
    return db.call(
        "read a quota",
        dsl ->
            dsl.selectFrom(IRIS_RATE_LIMIT_QUOTAS)
                .where(IRIS_RATE_LIMIT_QUOTAS.TENANT_ID.eq(tenant.value()))
                .and(IRIS_RATE_LIMIT_QUOTAS.NAME.eq(name))
                .fetchOptional(RateLimitRows::quota));
  }

  @Override
  public List<QuotaAdd> addUsage(TenantId tenant, List<QuotaCharge> charges) {
    if (charges.size() == 1) {
      QuotaCharge charge = charges.get(0);
      QuotaAdd answer =
          db.call(
              "add quota usage",
              dsl ->
                  add(dsl, tenant, charge)
                      .map(used -> new QuotaAdd(true, used))
                      .orElseGet(() -> new QuotaAdd(false, usage(dsl, tenant, charge))));
      return List.of(answer);
    }
    List<QuotaCharge> ordered = new ArrayList<>(charges);
    // One lock order for every transaction, so that two requests sharing quotas cannot deadlock.
    ordered.sort(CHARGE_ORDER);
    try {
      Map<QuotaCharge, Long> added =
          db.inTransaction(
              "add quota usage",
              dsl -> {
                Map<QuotaCharge, Long> used = new IdentityHashMap<>();
                for (QuotaCharge charge : ordered) {
                  // A refusal rolls back the charges added before it.
                  used.put(charge, add(dsl, tenant, charge).orElseThrow(Refused::new));
                }
                return used;
              });
      return charges.stream().map(c -> new QuotaAdd(true, added.get(c))).toList();
    } catch (Refused refused) {
      return db.call(
          "read quota usage",
          dsl -> charges.stream().map(c -> new QuotaAdd(false, usage(dsl, tenant, c))).toList());
    }
  }

  /** The conditional upsert of one charge: the usage after it, or empty when it was refused. */
  private static Optional<Long> add(DSLContext dsl, TenantId tenant, QuotaCharge charge) {
    var u = IRIS_RATE_LIMIT_USAGE;
    return dsl.insertInto(u, u.TENANT_ID, u.QUOTA, u.SUBJECT, u.PERIOD_START, u.USED)
        .select(
            DSL.select(
                    DSL.val(tenant.value()),
                    DSL.val(charge.quota()),
                    DSL.val(charge.subject()),
                    DSL.val(charge.periodStart()),
                    DSL.val(charge.amount()))
                .where(DSL.val(charge.amount()).le(charge.limit())))
        .onConflict(u.TENANT_ID, u.QUOTA, u.SUBJECT, u.PERIOD_START)
        .doUpdate()
        .set(u.USED, u.USED.plus(charge.amount()))
        .where(u.USED.plus(charge.amount()).le(charge.limit()))
        .returning(u.USED)
        .fetchOptional(u.USED);
  }

  /** Signals a refused charge inside the transaction, rolling it back. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("a quota charge would pass its limit", null, false, false);
    }
  }

  @Override
  public void releaseUsage(TenantId tenant, List<QuotaCharge> charges) {
    var u = IRIS_RATE_LIMIT_USAGE;
    List<QuotaCharge> ordered = new ArrayList<>(charges);
    ordered.sort(CHARGE_ORDER);
    db.inTransactionRun(
        "release quota usage",
        dsl -> {
          for (QuotaCharge charge : ordered) {
            dsl.update(u)
                .set(u.USED, DSL.greatest(u.USED.minus(charge.amount()), DSL.inline(0L)))
                .where(u.TENANT_ID.eq(tenant.value()))
                .and(u.QUOTA.eq(charge.quota()))
                .and(u.SUBJECT.eq(charge.subject()))
                .and(u.PERIOD_START.eq(charge.periodStart()))
                .execute();
          }
        });
  }

  private static long usage(DSLContext dsl, TenantId tenant, QuotaCharge charge) {
    return usage(dsl, tenant, charge.quota(), charge.subject(), charge.periodStart());
  }

  @Override
  public long usage(TenantId tenant, String quota, String subject, Instant periodStart) {
    return db.call("read quota usage", dsl -> usage(dsl, tenant, quota, subject, periodStart));
  }

  private static long usage(
      DSLContext dsl, TenantId tenant, String quota, String subject, Instant periodStart) {
    var u = IRIS_RATE_LIMIT_USAGE;
    return dsl.select(u.USED)
        .from(u)
        .where(u.TENANT_ID.eq(tenant.value()))
        .and(u.QUOTA.eq(quota))
        .and(u.SUBJECT.eq(subject))
        .and(u.PERIOD_START.eq(periodStart))
        .fetchOptional(u.USED)
        .orElse(0L);
  }

  @Override
  public void resetUsage(TenantId tenant, String quota, String subject, Instant periodStart) {
    var u = IRIS_RATE_LIMIT_USAGE;
    db.run(
        "reset quota usage",
        dsl ->
            dsl.deleteFrom(u)
                .where(u.TENANT_ID.eq(tenant.value()))
                .and(u.QUOTA.eq(quota))
                .and(u.SUBJECT.eq(subject))
                .and(u.PERIOD_START.eq(periodStart))
                .execute());
  }

  @Override
  public void addExemption(TenantId tenant, Exemption e) {
    var x = IRIS_RATE_LIMIT_EXEMPTIONS;
    db.run(
        "add an exemption",
        dsl ->
            dsl.insertInto(x)
                .set(x.TENANT_ID, tenant.value())
                .set(x.ID, e.id())
                .set(x.TARGET, e.target().name())
                .set(x.VALUE, e.value())
                .set(x.RULES, RateLimitRows.rules(e.rules()))
                .set(x.EXPIRES_AT, e.expiresAt())
                .set(x.CREATED_AT, e.createdAt())
                .execute());
  }

  @Override
  public boolean removeExemption(TenantId tenant, UUID id) {
    var x = IRIS_RATE_LIMIT_EXEMPTIONS;
    return db.call(
            "remove an exemption",
            dsl ->
                dsl.deleteFrom(x).where(x.TENANT_ID.eq(tenant.value())).and(x.ID.eq(id)).execute())
        > 0;
  }

  @Override
  public List<Exemption> exemptions(TenantId tenant, Instant now) {
    var x = IRIS_RATE_LIMIT_EXEMPTIONS;
    return db.call(
        "read exemptions",
        dsl ->
            dsl.selectFrom(x)
                .where(x.TENANT_ID.eq(tenant.value()))
                .and(x.EXPIRES_AT.isNull().or(x.EXPIRES_AT.gt(now)))
                .orderBy(x.CREATED_AT, x.ID)
                .fetch(RateLimitRows::exemption));
  }

  @Override
  public void recordViolations(TenantId tenant, List<Violation> violations) {
    var v = IRIS_RATE_LIMIT_VIOLATIONS;
    db.inTransactionRun(
        "record rate-limit violations",
        dsl -> {
          for (Violation violation : violations) {
            dsl.insertInto(v)
                .set(v.TENANT_ID, tenant.value())
                .set(v.RULE, violation.rule())
                .set(v.SCOPE_KEY, violation.scopeKey())
                .set(v.PERIOD_START, violation.periodStart())
                .set(v.DENIALS, violation.count())
                .set(v.FIRST_AT, violation.firstAt())
                .set(v.LAST_AT, violation.lastAt())
                .onConflict(v.TENANT_ID, v.RULE, v.SCOPE_KEY, v.PERIOD_START)
                .doUpdate()
                .set(v.DENIALS, v.DENIALS.plus(violation.count()))
                .set(v.FIRST_AT, DSL.least(v.FIRST_AT, DSL.val(violation.firstAt())))
                .set(v.LAST_AT, DSL.greatest(v.LAST_AT, DSL.val(violation.lastAt())))
                .execute();
          }
        });
  }

  @Override
  public List<Violation> violations(TenantId tenant, Instant since, int limit) {
    var v = IRIS_RATE_LIMIT_VIOLATIONS;
    return db.call(
        "read rate-limit violations",
        dsl ->
            dsl.selectFrom(v)
                .where(v.TENANT_ID.eq(tenant.value()))
                .and(v.LAST_AT.ge(since))
                .orderBy(v.LAST_AT.desc(), v.RULE, v.SCOPE_KEY)
                .limit(limit)
                .fetch(RateLimitRows::violation));
  }

  @Override
  public int deleteExpired(Instant cutoff, Instant now) {
    return db.inTransaction(
        "delete expired rate-limit data",
        dsl ->
            dsl.deleteFrom(IRIS_RATE_LIMIT_VIOLATIONS)
                    .where(IRIS_RATE_LIMIT_VIOLATIONS.LAST_AT.lt(cutoff))
                    .execute()
                + dsl.deleteFrom(IRIS_RATE_LIMIT_EXEMPTIONS)
                    .where(IRIS_RATE_LIMIT_EXEMPTIONS.EXPIRES_AT.le(now))
                    .execute()
                + dsl.deleteFrom(IRIS_RATE_LIMIT_USAGE)
                    .where(IRIS_RATE_LIMIT_USAGE.PERIOD_START.lt(cutoff))
                    .execute());
  }
}
