package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;

import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.Outcome;
import com.techradium.iris.audit.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Translates an {@link AuditQuery} into SQL conditions on {@code iris_audit_events}, shaped for the
 * indexes of {@code V2__audit.sql} and {@code V12__audit_query_indexes.sql}.
 *
 * <p>Every value is written as a literal, not a bind value: the planner then plans each query for
 * its values (a frequent action reads the time index, a rare one the search index) and can prove a
 * partial index's predicate (outcome {@code <> 'SUCCESS'}...) from the literal. PostgreSQL would
 * otherwise switch a statement prepared five times to a generic plan that knows neither. jOOQ
 * escapes the literals.
 *
 * <p>Action, target and IP address are found through the GIN index over {@code
 * iris_audit_search_keys(...)}: one key per filter, {@code tenant 0x1F tag 0x1F value}. The key
 * condition is added beside the plain equality conditions, which stay so that the planner evaluates
 * the cheap comparisons first on any other path. Keys of values that are rare by nature (a target's
 * id, an IP address) are always looked up; keys of the few-valued filters (action, target type
 * alone), whose common values match a large part of a tenant, are looked up only when the query has
 * no condition served by an index in time order (actor, outcome other than SUCCESS, security kind,
 * data category): reading such an index newest first and filtering finds a page sooner than
 * building the bitmap of every event with a common action.
 */
final class AuditConditions {
  /** Joins the parts of a search key; no audited text field may contain it. */
  static final String SEPARATOR = "\u001f";

  private AuditConditions() {}

  static Condition of(AuditQuery q) {
    List<String> keys = searchKeys(q);
    return keys.isEmpty() ? withoutKeys(q) : withoutKeys(q).and(containsKeys(keys));
  }

  /** Every condition of {@code q} but the search key lookup. */
  static Condition withoutKeys(AuditQuery q) {
    List<Condition> all = new ArrayList<>();
    all.add(tenantAndTime(q));
    if (!q.categories().isEmpty()) {
      all.add(
          IRIS_AUDIT_EVENTS.CATEGORY.in(
              q.categories().stream().map(Enum::name).sorted().map(DSL::inline).toList()));
    }
    eq(all, IRIS_AUDIT_EVENTS.ACTOR_ID, q.actorId());
    eq(all, IRIS_AUDIT_EVENTS.ACTION, q.action());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_TYPE, q.targetType());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_ID, q.targetId());
    eq(all, IRIS_AUDIT_EVENTS.OUTCOME, q.outcome() == null ? null : q.outcome().name());
    if (q.minSeverity() != null && q.minSeverity() != Severity.INFO) {
      all.add(
          IRIS_AUDIT_EVENTS.SEVERITY.in(
              Arrays.stream(Severity.values())
                  .filter(s -> s.isAtLeast(q.minSeverity()))
                  .map(s -> DSL.inline(s.name()))
                  .toList()));
    }
    eq(
        all,
        IRIS_AUDIT_EVENTS.SECURITY_KIND,
        q.securityKind() == null ? null : q.securityKind().name());
    eq(
        all,
        IRIS_AUDIT_EVENTS.DATA_CATEGORY,
        q.dataCategory() == null ? null : q.dataCategory().name());
    eq(all, IRIS_AUDIT_EVENTS.IP_ADDRESS, q.ipAddress());
    return DSL.and(all);
  }

  /** The tenant and time range of {@code q}: the window of the time index it reads. */
  static Condition tenantAndTime(AuditQuery q) {
    Condition c = IRIS_AUDIT_EVENTS.TENANT_ID.eq(DSL.inline(q.tenantId().value()));
    if (q.from() != null) {
      c =
          c.and(
              IRIS_AUDIT_EVENTS.RECORDED_AT.ge(
                  DSL.inline(q.from(), IRIS_AUDIT_EVENTS.RECORDED_AT)));
    }
    if (q.to() != null) {
      c =
          c.and(
              IRIS_AUDIT_EVENTS.RECORDED_AT.lt(DSL.inline(q.to(), IRIS_AUDIT_EVENTS.RECORDED_AT)));
    }
    return c;
  }

  /**
   * Whether {@code q} looks up keys of few-valued filters only (action, target type), whose values
   * may match anything from none to most of a tenant's events.
   */
  static boolean looksUpFewValuedKeysOnly(AuditQuery q) {
    return !searchKeys(q).isEmpty() && q.targetId() == null && q.ipAddress() == null;
  }

  /** The search keys to look up for {@code q}, possibly none (see the class comment). */
  static List<String> searchKeys(AuditQuery q) {
    String tenant = q.tenantId().value();
    List<String> keys = new ArrayList<>(2);
    if (q.targetId() != null) {
      // AuditQuery requires the target type with a target id.
      keys.add(key(tenant, "i", q.targetType() + SEPARATOR + q.targetId()));
    }
    if (q.ipAddress() != null) {
      keys.add(key(tenant, "p", q.ipAddress()));
    }
    if (keys.isEmpty() && !hasTimeOrderedIndex(q)) {
      if (q.action() != null) {
        keys.add(key(tenant, "a", q.action()));
      }
      if (q.targetType() != null) {
        keys.add(key(tenant, "t", q.targetType()));
      }
    }
    return keys;
  }

  /** Whether a condition of {@code q} has an index in time order of its own. */
  private static boolean hasTimeOrderedIndex(AuditQuery q) {
    return q.actorId() != null
        || (q.outcome() != null && q.outcome() != Outcome.SUCCESS)
        || q.securityKind() != null
        || q.dataCategory() != null;
  }

  private static String key(String tenant, String tag, String value) {
    return tenant + SEPARATOR + tag + SEPARATOR + value;
  }

  /**
   * {@code iris_audit_search_keys(<columns>) @> ARRAY[hashtext(<key>), ...]}: the expression of the
   * GIN index, so that the planner can answer it from the index (it computes the hashes of the
   * literal keys once, while planning).
   */
  private static Condition containsKeys(List<String> keys) {
    List<QueryPart> parts = new ArrayList<>();
    parts.add(IRIS_AUDIT_EVENTS.TENANT_ID);
    parts.add(IRIS_AUDIT_EVENTS.ACTION);
    parts.add(IRIS_AUDIT_EVENTS.TARGET_TYPE);
    parts.add(IRIS_AUDIT_EVENTS.TARGET_ID);
    parts.add(IRIS_AUDIT_EVENTS.IP_ADDRESS);
    keys.forEach(k -> parts.add(DSL.inline(k)));
    String array =
        IntStream.range(5, parts.size())
            .mapToObj(i -> "hashtext({" + i + "})")
            .collect(Collectors.joining(", "));
    return DSL.condition(
        "iris_audit_search_keys({0}, {1}, {2}, {3}, {4}) @> ARRAY[" + array + "]",
        parts.toArray(QueryPart[]::new));
  }

  private static void eq(List<Condition> all, Field<String> field, @Nullable String value) {
    if (value != null) {
      all.add(field.eq(DSL.inline(value)));
    }
  }
}
