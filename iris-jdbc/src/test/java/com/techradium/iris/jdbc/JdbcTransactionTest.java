package com.techradium.iris.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Facades writing inside the host's own transaction: the outbox pattern. */
class JdbcTransactionTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static HikariDataSource pool;
  private static Iris iris;

  @BeforeAll
  static void setUp() throws SQLException {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    iris =
        Iris.builder()
            .storage(JdbcIris.storage(pool))
            .jobs(jobs -> jobs.knownTypes("order.receipt").runWorker(false).runScheduler(false))
            .build();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table orders (id uuid primary key, tenant varchar not null)");
    }
  }

  @AfterAll
  static void tearDown() {
    iris.close();
    pool.close();
  }

  @Test
  void anAuditEventAndAJobWrittenInARolledBackTransactionLeaveNeither() throws Exception {
    TenantId tenant = tenant();
    try (Connection c = hostTransaction()) {
      placeOrder(c, tenant);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        iris.audit().record(orderPlaced(tenant));
        iris.jobs().enqueue(tenant, receipt());
      }
      c.rollback();
    }

    assertThat(orders(tenant)).isZero();
    assertThat(auditEvents(tenant)).isZero();
    assertThat(jobs(tenant)).isEmpty();
  }

  @Test
  void anAuditEventAndAJobWrittenInACommittedTransactionAreBothThere() throws Exception {
    TenantId tenant = tenant();
    Job job;
    try (Connection c = hostTransaction()) {
      placeOrder(c, tenant);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        iris.audit().record(orderPlaced(tenant));
        job = iris.jobs().enqueue(tenant, receipt());
        assertThat(iris.jobs().get(tenant, job.id()))
            .as("the joined thread sees its job")
            .isPresent();
      }
      assertThat(jobs(tenant)).as("others see nothing before the commit").isEmpty();
      c.commit();
    }

    assertThat(orders(tenant)).isEqualTo(1);
    assertThat(auditEvents(tenant)).isEqualTo(1);
    assertThat(jobs(tenant)).extracting(Job::id).containsExactly(job.id());
    assertThat(iris.audit().verify(tenant).valid()).isTrue();
  }

  @Test
  void concurrentHostTransactionsDoNotSeeEachOthersUncommittedWrites() throws Exception {
    TenantId first = tenant();
    TenantId second = tenant();
    CyclicBarrier bothThere = new CyclicBarrier(2);
    ExecutorService hosts = Executors.newFixedThreadPool(2);
    try {
      Future<List<Integer>> a = hosts.submit(() -> writeAndLook(first, second, bothThere));
      Future<List<Integer>> b = hosts.submit(() -> writeAndLook(second, first, bothThere));

      assertThat(a.get(30, TimeUnit.SECONDS)).as("own jobs, other's jobs").containsExactly(1, 0);
      assertThat(b.get(30, TimeUnit.SECONDS)).as("own jobs, other's jobs").containsExactly(1, 0);
    } finally {
      hosts.shutdownNow();
    }
    assertThat(jobs(first)).hasSize(1);
    assertThat(jobs(second)).hasSize(1);
  }

  /**
   * Enqueues for {@code own} in a joined transaction and, once both hosts have written and before
   * either commits, counts both tenants' jobs inside it.
   */
  private static List<Integer> writeAndLook(TenantId own, TenantId other, CyclicBarrier bothThere)
      throws Exception {
    try (Connection c = hostTransaction()) {
      List<Integer> seen;
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        iris.jobs().enqueue(own, receipt());
        bothThere.await(20, TimeUnit.SECONDS);
        seen = List.of(jobs(own).size(), jobs(other).size());
        bothThere.await(20, TimeUnit.SECONDS);
      }
      c.commit();
      return seen;
    }
  }

  @Test
  void theFacadeStillValidatesAndTheHostTransactionStaysUsable() throws Exception {
    TenantId tenant = tenant();
    try (Connection c = hostTransaction()) {
      placeOrder(c, tenant);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        assertThatThrownBy(
                () ->
                    iris.jobs().enqueue(tenant, JobSpec.builder("emails", "no.such.type").build()))
            .isInstanceOf(ValidationException.class);
      }
      c.commit();
    }

    assertThat(orders(tenant)).isEqualTo(1);
    assertThat(jobs(tenant)).isEmpty();
  }

  @Test
  void aFailedMultiRowWriteUndoesOnlyItsOwnRowsInTheHostTransaction() throws Exception {
    TenantId tenant = tenant();
    JobSpec first = receipt("order-1", "{\"n\":1}");
    JobSpec sameKeyOtherContent = receipt("order-1", "{\"n\":2}");
    try (Connection c = hostTransaction()) {
      placeOrder(c, tenant);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        iris.jobs().enqueue(tenant, first);
        assertThatThrownBy(
                () -> iris.jobs().enqueueAll(tenant, List.of(receipt(), sameKeyOtherContent)))
            .isInstanceOf(ConflictException.class);
      }
      c.commit();
    }

    assertThat(orders(tenant)).isEqualTo(1);
    assertThat(jobs(tenant)).hasSize(1);
  }

  @Test
  void aJooqHostJoinsFromInsideItsTransactionBlock() {
    TenantId committed = tenant();
    TenantId rolledBack = tenant();
    DSLContext host = DSL.using(pool, SQLDialect.POSTGRES);

    host.transaction(
        configuration -> {
          try (JdbcTransaction joined = JdbcTransaction.join(DSL.using(configuration))) {
            iris.jobs().enqueue(committed, receipt());
          }
        });
    assertThatThrownBy(
            () ->
                host.transaction(
                    configuration -> {
                      try (JdbcTransaction joined =
                          JdbcTransaction.join(DSL.using(configuration))) {
                        iris.jobs().enqueue(rolledBack, receipt());
                      }
                      throw new IllegalStateException("the host's block fails");
                    }))
        .hasMessageContaining("the host's block fails");

    assertThat(jobs(committed)).hasSize(1);
    assertThat(jobs(rolledBack)).isEmpty();
  }

  @Test
  void joiningNeedsAnOpenTransactionAndDoesNotNest() throws Exception {
    try (Connection autoCommit = pool.getConnection()) {
      assertThatThrownBy(() -> JdbcTransaction.join(autoCommit))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit");
    }
    try (Connection c = hostTransaction();
        JdbcTransaction joined = JdbcTransaction.join(c)) {
      assertThatThrownBy(() -> JdbcTransaction.join(c))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already joined");
      c.rollback();
    }
  }

  @Test
  void afterTheScopeClosesTheThreadWritesOnItsOwnConnectionsAgain() throws Exception {
    TenantId tenant = tenant();
    try (Connection c = hostTransaction()) {
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        iris.jobs().enqueue(tenant, receipt());
      }
      iris.jobs().enqueue(tenant, receipt()); // commits on its own
      c.rollback();
    }

    assertThat(jobs(tenant)).hasSize(1);
  }

  private static TenantId tenant() {
    return TenantId.of("tx-" + TENANTS.incrementAndGet());
  }

  private static Connection hostTransaction() throws SQLException {
    Connection c = pool.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  private static void placeOrder(Connection c, TenantId tenant) throws SQLException {
    try (var s = c.prepareStatement("insert into orders (id, tenant) values (?, ?)")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, tenant.value());
      s.executeUpdate();
    }
  }

  private static AuditEvent orderPlaced(TenantId tenant) {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT)
        .actor("user-1")
        .action("order.place")
        .target("order", "o-1")
        .build();
  }

  private static JobSpec receipt() {
    return JobSpec.builder("emails", "order.receipt").build();
  }

  private static JobSpec receipt(String idempotencyKey, String payload) {
    return JobSpec.builder("emails", "order.receipt")
        .idempotencyKey(idempotencyKey)
        .payload(payload)
        .build();
  }

  private static List<Job> jobs(TenantId tenant) {
    return iris.jobs().list(tenant, JobQuery.all(), PageRequest.first()).items();
  }

  private static long orders(TenantId tenant) throws SQLException {
    return count("select count(*) from orders where tenant = ?", tenant);
  }

  private static long auditEvents(TenantId tenant) throws SQLException {
    return count("select count(*) from iris_audit_events where tenant_id = ?", tenant);
  }

  private static long count(String sql, TenantId tenant) throws SQLException {
    try (Connection c = pool.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, tenant.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
