package com.techradium.iris.benchmarks.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The embedded PostgreSQL server every job benchmark of a JVM runs against, with the same settings
 * for IRIS and the peers: durability traded for speed ({@code fsync}, {@code synchronous_commit}
 * and {@code full_page_writes} off) so the figures measure the libraries rather than the disk. Each
 * benchmark gets a fresh database and a HikariCP pool over it.
 */
public final class BenchmarkPostgres {
  /**
   * The system property that loads {@code pg_stat_statements} (tracking statements inside functions
   * and triggers too) into the server, for {@link #topStatements}.
   */
  public static final String STATEMENTS = "iris.bench.statements";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private BenchmarkPostgres() {}

  /** A pool of {@code size} connections to a new, empty database. */
  public static synchronized HikariDataSource newDatabase(int size) {
    try {
      if (server == null) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean(STATEMENTS)) {
          builder
              .setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .setServerConfig("pg_stat_statements.track", "all")
              .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        server =
            builder
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
        ResultSet r = s.executeQuery("select pg_backend_pid()")) {
      r.next();
      postmaster = ProcStat.read(r.getLong(1)).parent();
    } catch (SQLException e) {
      throw new IllegalStateException("could not find the benchmark server's process", e);
    }
    return ProcStat.treeCpuNanos(postmaster);
  }

  /**
   * The statements that took the most server time in {@code dataSource}'s database since the last
   * call, one line each (total ms with the planning's, calls, rows, text), and resets the counts;
   * empty unless the system property {@value #STATEMENTS} is {@code true}.
   *
   * @param dataSource the database
   * @param limit how many statements
   * @return the lines
   */
  public static List<String> topStatements(DataSource dataSource, int limit) {
    List<String> lines = new ArrayList<>();
    if (!Boolean.getBoolean(STATEMENTS)) {
      return lines;
    }
    execute(dataSource, "create extension if not exists pg_stat_statements");
    String sql =
        "select total_exec_time + total_plan_time, calls, rows, total_plan_time,"
            + " regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements s"
            + " join pg_database d on d.oid = s.dbid where d.datname = current_database()"
            + " order by 1 desc limit "
            + limit;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String text = r.getString(5);
        lines.add(
            String.format(
                Locale.ROOT,
                "%9.1f ms (planning %.1f) %7d calls %8d rows  %s",
                r.getDouble(1),
                r.getDouble(4),
                r.getLong(2),
                r.getLong(3),
                text.substring(0, Math.min(160, text.length()))));
      }
      s.execute("select pg_stat_statements_reset()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not read pg_stat_statements", e);
    }
    return lines;
  }

  /** Runs one statement on its own connection. */
  static void execute(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }
}
