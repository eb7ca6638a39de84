package com.techradium.iris.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.Severity;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plans PostgreSQL chooses for the audit queries whose first page must come from an index in
 * time order rather than from a sort of every matching event of the tenant.
 */
class JdbcAuditQueryPlanTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final TenantId TENANT = TenantId.of("plan-tenant");
  private static final int EVENTS = 20_000;

  private static DSLContext dsl;

  @BeforeAll
  static void fill() throws Exception {
    JdbcIris.migrate(postgres.dataSource());
    dsl = JdbcContext.of(postgres.dataSource()).dsl();
    AuditLog log = AuditLog.builder().store(JdbcAuditStore.of(postgres.dataSource())).build();
    List<AuditEvent> batch = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      batch.add(event(i));
      if (batch.size() == 1_000) {
        log.recordAll(batch);
        batch.clear();
      }
    }
    try (Connection c = postgres.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("vacuum analyze iris_audit_events");
    }
  }

  /** One event in 50 is a security event, one in 200 of high or critical severity. */
  private static AuditEvent event(int i) {
    if (i % 50 != 0) {
      return AuditEvent.builder(TENANT, AuditCategory.AUDIT)
          .actor("user-" + i % 300)
          .action("call.view")
          .target("call", "c-" + i)
          .build();
    }
    Severity severity =
        i % 200 == 0 ? (i % 400 == 0 ? Severity.CRITICAL : Severity.HIGH) : Severity.MEDIUM;
    return AuditEvent.builder(TENANT, AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.FAILED_LOGIN)
        .severity(severity)
        .actor("user-" + i % 300)
        .action("user.login")
        .build();
  }

  private static String plan(AuditQuery query) {
    return dsl.explain(
            JdbcAuditStore.select(dsl, AuditConditions.of(query), JdbcAuditStore.order(true), 51))
        .plan();
  }

  @Test
  void highSecurityEventsAreReadNewestFirstFromTheirOwnIndexWithoutASort() {
    String plan = plan(AuditQuery.securityEvents(TENANT, Severity.HIGH, null));

    assertThat(plan)
        .contains("Index Scan Backward using iris_audit_events_severity_high_time")
        .doesNotContain("Sort")
        .doesNotContain("Bitmap");
  }

  @Test
  void criticalEventsAloneStillUseAnIndexInTimeOrder() {
    String plan = plan(AuditQuery.forTenant(TENANT).minSeverity(Severity.CRITICAL).build());

    assertThat(plan).contains("Index Scan Backward using").doesNotContain("Sort");
  }

  @Test
  void theIndexHoldsOnlyEventsOfHighOrCriticalSeverity() {
    long entries =
        dsl.fetchOne(
                "select count(*) from iris_audit_events where tenant_id = ? and severity in"
                    + " ('HIGH', 'CRITICAL')",
                TENANT.value())
            .get(0, Long.class);
    long fromIndex =
        dsl.fetchOne(
                "select reltuples from pg_class where relname ="
                    + " 'iris_audit_events_severity_high_time'")
            .get(0, Long.class);

    assertThat(entries).isEqualTo(EVENTS / 200);
    assertThat(fromIndex).isEqualTo(entries);
  }
}
