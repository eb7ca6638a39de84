package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;

import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** Translates an {@link AuditQuery} into SQL conditions on {@code iris_audit_events}. */
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
      all.add(
          IRIS_AUDIT_EVENTS.CATEGORY.in(q.categories().stream().map(Enum::name).sorted().toList()));
    }
    eq(all, IRIS_AUDIT_EVENTS.ACTOR_ID, q.actorId());
    eq(all, IRIS_AUDIT_EVENTS.ACTION, q.action());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_TYPE, q.targetType());
    eq(all, IRIS_AUDIT_EVENTS.TARGET_ID, q.targetId());
    eq(all, IRIS_AUDIT_EVENTS.OUTCOME, q.outcome() == null ? null : q.outcome().name());
    if (q.minSeverity() != null) {
      all.add(
          IRIS_AUDIT_EVENTS.SEVERITY.in(
              Arrays.stream(Severity.values())
                  .filter(s -> s.isAtLeast(q.minSeverity()))
                  .map(Enum::name)
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

  private static void eq(List<Condition> all, Field<String> field, @Nullable String value) {
    if (value != null) {
      all.add(field.eq(value));
    }
  }
}
