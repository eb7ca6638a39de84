package com.techradium.iris.jdbc.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.Iris;
import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.IssuedApiKey;
import com.techradium.iris.apikey.KeyCheck;
import com.techradium.iris.apikey.NewApiKey;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key manager on PostgreSQL through {@link Iris}: no stored row holds a key, key events reach
 * the audit log, and key changes join the host's transaction.
 */
class JdbcApiKeyManagerTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static HikariDataSource pool;
  private static Iris iris;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    iris =
        Iris.builder()
            .storage(JdbcIris.storage(pool))
            .apiKeys(
                k ->
                    k.pepper(
                        "a-pepper-of-thirty-two-bytes-!!!".getBytes(StandardCharsets.US_ASCII)))
            .jobs(j -> j.runWorker(false).runScheduler(false))
            .build();
  }

  @AfterAll
  static void tearDown() {
    iris.close();
    pool.close();
  }

  private static TenantId tenant() {
    return TenantId.of("keys-" + TENANTS.incrementAndGet());
  }

  private ApiKeyManager keys() {
    return iris.apiKeys();
  }

  @Test
  void noStoredRowLogLineOrAuditEventHoldsAKey() throws Exception {
    TenantId tenant = tenant();
    List<String> secrets = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      IssuedApiKey issued =
          keys()
              .create(
                  tenant, NewApiKey.of("scan", "u").withAllowedIps(List.of("10.0.0.0/8")), "admin");
      secrets.add(issued.secret().reveal());
      secrets.add(
          keys().rotate(tenant, issued.key().id(), Duration.ofHours(1), "admin").secret().reveal());
      for (String secret : secrets) {
        keys().validate(secret, "10.0.0.1", Set.of());
        keys().validate(secret, "192.0.2.1", Set.of());
      }
      keys().flushUsage();
      keys().revoke(tenant, issued.key().id(), "admin");
      keys().validate(secrets.get(1), "10.0.0.1");
    } finally {
      System.setErr(original);
    }

    List<String> dump = new ArrayList<>(tableDump());
    dump.add(captured.toString(StandardCharsets.UTF_8));
    for (AuditRecord r : audit(AuditQuery.forTenant(tenant).build())) {
      dump.add(r.toString());
    }
    assertThat(dump).anySatisfy(row -> assertThat(row).contains("api_key.revoke"));
    assertThat(dump).anySatisfy(row -> assertThat(row).contains("ip_not_allowed"));
    for (String secret : secrets) {
      String body = secret.substring(10, 40);
      assertThat(dump).allSatisfy(text -> assertThat(text).doesNotContain(body));
    }
  }

  /** Every row of every table in the database, as text. */
  private static List<String> tableDump() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet t =
          s.executeQuery(
              "select table_name from information_schema.tables where table_schema = current_schema()")) {
        while (t.next()) {
          tables.add(t.getString(1));
        }
      }
      assertThat(tables).contains("iris_api_keys", "iris_api_key_usage", "iris_audit_events");
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("select * from " + table)) {
          ResultSetMetaData meta = r.getMetaData();
          while (r.next()) {
            StringBuilder row = new StringBuilder(table).append(':');
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.append(' ').append(r.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    }
    return rows;
  }

  @Test
  void aKeyCreatedInARolledBackHostTransactionDoesNotExist() throws Exception {
    TenantId tenant = tenant();
    IssuedApiKey issued;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        issued = keys().create(tenant, NewApiKey.of("tx", "u"), "admin");
        assertThat(keys().get(tenant, issued.key().id())).isPresent();
      }
      c.rollback();
    }
    assertThat(keys().get(tenant, issued.key().id())).isEmpty();
    assertThat(keys().validate(issued.secret().reveal(), null).check()).isEqualTo(KeyCheck.UNKNOWN);
  }

  @Test
  void aRevocationCommitsWithTheHostTransaction() throws Exception {
    TenantId tenant = tenant();
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("tx2", "u"), "admin");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        keys().revoke(tenant, issued.key().id(), "admin");
      }
      assertThat(keys().get(tenant, issued.key().id()).orElseThrow().revokedAt()).isNull();
      c.commit();
    }
    assertThat(keys().get(tenant, issued.key().id()).orElseThrow().revokedAt()).isNotNull();
    assertThat(keys().validate(issued.secret().reveal(), null).check()).isEqualTo(KeyCheck.REVOKED);
  }

  @Test
  void withTheDatabaseGoneCachedKeysValidateAndAMissIsAStorageException() {
    HikariDataSource own = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    ApiKeyManager keys = ApiKeyManager.builder().store(JdbcApiKeyStore.of(own)).build();
    TenantId tenant = tenant();
    String cached = keys.create(tenant, NewApiKey.of("c", "u"), "admin").secret().reveal();
    String uncached = keys.create(tenant, NewApiKey.of("u", "u"), "admin").secret().reveal();
    assertThat(keys.validate(cached, null).valid()).isTrue();

    own.close();

    assertThat(keys.validate(cached, null).valid()).isTrue();
    assertThatThrownBy(() -> keys.validate(uncached, null))
        .isInstanceOf(StorageException.class)
        .hasCauseInstanceOf(RuntimeException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(uncached.substring(10, 40)));
  }

  @Test
  void keyEventsReachTheAuditLog() {
    TenantId tenant = tenant();
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("audited", "u"), "admin-7");
    keys().revoke(tenant, issued.key().id(), "admin-7");
    keys().validate(issued.secret().reveal(), "203.0.113.5");

    List<AuditRecord> admin = audit(AuditQuery.adminActivity(tenant, null));
    List<AuditRecord> security = audit(AuditQuery.securityEvents(tenant, null, null));

    assertThat(admin)
        .extracting(r -> r.event().action())
        .contains("api_key.create", "api_key.revoke");
    assertThat(admin).extracting(r -> r.event().actorId()).contains("admin-7");
    assertThat(security).extracting(r -> r.event().action()).containsExactly("api_key.validate");
  }

  /** Reads the audit store directly, so the read itself is not recorded. */
  private static List<AuditRecord> audit(AuditQuery query) {
    return iris.storage().store(AuditStore.class).query(query, PageRequest.first(100)).items();
  }
}
