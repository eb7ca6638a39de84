package com.techradium.iris.benchmarks.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
   * The CPU time the server's processes have used so far, in nanoseconds: user and system time of
   * the postmaster and of its live children (backends and background processes) plus what its
   * children that have ended used, from {@code /proc/<pid>/stat} at 100 ticks a second (Linux).
   * Take the difference over a run.
   *
   * @return the server's CPU time
   * @throws IllegalStateException if no server runs or {@code /proc} cannot be read
   */
  public static synchronized long serverCpuNanos() {
    if (server == null) {
      throw new IllegalStateException("no benchmark PostgreSQL server runs");
    }
    try {
      long postmaster;
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SHOW data_directory")) {
        r.next();
        postmaster =
            Long.parseLong(
                Files.readAllLines(Path.of(r.getString(1), "postmaster.pid")).get(0).trim());
      }
      long ticks = 0;
      try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
        for (Path p : processes.toList()) {
          String name = p.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          List<String> fields = statFields(p);
          if (fields.isEmpty()) {
            continue;
          }
          long pid = Long.parseLong(name);
          // after the command's closing parenthesis: state(0) ppid(1) ... utime(11) stime(12)
          // cutime(13) cstime(14)
          if (pid == postmaster) {
            ticks += sum(fields, 11, 12, 13, 14);
          } else if (Long.parseLong(fields.get(1)) == postmaster) {
            ticks += sum(fields, 11, 12);
          }
        }
      }
      return ticks * 10_000_000L;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not find the server's process", e);
    }
  }

  /** The fields of a process's stat line after its command, or none if it ended meanwhile. */
  private static List<String> statFields(Path process) {
    try {
      String line = Files.readString(process.resolve("stat"));
      return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static long sum(List<String> fields, int... at) {
    long total = 0;
    for (int i : at) {
      total += Long.parseLong(fields.get(i));
    }
    return total;
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
