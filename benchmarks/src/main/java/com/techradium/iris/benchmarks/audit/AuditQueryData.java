package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.ActorType;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.Outcome;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.Severity;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.audit.JdbcAuditStore;
import com.techradium.iris.testkit.MutableClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A million audit events with a realistic spread, stored once in a PostgreSQL template database
 * that every benchmark fork copies (a file copy of a few seconds instead of a refill). The server's
 * data directory persists across runs ({@code -Diris.bench.auditQueryData=DIR}, default {@code
 * $TMPDIR/iris-audit-query-1m-v1}); each run migrates the template to the current schema first, so
 * a run after a new migration measures the upgraded database, and the migration's duration on a
 * million events is printed.
 *
 * <p>The events span 180 days in five tenants; the queried tenant {@link #TENANT} holds half of
 * them. Streams: 84 % audit, 10 % data access, 5 % security (60 % of them failed logins), 1 %
 * admin. 50 actions with a long tail, 5,000 users, 8 target types over 100,000 ids per type, 5,000
 * IP addresses, 3 % failures and 1 % denials.
 */
final class AuditQueryData {
  /** Events in the template. */
  static final int EVENTS = 1_000_000;

  /** The tenant the benchmark queries: half of the events. */
  static final TenantId TENANT = TenantId.of("acme");

  /** When the first event was recorded. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** The time the events span. */
  static final Duration SPAN = Duration.ofDays(180);

  private static final String TEMPLATE = "audit_query_1m";
  private static final int BATCH = 1000;
  private static final String[] OTHER_TENANTS = {"globex", "initech", "umbrella", "hooli"};
  private static final String[] TARGET_TYPES = {
    "invoice", "customer", "order", "message", "call", "number", "campaign", "contact"
  };
  private static final String[] VERBS = {"view", "list", "update", "create", "delete"};
  private static final String[] DATA_ACTIONS = {
    "customer.export", "recording.play", "record.read", "report.download", "pii.reveal"
  };
  private static final String[] ADMIN_ACTIONS = {
    "user.invite", "role.grant", "settings.update", "apikey.create", "apikey.revoke"
  };
  private static EmbeddedPostgres server;

  private AuditQueryData() {}

  /** The 40 audit-stream actions, most frequent first: target type x verb. */
  static String auditAction(int rank) {
    return TARGET_TYPES[rank % TARGET_TYPES.length] + "." + VERBS[rank / TARGET_TYPES.length];
  }

  /**
   * A pool of {@code size} connections to a fresh copy of the filled template, which is created on
   * first use.
   */
  static synchronized HikariDataSource copy(String name, int size) {
    EmbeddedPostgres postgres = server();
    prepareTemplate(postgres);
    execute(postgres, "DROP DATABASE IF EXISTS " + name);
    long started = System.nanoTime();
    execute(postgres, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    System.out.printf(
        "copied the %,d-event template in %.1f s%n", EVENTS, (System.nanoTime() - started) / 1e9);
    return pool(postgres, name, size);
  }

  /** Drops a copy made by {@link #copy}. */
  static synchronized void drop(String name) {
    execute(server(), "DROP DATABASE IF EXISTS " + name);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      Path data =
          Path.of(
              System.getProperty(
                  "iris.bench.auditQueryData",
                  Path.of(System.getProperty("java.io.tmpdir"), "iris-audit-query-1m-v1")
                      .toString()));
      try {
        server =
            EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setServerConfig("max_connections", "50")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("shared_buffers", "256MB")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Fills the template unless a complete fill is there; migrates and analyses it. */
  private static void prepareTemplate(EmbeddedPostgres postgres) {
    boolean filled;
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT datname FROM pg_database WHERE datname = '" + TEMPLATE + "_done'")) {
      filled = r.next();
    } catch (SQLException e) {
      throw new IllegalStateException("could not inspect the benchmark server", e);
    }
    if (!filled) {
      execute(postgres, "DROP DATABASE IF EXISTS " + TEMPLATE);
      execute(postgres, "CREATE DATABASE " + TEMPLATE);
    }
    try (HikariDataSource pool = pool(postgres, TEMPLATE, 2)) {
      long started = System.nanoTime();
      try {
        JdbcIris.migrate(pool);
      } catch (RuntimeException e) {
        if (!filled) {
          throw e;
        }
        // A migration it already ran has changed since: fill a new template.
        System.out.println("the kept template does not migrate, filling a new one: " + e);
        pool.close();
        execute(postgres, "DROP DATABASE " + TEMPLATE + "_done");
        prepareTemplate(postgres);
        return;
      }
      System.out.printf("migrated the template in %.1f s%n", (System.nanoTime() - started) / 1e9);
      if (!filled) {
        fill(pool);
      }
      started = System.nanoTime();
      execute(pool, "VACUUM ANALYZE iris_audit_events");
      System.out.printf(
          "vacuumed and analysed the template in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
    if (!filled) {
      // An empty database whose existence marks the template as complete.
      execute(postgres, "CREATE DATABASE " + TEMPLATE + "_done");
    }
  }

  /** Records {@link #EVENTS} events through the facade, in batches of {@value #BATCH}. */
  private static void fill(HikariDataSource pool) {
    MutableClock clock = MutableClock.at(START);
    AuditLog audit = AuditLog.builder().store(JdbcAuditStore.of(pool)).clock(clock).build();
    SplittableRandom random = new SplittableRandom(42);
    Duration step = SPAN.dividedBy(EVENTS / BATCH);
    long started = System.nanoTime();
    List<AuditEvent> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < EVENTS; i++) {
      batch.add(event(random, i));
      if (batch.size() == BATCH) {
        audit.recordAll(batch);
        batch.clear();
        clock.advance(step);
      }
      if ((i + 1) % 100_000 == 0) {
        System.out.printf(
            "filled %,d events, %.0f events/s%n",
            i + 1, (i + 1) / ((System.nanoTime() - started) / 1e9));
      }
    }
  }

  /** One event of the spread described on the class. */
  static AuditEvent event(SplittableRandom random, int n) {
    TenantId tenant =
        random.nextInt(2) == 0 ? TENANT : TenantId.of(OTHER_TENANTS[random.nextInt(4)]);
    String user = "user-" + skewed(random, 5000);
    RequestContext context =
        new RequestContext(
            "10." + random.nextInt(20) + "." + random.nextInt(250) + "." + random.nextInt(1, 20),
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
            "req-" + n);
    int stream = random.nextInt(100);
    AuditEvent.Builder b;
    if (stream < 84) {
      int rank = skewed(random, 40);
      String type = TARGET_TYPES[rank % TARGET_TYPES.length];
      int roll = random.nextInt(100);
      b =
          AuditEvent.builder(tenant, AuditCategory.AUDIT)
              .actor(user, ActorType.USER)
              .action(auditAction(rank))
              .target(type, type + "-" + random.nextInt(100_000))
              .outcome(roll < 96 ? Outcome.SUCCESS : roll < 99 ? Outcome.FAILURE : Outcome.DENIED)
              .severity(roll < 96 ? Severity.INFO : Severity.LOW)
              .metadata("{\"method\":\"GET\",\"status\":200,\"latencyMicros\":" + n % 5000 + "}");
    } else if (stream < 94) {
      int roll = random.nextInt(100);
      b =
          AuditEvent.builder(tenant, AuditCategory.DATA_ACCESS)
              .actor(user, ActorType.USER)
              .action(DATA_ACTIONS[random.nextInt(DATA_ACTIONS.length)])
              .target("customer", "customer-" + random.nextInt(100_000))
              .dataCategory(
                  roll < 60
                      ? DataCategory.PII
                      : roll < 85
                          ? DataCategory.FINANCIAL
                          : roll < 97 ? DataCategory.PHI : DataCategory.CREDENTIALS)
              .recordIds(List.of("rec-" + random.nextInt(1_000_000)))
              .purpose("support ticket");
    } else if (stream < 99) {
      int roll = random.nextInt(1000);
      SecurityEventKind kind =
          roll < 600
              ? SecurityEventKind.FAILED_LOGIN
              : roll < 850
                  ? SecurityEventKind.RATE_LIMIT_VIOLATION
                  : roll < 950
                      ? SecurityEventKind.ACCESS_DENIED
                      : roll < 990
                          ? SecurityEventKind.SUSPICIOUS_ACTIVITY
                          : roll < 999
                              ? SecurityEventKind.KEY_MISUSE
                              : SecurityEventKind.BRUTE_FORCE_DETECTED;
      b =
          AuditEvent.builder(tenant, AuditCategory.SECURITY)
              .actor(user, ActorType.USER)
              .action(
                  switch (kind) {
                    case FAILED_LOGIN -> "auth.login";
                    case RATE_LIMIT_VIOLATION -> "ratelimit.exceeded";
                    case ACCESS_DENIED -> "access.denied";
                    case SUSPICIOUS_ACTIVITY -> "activity.suspicious";
                    case KEY_MISUSE -> "apikey.misuse";
                    case BRUTE_FORCE_DETECTED -> "auth.brute_force";
                  })
              .securityKind(kind)
              .outcome(kind == SecurityEventKind.FAILED_LOGIN ? Outcome.FAILURE : Outcome.DENIED)
              .severity(
                  switch (kind) {
                    case FAILED_LOGIN -> Severity.LOW;
                    case RATE_LIMIT_VIOLATION, ACCESS_DENIED -> Severity.MEDIUM;
                    case SUSPICIOUS_ACTIVITY, KEY_MISUSE -> Severity.HIGH;
                    case BRUTE_FORCE_DETECTED -> Severity.CRITICAL;
                  });
    } else {
      b =
          AuditEvent.builder(tenant, AuditCategory.ADMIN)
              .actor("admin-" + random.nextInt(20), ActorType.USER)
              .action(ADMIN_ACTIONS[random.nextInt(ADMIN_ACTIONS.length)])
              .target("user", user)
              .severity(Severity.MEDIUM)
              .before("{\"role\":\"viewer\"}")
              .after("{\"role\":\"editor\"}");
    }
    return b.context(context).build();
  }

  /** A rank below {@code n}, small ranks far more frequent (about 1/(rank+1)). */
  private static int skewed(SplittableRandom random, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1)) - 1));
  }

  private static HikariDataSource pool(EmbeddedPostgres postgres, String database, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(size);
    config.setPoolName(database);
    return JdbcIris.pool(config);
  }

  private static void execute(EmbeddedPostgres postgres, String sql) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }

  private static void execute(javax.sql.DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }
}
