package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;

import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Translates an {@link AuditQuery} into SQL conditions on {@code iris_audit_events}.
 *
 * <p>Enum values (category, outcome, severity, security kind, data category) are rendered as
 * literals, text values as bind values. A literal lets the planner use its statistics for the value
 * (SUCCESS is most events, DENIED few) and prove the predicates of the partial indexes of {@code
 * V11__audit_query_indexes.sql} (an index over {@code outcome <> 'SUCCESS'} serves {@code outcome =
 * 'DENIED'}); with a bind value a cached generic plan could not use them. Enum names are the only
 * literals, so nothing a caller writes reaches the SQL text.
 */
final class AuditConditions {
  private AuditConditions() {}

  static Condition of(AuditQuery q) {
    List<Condition> all = new ArrayList<>();
    all.add(IRIS_AUDIT_EVENTS.TENANT_ID.eq(q.tenantId().value()));
    if (q.from() != null) {
      all.add(IRIS_AUDIT_EVENTS.RECORDED_AT.ge(q.from()));
    }
    if (q.to() != null) {
      all.add(IRIS_AUDIT_EVENTS.RECORDED_AT.lt(q.to()));
    }
    if (!q.categories().isEmpty()) {
      all.add(IRIS_AUDIT_EVENTS.CATEGORY.in(literals(q.categories().stream())));
    }
    eq(all, IRIS_AUDIT_EVENTS.ACTOR_ID, q.actorId());
    eq(all, IRIS_AUDIT_EVENTS.ACTION, q.action());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_TYPE, q.targetType());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_ID, q.targetId());
    is(all, IRIS_AUDIT_EVENTS.OUTCOME, q.outcome());
    Severity minSeverity = q.minSeverity();
    if (minSeverity != null) {
      all.add(
          IRIS_AUDIT_EVENTS.SEVERITY.in(
              literals(Arrays.stream(Severity.values()).filter(s -> s.isAtLeast(minSeverity)))));
    }
    is(all, IRIS_AUDIT_EVENTS.SECURITY_KIND, q.securityKind());
    is(all, IRIS_AUDIT_EVENTS.DATA_CATEGORY, q.dataCategory());
    eq(all, IRIS_AUDIT_EVENTS.IP_ADDRESS, q.ipAddress());
    return DSL.and(all);
  }

  /** {@code field = 'NAME'} with the enum's name as a literal, when {@code value} is set. */
  private static void is(List<Condition> all, Field<String> field, @Nullable Enum<?> value) {
    if (value != null) {
      all.add(field.eq(DSL.inline(value.name())));
    }
  }

  /** The enums' names as literals, sorted so equal queries render the same SQL. */
  private static List<Field<String>> literals(Stream<? extends Enum<?>> values) {
    return values.map(Enum::name).sorted().<Field<String>>map(DSL::inline).toList();
  }

  private static void eq(List<Condition> all, Field<String> field, @Nullable String value) {
    if (value != null) {
      all.add(field.eq(value));
    }
  }
}
