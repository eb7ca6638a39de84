package com.techradium.iris.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.ChainBreak;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.RetentionPolicy;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.core.JdbcTenantDirectory;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log on PostgreSQL: tampering in SQL, several nodes, failures mid-batch. */
class JdbcAuditLogTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicLong TENANTS = new AtomicLong();
  private static final HmacCheckpointSigner SIGNER =
      new HmacCheckpointSigner(
          "pg-key", "an HMAC key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));
  private static JdbcAuditStore store;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TenantId tenant = TenantId.of("pg-" + TENANTS.incrementAndGet());
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
                  .metadata("{\"doc\":" + i + ",\"tags\":[\"a\",\"b\"],\"score\":1.50}")
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

  @Test
  void storedEventsVerifyAfterTheRoundTripThroughJsonb() {
    recordTen();
    VerificationReport report = audit.verify(tenant);
    assertThat(report.valid()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(10);
  }

  @Test
  void theEventsTableRefusesUpdates() {
    recordTen();
    assertThatThrownBy(
            () -> {
              try (Connection connection = postgres.dataSource().getConnection();
                  Statement sql = connection.createStatement()) {
                sql.executeUpdate("UPDATE iris_audit_events SET action = 'doc.delete'");
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void aFieldUpdatedInSqlIsDetectedAtItsEvent() throws SQLException {
    List<AuditRecord> records = recordTen();
    tamper(
        "UPDATE iris_audit_events SET actor_id = 'mallory'"
            + " WHERE tenant_id = :tenant AND category = 'AUDIT' AND seq = 5");

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(5);
    assertThat(found.eventId()).isEqualTo(records.get(4).id());
  }

  @Test
  void metadataUpdatedInSqlIsDetectedAtItsEvent() throws SQLException {
    recordTen();
    tamper(
        "UPDATE iris_audit_events SET metadata = metadata || '{\"doc\": 99}'"
            + " WHERE tenant_id = :tenant AND category = 'AUDIT' AND seq = 3");

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(3);
  }

  @Test
  void aRowDeletedInSqlIsReportedMissingAtItsSequence() throws SQLException {
    recordTen();
    tamper("DELETE FROM iris_audit_events WHERE tenant_id = :tenant AND seq = 4");

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MISSING);
    assertThat(found.sequence()).isEqualTo(4);
  }

  @Test
  void twoRowsSwappedInSqlAreDetectedAtTheFirstMovedPosition() throws SQLException {
    recordTen();
    String chain = " WHERE tenant_id = :tenant AND category = 'AUDIT' AND seq = ";
    tamper(
        "UPDATE iris_audit_events SET seq = 999999" + chain + "6",
        "UPDATE iris_audit_events SET seq = 6" + chain + "7",
        "UPDATE iris_audit_events SET seq = 7" + chain + "999999");

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BROKEN_LINK);
    assertThat(found.sequence()).isEqualTo(6);
  }

  @Test
  void aRowMadeInvalidInSqlIsReportedAsModified() throws SQLException {
    recordTen();
    tamper(
        "UPDATE iris_audit_events SET outcome = 'NOT_AN_OUTCOME'"
            + " WHERE tenant_id = :tenant AND category = 'AUDIT' AND seq = 2");

    ChainBreak found = firstBreak();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(2);
  }

  @Test
  void severalNodesAppendingConcurrentlyKeepOneValidChain() throws Exception {
    int nodes = 4;
    int threadsPerNode = 3;
    int recordsPerThread = 25;
    List<AuditLog> logs = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      logs.add(AuditLog.builder().store(JdbcAuditStore.of(postgres.dataSource())).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(nodes * threadsPerNode);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < nodes * threadsPerNode; t++) {
        AuditLog node = logs.get(t % nodes);
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < recordsPerThread; i++) {
                    if (i % 5 == 0) {
                      node.recordAll(
                          List.of(event("t" + thread + "-" + i), event("t" + thread + "-b" + i)));
                    } else {
                      node.record(event("t" + thread + "-" + i));
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long expected = (long) nodes * threadsPerNode * (recordsPerThread + recordsPerThread / 5);
    VerificationReport report = audit.verify(tenant);
    assertThat(report.valid()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(expected);
    assertThat(store.head(tenant, AuditCategory.AUDIT).orElseThrow().sequence())
        .isEqualTo(expected);
  }

  private AuditEvent event(String actor) {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT).actor(actor).action("doc.view").build();
  }

  @Test
  void aBatchFailingAtOneRowWritesNoneOfItAndRaisesStorageException() {
    AuditRecord existing = audit.record(event("first"));
    List<NewAuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      UUID id = i == 1200 ? existing.id() : UUID.randomUUID();
      batch.add(new NewAuditRecord(id, clock.instant(), event("bulk-" + i)));
    }

    assertThatThrownBy(() -> store.append(batch))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("23505");

    assertThat(store.count(AuditQuery.forTenant(tenant).build())).isEqualTo(1);
    assertThat(store.head(tenant, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(1);
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void aConnectionDroppedAfterTheEventsWereInsertedWritesNoneOfThem() throws Exception {
    audit.record(event("before"));
    String trigger = "iris_audit_test_slow_head_" + tenant.value().replace('-', '_');
    try (Connection admin = postgres.dataSource().getConnection();
        Statement sql = admin.createStatement()) {
      // Hold the append in its last statement (moving the chain head), after the events went in,
      // so the connection can be cut mid-transaction.
      sql.execute(
          "CREATE FUNCTION "
              + trigger
              + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NEW;"
              + " END $$");
      sql.execute(
          "CREATE TRIGGER "
              + trigger
              + " BEFORE UPDATE ON iris_audit_chain_heads FOR EACH ROW WHEN (NEW.tenant_id = '"
              + tenant.value()
              + "' AND NEW.seq <> OLD.seq) EXECUTE FUNCTION "
              + trigger
              + "()");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          batch.add(event("doomed-" + i));
        }
        Future<List<AuditRecord>> append = pool.submit(() -> audit.recordAll(batch));
        int terminated = 0;
        for (int attempt = 0; attempt < 200 && terminated == 0; attempt++) {
          Thread.sleep(50);
          try (var rows =
              sql.executeQuery(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      + " WHERE pid <> pg_backend_pid() AND state = 'active'"
                      + " AND wait_event_type = 'Timeout'"
                      + " AND query ILIKE 'update iris_audit_chain_heads %'")) {
            while (rows.next()) {
              terminated++;
            }
          }
        }
        assertThat(terminated).isEqualTo(1);
        assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(StorageException.class);
      } finally {
        pool.shutdownNow();
        sql.execute("DROP TRIGGER " + trigger + " ON iris_audit_chain_heads");
        sql.execute("DROP FUNCTION " + trigger + "()");
      }
    }

    assertThat(store.count(AuditQuery.forTenant(tenant).build())).isEqualTo(1);
    assertThat(store.head(tenant, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(1);
    assertThat(audit.record(event("after")).sequence()).isEqualTo(2);
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void retentionOnPostgresKeepsTheRestVerifiable() {
    AuditLog retaining =
        AuditLog.builder()
            .store(store)
            .clock(clock)
            .signer(SIGNER)
            .retention(RetentionPolicy.keepFor(Duration.ofDays(30)))
            .cleanupBatchSize(4)
            .build();
    for (int i = 0; i < 10; i++) {
      retaining.record(event("old-" + i));
    }
    clock.advance(Duration.ofDays(31));
    for (int i = 0; i < 3; i++) {
      retaining.record(event("new-" + i));
    }

    retaining.cleanup();

    assertThat(store.readChain(tenant, AuditCategory.AUDIT, 0, 100))
        .extracting(AuditRecord::sequence)
        .containsExactly(11L, 12L, 13L);
    VerificationReport report = retaining.verify(tenant);
    assertThat(report.valid()).isTrue();
    assertThat(report.chain(AuditCategory.AUDIT).orElseThrow().anchorSequence()).isEqualTo(10);
  }

  @Test
  void eventsForTenantsMissingFromTheJdbcDirectoryAreRejected() {
    JdbcTenantDirectory directory = JdbcTenantDirectory.of(postgres.dataSource());
    directory.register(tenant, "Registered", clock.instant());
    TenantId stranger = TenantId.of("pg-stranger-" + TENANTS.incrementAndGet());
    AuditLog guarded = AuditLog.builder().store(store).clock(clock).tenants(directory).build();

    assertThatThrownBy(
            () ->
                guarded.record(
                    AuditEvent.builder(stranger, AuditCategory.AUDIT)
                        .actor("a")
                        .action("b")
                        .build()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("tenantId")).isTrue());
    assertThat(store.count(AuditQuery.forTenant(stranger).build())).isZero();
    assertThat(guarded.record(event("known")).sequence()).isEqualTo(1);
  }
}
