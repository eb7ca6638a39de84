package com.techradium.iris.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditChainKey;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditExportVerifier;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditLogBuilder;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.ChainBreak;
import com.techradium.iris.audit.ExportVerification;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tampering at the end of a chain, done in SQL by someone with database access: the tail cut back
 * below a signed checkpoint, rows inserted past the head (neither queried nor exported), an append
 * forged with a recomputed hash (caught by the keyed chain only); and a read rejected for its
 * cursor.
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
  private final AuditLog audit = log().build();

  private static final byte[] CHAIN_SECRET =
      "pg chain key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
  private static final AuditChainKey CHAIN_KEY = new AuditChainKey("pg-chain", CHAIN_SECRET);

  private AuditLogBuilder log() {
    return AuditLog.builder().store(store).clock(clock).signer(SIGNER).checkpointEvery(0);
  }

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    store = JdbcAuditStore.of(postgres.dataSource());
  }

  private List<AuditRecord> recordTen() {
    return recordTen(audit);
  }

  private List<AuditRecord> recordTen(AuditLog log) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      out.add(
          log.record(
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

  /**
   * The SHA-256 link of the row {@link #insertPastHead} makes from event #10, as anyone can compute
   * it: the content of #10 with actor mallory, at #11 after #10's hash.
   */
  private static String recomputedHash(AuditRecord tenth) {
    AuditEvent forged = tenth.event().toBuilder().actor("mallory").build();
    return AuditChain.hash(tenth.hash(), 11, FORGED, tenth.recordedAt(), forged);
  }

  /** An append forged in SQL: a row at #11 with a recomputed hash, and the head moved onto it. */
  private void forgeAppend(AuditRecord tenth) throws SQLException {
    String hash = recomputedHash(tenth);
    insertPastHead(hash);
    tamper("UPDATE iris_audit_chain_heads SET seq = 11, hash = '" + hash + "' WHERE" + CHAIN);
  }

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
  void aRowInsertedPastTheHeadWithARecomputedHashIsLeftOutOfExports() throws SQLException {
    List<AuditRecord> records = recordTen();
    insertPastHead(recomputedHash(records.get(9)));
    StringWriter out = new StringWriter();

    audit.exportJsonLines(
        AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build(), AUDITOR, out);

    assertThat(out.toString()).doesNotContain(FORGED.toString()).contains("user-10");
    ExportVerification verified = AuditExportVerifier.verify(new StringReader(out.toString()));
    assertThat(verified.valid()).isTrue();
    assertThat(verified.lines()).isEqualTo(10);
    assertThat(firstBreak().kind()).isEqualTo(ChainBreak.Kind.PAST_HEAD);
  }

  @Test
  void anAppendForgedInSqlWithARecomputedHashIsCaughtByTheKeyedChainOnly() throws SQLException {
    AuditLog keyed = log().chainKey(CHAIN_KEY).build();
    List<AuditRecord> records = recordTen(keyed);
    assertThat(records.get(9).hash()).startsWith("hmac-sha256:pg-chain:");
    assertThat(keyed.verify(tenant).valid()).isTrue();

    forgeAppend(records.get(9));

    ChainBreak found = keyed.verify(tenant).firstBreak().orElseThrow();
    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.UNKEYED_LINK);
    assertThat(found.sequence()).isEqualTo(11);
    assertThat(found.eventId()).isEqualTo(FORGED);
  }

  @Test
  void theSameForgeryGoesUnnoticedInAPlainChain() throws SQLException {
    List<AuditRecord> records = recordTen();

    forgeAppend(records.get(9));

    // The limit docs/audit.md states: without a key, whoever can write the tables can also hash.
    assertThat(audit.verify(tenant).valid()).isTrue();
    assertThat(audit.userActivity(tenant, "mallory", null, PageRequest.first(), AUDITOR).items())
        .extracting(AuditRecord::id)
        .containsExactly(FORGED);
  }

  @Test
  void aKeyedChainFailsVerificationWithAnotherSecretOrWithoutTheKey() {
    recordTen(log().chainKey(CHAIN_KEY).build());
    AuditChainKey guessed =
        new AuditChainKey(
            "pg-chain", "a guessed key of thirty-two byte".getBytes(StandardCharsets.US_ASCII));

    ChainBreak wrongSecret =
        log().chainKey(guessed).build().verify(tenant).firstBreak().orElseThrow();
    ChainBreak noKey = firstBreak();

    assertThat(wrongSecret.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(wrongSecret.sequence()).isEqualTo(1);
    assertThat(noKey.kind()).isEqualTo(ChainBreak.Kind.UNKNOWN_CHAIN_KEY);
  }

  @Test
  void theChainKeyIsStoredNowhereInTheDatabase() throws SQLException {
    AuditLog keyed = log().chainKey(CHAIN_KEY).build();
    recordTen(keyed);
    keyed.checkpoint(tenant);
    keyed.exportJsonLines(AuditQuery.forTenant(tenant).build(), AUDITOR, new StringWriter());
    StringBuilder everything = new StringBuilder();
    try (Connection connection = postgres.dataSource().getConnection();
        Statement sql = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rows = sql.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rows.next()) {
            everything.append(rows.getString(1)).append('\n');
          }
        }
      }
    }

    assertThat(everything).contains("hmac-sha256:pg-chain:").contains(tenant.value());
    assertThat(everything.toString())
        .doesNotContain(new String(CHAIN_SECRET, StandardCharsets.US_ASCII).substring(4, 28))
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(CHAIN_SECRET).substring(8, 56))
        .doesNotContain(Base64.getEncoder().encodeToString(CHAIN_SECRET).substring(4, 36));
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
