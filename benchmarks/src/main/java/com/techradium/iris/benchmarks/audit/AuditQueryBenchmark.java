package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.Outcome;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.Severity;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.audit.JdbcAuditStore;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The first page of 50 events, newest first, for every ready-made query and every filter of {@link
 * AuditQuery} (and some combinations), through {@link AuditLog} on PostgreSQL holding {@value
 * AuditQueryData#EVENTS} events (see {@link AuditQueryData} for their spread; the queried tenant
 * holds half of them). Each call also records the read as a data-access event, as every query does.
 * Latency distribution in milliseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditQueryBenchmark {
  private static final TenantId T = AuditQueryData.TENANT;
  private static final Instant WEEK_FROM = AuditQueryData.START.plus(java.time.Duration.ofDays(90));
  private static final Instant WEEK_TO = WEEK_FROM.plus(java.time.Duration.ofDays(7));
  private static final Accessor AUDITOR = Accessor.user("auditor-1", "query benchmark");
  private static final PageRequest FIRST = PageRequest.first(50);

  /** The query: a ready-made view, one filter, or a combination. */
  @Param({
    "userActivity",
    "failedLogins",
    "sensitiveAccess",
    "sensitiveAccessPhi",
    "adminActivity",
    "securityEvents",
    "securityEventsHigh",
    "everything",
    "timeRange",
    "categories",
    "actor",
    "action",
    "actionRare",
    "actionNoMatch",
    "target",
    "targetType",
    "targetTypeNoMatch",
    "outcome",
    "minSeverity",
    "securityKind",
    "dataCategory",
    "ipAddress",
    "actorAndAction",
    "actionAndOutcome",
    "actionInTimeRange",
    "actionNoMatchInTimeRange",
    "targetTypeAndOutcome"
  })
  public String query;

  private final String database = "audit_query_" + ProcessHandle.current().pid();
  private HikariDataSource pool;
  private AuditLog audit;
  private Function<AuditLog, Page<AuditRecord>> read;

  @Setup
  public void setUp() {
    pool = AuditQueryData.copy(database, 4);
    audit = AuditLog.builder().store(JdbcAuditStore.of(pool)).build();
    read = read(query);
    Page<AuditRecord> first = read.apply(audit);
    System.out.printf("%s: %d events on the first page%n", query, first.items().size());
  }

  @TearDown
  public void tearDown() {
    pool.close();
    AuditQueryData.drop(database);
  }

  @Benchmark
  public Page<AuditRecord> firstPage() {
    return read.apply(audit);
  }

  private static Function<AuditLog, Page<AuditRecord>> read(String name) {
    return switch (name) {
      case "userActivity" -> a -> a.userActivity(T, "user-42", null, FIRST, AUDITOR);
      case "failedLogins" -> a -> a.failedLogins(T, null, FIRST, AUDITOR);
      case "sensitiveAccess" -> a -> a.sensitiveAccess(T, null, null, FIRST, AUDITOR);
      case "sensitiveAccessPhi" ->
          a -> a.sensitiveAccess(T, DataCategory.PHI, null, FIRST, AUDITOR);
      case "adminActivity" -> a -> a.adminActivity(T, null, FIRST, AUDITOR);
      case "securityEvents" -> a -> a.securityEvents(T, null, null, FIRST, AUDITOR);
      case "securityEventsHigh" -> a -> a.securityEvents(T, Severity.HIGH, null, FIRST, AUDITOR);
      default -> query(filter(name).build());
    };
  }

  private static Function<AuditLog, Page<AuditRecord>> query(AuditQuery q) {
    return a -> a.query(q, FIRST, AUDITOR);
  }

  private static AuditQuery.Builder filter(String name) {
    AuditQuery.Builder q = AuditQuery.forTenant(T);
    String common = AuditQueryData.auditAction(0);
    String rare = AuditQueryData.auditAction(39);
    return switch (name) {
      case "everything" -> q;
      case "timeRange" -> q.from(WEEK_FROM).to(WEEK_TO);
      case "categories" -> q.categories(AuditCategory.SECURITY, AuditCategory.ADMIN);
      case "actor" -> q.actorId("user-42");
      case "action" -> q.action(common);
      case "actionRare" -> q.action(rare);
      case "actionNoMatch" -> q.action("invoice.archive");
      case "target" -> q.target("invoice", "invoice-4242");
      case "targetType" -> q.target("campaign", null);
      case "targetTypeNoMatch" -> q.target("webhook", null);
      case "outcome" -> q.outcome(Outcome.DENIED);
      case "minSeverity" -> q.minSeverity(Severity.CRITICAL);
      case "securityKind" -> q.securityKind(SecurityEventKind.KEY_MISUSE);
      case "dataCategory" -> q.dataCategory(DataCategory.CREDENTIALS);
      case "ipAddress" -> q.ipAddress("10.7.42.3");
      case "actorAndAction" -> q.actorId("user-42").action(common);
      case "actionAndOutcome" -> q.action(common).outcome(Outcome.DENIED);
      case "actionInTimeRange" -> q.action(rare).from(WEEK_FROM).to(WEEK_TO);
      case "actionNoMatchInTimeRange" -> q.action("invoice.archive").from(WEEK_FROM).to(WEEK_TO);
      case "targetTypeAndOutcome" -> q.target("campaign", null).outcome(Outcome.FAILURE);
      default -> throw new IllegalArgumentException("unknown query: " + name);
    };
  }
}
