package com.techradium.iris.benchmarks.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded PostgreSQL server every job benchmark of a JVM runs against, with the same settings
 * for IRIS and the peers: durability traded for speed ({@code fsync}, {@code synchronous_commit}
 * and {@code full_page_writes} off) so the figures measure the libraries rather than the disk. Each
 * benchmark gets a fresh database and a HikariCP pool over it.
 */
public final class BenchmarkPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private BenchmarkPostgres() {}

  /** A pool of {@code size} connections to a new, empty database. */
  public static synchronized HikariDataSource newDatabase(int size) {
    try {
      if (server == null) {
        server =
            EmbeddedPostgres.builder()
                .setRegisterShutdownHook(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      }
      String name = "bench_" + DATABASES.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.getJdbcUrl("postgres", name));
      config.setUsername("postgres");
      config.setPassword("postgres");
      config.setMaximumPoolSize(size);
      config.setPoolName(name);
      return new HikariDataSource(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a benchmark database", e);
    }
  }

  /**
   * The CPU time the benchmark server's processes have used so far, in nanoseconds: the
   * postmaster's own and its reaped children's, plus that of every live child (backends, background
   * workers), from {@code /proc/<pid>/stat} (clock ticks of 10 ms). Zero where there is no {@code
   * /proc}, or before the server started. Take the difference of two readings around a run.
   *
   * @return the server's CPU time so far, nanoseconds
   */
  public static synchronized long serverCpuNanos() {
    if (server == null) {
      return 0;
    }
    long postmaster;
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("select pg_backend_pid()")) {
      r.next();
      postmaster = ProcStat.read(r.getLong(1)).parent();
    } catch (SQLException e) {
      throw new IllegalStateException("could not find the benchmark server's process", e);
    }
    return ProcStat.treeCpuNanos(postmaster);
  }

  /** Runs one statement on its own connection. */
  static void execute(javax.sql.DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }
}
