package com.techradium.iris.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server of one test class's own (the binary of embedded-redis on a free loopback port),
 * for tests that stop or restart the server or count its commands, so the shared server of the run
 * is never touched. {@link #stop()} kills the process (SIGKILL), as a crash would; a {@linkplain
 * #persistent persistent} server writes every command to its append-only file before replying, so
 * whatever a client was told is written survives that and comes back on {@link #restart()}.
 */
public final class OwnRedisServer implements AutoCloseable {
  private static final long PORT_RELEASE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final RedisServer server;
  private final int port;

  private OwnRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server that keeps nothing on disk. */
  public static OwnRedisServer start() {
    return start(null);
  }

  /**
   * Starts a server that appends every write to {@code directory}/appendonly.aof and fsyncs it
   * before replying ({@code appendfsync always}), and reloads it on {@link #restart()}.
   */
  public static OwnRedisServer persistent(Path directory) {
    return start(directory);
  }

  private static OwnRedisServer start(@Nullable Path directory) {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      var builder =
          RedisServer.newRedisServer()
              .executableProvider(ExecutableProvider.newJarResourceProvider())
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .onShutdownForceStop(true);
      if (directory == null) {
        builder.setting("appendonly no");
      } else {
        builder
            .setting("dir " + directory.toAbsolutePath())
            .setting("appendonly yes")
            .setting("appendfsync always");
      }
      RedisServer server = builder.build();
      server.start();
      return new OwnRedisServer(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pooled client with a 500 ms timeout. */
  public RedisClient client() {
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(500).build())
        .build();
  }

  /** A single connection. */
  public Jedis jedis() {
    return new Jedis("127.0.0.1", port);
  }

  /** Kills the server process and waits until its port no longer accepts connections. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + PORT_RELEASE_TIMEOUT_NANOS;
    while (accepts()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Redis on port " + port + " did not go away");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Redis was stopping", e);
      }
    }
  }

  /** Starts the server again on the same port, after {@link #stop()}. */
  public void restart() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
  }
}
