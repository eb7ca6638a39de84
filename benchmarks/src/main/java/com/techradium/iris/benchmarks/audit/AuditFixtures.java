package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.ActorType;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.audit.JdbcAuditStore;
import com.techradium.iris.testkit.TestDatabase;
import com.techradium.iris.testkit.TestDatabases;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;

/** Realistic events and an embedded PostgreSQL database for the audit benchmarks. */
final class AuditFixtures {
  private AuditFixtures() {}

  /** {@code count} API-request-like events of about 400 bytes each, in {@code tenant}. */
  static List<AuditEvent> events(TenantId tenant, int count) {
    List<AuditEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(
          AuditEvent.builder(tenant, AuditCategory.AUDIT)
              .actor("user-" + (i % 997), ActorType.USER)
              .action("invoice.view")
              .target("invoice", "inv-" + i)
              .context(
                  new RequestContext(
                      "203.0.113." + (i % 250),
                      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
                      "req-" + i))
              .metadata(
                  "{\"method\":\"GET\",\"path\":\"/v1/invoices/inv-"
                      + i
                      + "\",\"status\":200,\"latencyMicros\":"
                      + (1000 + i % 5000)
                      + "}")
              .build());
    }
    return List.copyOf(events);
  }

  /** An embedded PostgreSQL database (testkit), migrated, with a small HikariCP pool. */
  static final class Database implements AutoCloseable {
    final TestDatabase database;
    final HikariDataSource pool;
    final JdbcAuditStore store;

    Database(int connections) {
      database = TestDatabases.create();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(database.jdbcUrl());
      config.setUsername(database.user());
      config.setPassword(database.password());
      config.setMaximumPoolSize(connections);
      config.setPoolName("audit-bench");
      pool = JdbcIris.pool(config);
      JdbcIris.migrate(pool);
      store = JdbcAuditStore.of(pool);
    }

    /** Records {@code total} events in batches of 1,000. */
    void fill(AuditLog audit, TenantId tenant, int total) {
      List<AuditEvent> batch = events(tenant, 1000);
      for (int written = 0; written < total; written += batch.size()) {
        audit.recordAll(batch.subList(0, Math.min(batch.size(), total - written)));
      }
    }

    @Override
    public void close() {
      pool.close();
      TestDatabases.drop(database);
    }
  }
}
