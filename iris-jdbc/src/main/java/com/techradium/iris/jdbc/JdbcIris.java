package com.techradium.iris.jdbc;

import com.techradium.iris.IrisStorage;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.jdbc.apikey.JdbcApiKeyStore;
import com.techradium.iris.jdbc.audit.JdbcAuditStore;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.QuietFlywayLogs;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.jdbc.monitor.JdbcAlertRuleStore;
import com.techradium.iris.jdbc.monitor.JdbcCheckResultStore;
import com.techradium.iris.jdbc.monitor.JdbcIncidentStore;
import com.techradium.iris.jdbc.monitor.JdbcMetricStore;
import com.techradium.iris.jdbc.ratelimit.JdbcRateLimitStore;
import com.techradium.iris.jdbc.recording.JdbcRecordingMetadataStore;
import com.techradium.iris.jdbc.webhook.JdbcWebhookStore;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.MetricStore;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.webhook.spi.WebhookStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Front door of iris-jdbc: puts IRIS's tables into a PostgreSQL database ({@link #migrate}), gives
 * every facade its PostgreSQL store ({@link #storage}), and makes a connection pool for hosts that
 * have none ({@link #pool}). Joining the host's transaction is {@link JdbcTransaction}; the stores'
 * plumbing ({@link JdbcContext}) lies below this class and never calls it.
 *
 * <pre>{@code
 * DataSource dataSource = JdbcIris.pool("jdbc:postgresql://db:5432/app", "app", secret);
 * JdbcIris.migrate(dataSource);   // at start-up, from any number of nodes
 * }</pre>
 *
 * <p>Data sources passed in stay owned by the caller and are never closed here. All methods are
 * thread-safe.
 */
public final class JdbcIris {
  /** Classpath location of IRIS's versioned migrations. */
  public static final String MIGRATIONS = "classpath:com/techradium/iris/jdbc/migration";

  /** The table in which Flyway records which migrations ran. */
  public static final String HISTORY_TABLE = "iris_schema_history";

  private static final int MIGRATE_ATTEMPTS = 5;

  private JdbcIris() {}

  /**
   * Applies every IRIS migration the database does not have yet, in version order, and returns how
   * many ran. Safe to call from several nodes at once: Flyway holds a PostgreSQL advisory lock
   * while it applies every pending migration in one transaction, so one node applies the migrations
   * (all or none of them) and the others wait and then find nothing to do. Tables go into the
   * connection's current schema; history goes into {@value #HISTORY_TABLE}, so IRIS can share a
   * schema with the host's own Flyway history.
   *
   * @param dataSource the database to migrate; its user may create tables in the current schema.
   *     Not closed
   * @return how many migrations this call applied: 0 when the schema was already current
   * @throws NullPointerException if {@code dataSource} is null
   * @throws StorageException if the database cannot be reached or a migration fails
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    for (int attempt = 1; ; attempt++) {
      try {
        MigrateResult result =
            Flyway.configure(JdbcIris.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // All pending migrations in one transaction under one lock: without it Flyway
                // locks per migration, and a waiting node can slip in between two of them.
                .group(true)
                .loggers(QuietFlywayLogs.class.getName())
                .load()
                .migrate();
        return result.migrationsExecuted;
      } catch (FlywayException e) {
        if (attempt < MIGRATE_ATTEMPTS && lostHistoryTableRace(e)) {
          pause(attempt);
          continue;
        }
        throw new StorageException("IRIS database migration failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Whether another node created the history table between this node's look and its baseline:
   * Flyway's lock covers the migrations, not the table's creation, so the late node tries again and
   * then finds the table filled.
   */
  private static boolean lostHistoryTableRace(FlywayException e) {
    String message = e.getMessage();
    return message != null && message.contains("Unable to baseline schema history table");
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to migrate", interrupted);
    }
  }

  /**
   * Every IRIS store on one PostgreSQL database — a store for every port — for {@code
   * Iris.builder().storage(...)}. Run {@link #migrate} first. To write through the facades inside
   * the host's own transaction, see {@link JdbcTransaction}. Tenants are not checked against a
   * directory, as in memory; to reject tenants that were never registered, add {@code
   * .withTenants(JdbcTenantDirectory.of(dataSource))}. The data source stays the caller's.
   *
   * @param dataSource the migrated database, shared by every store; not closed
   * @return the stores, one per port, ready for {@code Iris.builder().storage(...)}
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static IrisStorage storage(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return IrisStorage.builder()
        .store(AuditStore.class, JdbcAuditStore.of(dataSource))
        .store(JobStore.class, JdbcJobStore.of(dataSource))
        .store(ApiKeyStore.class, JdbcApiKeyStore.of(dataSource))
        .store(WebhookStore.class, JdbcWebhookStore.of(dataSource))
        .store(RateLimitStore.class, JdbcRateLimitStore.of(dataSource))
        .store(CheckResultStore.class, JdbcCheckResultStore.of(dataSource))
        .store(MetricStore.class, JdbcMetricStore.of(dataSource))
        .store(AlertRuleStore.class, JdbcAlertRuleStore.of(dataSource))
        .store(IncidentStore.class, JdbcIncidentStore.of(dataSource))
        .store(RecordingMetadataStore.class, JdbcRecordingMetadataStore.of(dataSource))
        .build();
  }

  /**
   * A HikariCP pool for hosts that have none, with PostgreSQL-friendly defaults (10 connections,
   * pool name {@code iris}). The caller owns it and closes it on shutdown. HikariCP is an optional
   * dependency of iris-jdbc: a host that calls the {@code pool} methods adds {@code
   * com.zaxxer:HikariCP} itself (the version iris-bom's parent tests with is in the README); the
   * stores take any {@code DataSource}.
   *
   * @param jdbcUrl a {@code jdbc:postgresql://} URL
   * @param user the database user
   * @param password the user's password
   * @return an open pool, owned by the caller
   * @throws NullPointerException if an argument is null
   * @throws StorageException if the pool cannot open its first connection
   */
  public static HikariDataSource pool(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("iris");
    config.setMaximumPoolSize(10);
    return pool(config);
  }

  /**
   * A HikariCP pool for a URL that carries its own credentials (e.g. {@code
   * jdbc:postgresql://db/app?user=app&password=...}) or needs none; otherwise as {@link
   * #pool(String, String, String)}.
   *
   * @param jdbcUrl a {@code jdbc:postgresql://} URL, with credentials if the database needs them
   * @return an open pool, owned by the caller
   * @throws NullPointerException if {@code jdbcUrl} is null
   * @throws StorageException if the pool cannot open its first connection
   */
  public static HikariDataSource pool(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("iris");
    config.setMaximumPoolSize(10);
    return pool(config);
  }

  /**
   * A HikariCP pool from a full configuration; the caller owns it and closes it on shutdown.
   *
   * @param config the host's HikariCP configuration, used as given (no IRIS defaults applied)
   * @return an open pool, owned by the caller
   * @throws NullPointerException if {@code config} is null
   * @throws StorageException if the pool cannot open its first connection
   */
  public static HikariDataSource pool(HikariConfig config) {
    Objects.requireNonNull(config, "config");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException("Could not open a connection pool: " + e.getMessage(), e);
    }
  }
}
