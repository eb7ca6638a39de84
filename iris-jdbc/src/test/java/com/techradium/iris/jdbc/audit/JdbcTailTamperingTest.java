package com.techradium.iris.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.ChainBreak;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tampering at the end of a chain, done in SQL by someone with database access: the tail cut back
 * below a signed checkpoint, rows inserted past the head; and a read rejected for its cursor.
 */
class JdbcTailTamperingTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicLong TENANTS = new AtomicLong();
  private static final HmacCheckpointSigner SIGNER =
      new HmacCheckpointSigner(
          "pg-key", "an HMAC key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));
  private static final Accessor AUDITOR = Accessor.user("auditor", "review");
  private static JdbcAuditStore store;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TenantId tenant = TenantId.of("pg-tail-" + TENANTS.incrementAndGet());
  private final AuditLog audit =
      AuditLog.builder().store(store).clock(clock).signer(SIGNER).checkpointEvery(0).build();

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    store = JdbcAuditStore.of(postgres.dataSource());
  }

  private List<AuditRecord> recordTen() {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      out.add(
          audit.record(
              AuditEvent.builder(tenant, AuditCategory.AUDIT)
                  .actor("user-" + i)
                  .action("doc.view")
                  .build()));
      clock.advance(Duration.ofSeconds(1));
    }
    return out;
  }

  /** Runs SQL as someone with direct database access, bypassing the append-only trigger. */
  private void tamper(String... statements) throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("SET session_replication_role = replica");
      for (String statement : statements) {
        sql.execute(statement.replace(":tenant", "'" + tenant.value() + "'"));
      }
    }
  }

  private ChainBreak firstBreak() {
    VerificationReport report = audit.verify(tenant);
    assertThat(report.valid()).isFalse();
    return report.firstBreak().orElseThrow();
  }

  private static final String CHAIN = " tenant_id = :tenant AND category = 'AUDIT'";

  private void cutTailTo(long keep) throws SQLException {
    tamper(
        "DELETE FROM iris_audit_events WHERE" + CHAIN + " AND seq > " + keep,
        "UPDATE iris_audit_chain_heads SET seq = "
            + keep
            + ", hash = (SELECT hash FROM iris_audit_events WHERE"
            + CHAIN
            + " AND seq = "
            + keep
            + ") WHERE"
            + CHAIN);
  }

  private void insertPastHead(String hash) throws SQLException {
    tamper(
        "CREATE TEMP TABLE forged AS SELECT * FROM iris_audit_events WHERE"
            + CHAIN
            + " AND seq = 10",
        "UPDATE forged SET seq = 11, id = '"
            + FORGED
            + "', actor_id = 'mallory', previous_hash = hash, hash = '"
            + hash
            + "'",
        "INSERT INTO iris_audit_events SELECT * FROM forged");
  }

  private static final UUID FORGED = UUID.fromString("01900000-0000-7000-8000-00000000f0f0");

  @Test
  void aTailCutInSqlBelowASignedCheckpointIsReportedAsTruncated() throws SQLException {
    recordTen();
    audit.checkpoint(tenant);
    cutTailTo(7);

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
    assertThat(found.sequence()).isEqualTo(8);
  }

  @Test
  void aRowInsertedPastTheHeadIsNamedAndNotServed() throws SQLException {
    recordTen();
    insertPastHead("0".repeat(64));

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.PAST_HEAD);
    assertThat(found.sequence()).isEqualTo(11);
    assertThat(found.eventId()).isEqualTo(FORGED);
    assertThat(
            audit
                .query(
                    AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build(),
                    PageRequest.first(100),
                    AUDITOR)
                .items())
        .extracting(AuditRecord::id)
        .doesNotContain(FORGED)
        .hasSize(10);
    assertThat(audit.userActivity(tenant, "mallory", null, PageRequest.first(), AUDITOR).items())
        .isEmpty();
  }

  @Test
  void aQueryRejectedForItsCursorIsNotRecordedAsARead() {
    recordTen();

    assertThatThrownBy(
            () ->
                audit.query(
                    AuditQuery.forTenant(tenant).build(),
                    PageRequest.first().after("bm90LWEtY3Vyc29y"),
                    AUDITOR))
        .isInstanceOf(ValidationException.class);
    assertThat(
            store.count(AuditQuery.forTenant(tenant).categories(AuditCategory.DATA_ACCESS).build()))
        .isZero();
  }
}
