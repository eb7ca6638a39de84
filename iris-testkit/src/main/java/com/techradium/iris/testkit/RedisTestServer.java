package com.techradium.iris.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * The one Redis server of a JVM run, started on first use and shared by every test class: either
 * the server named by {@code IRIS_TEST_REDIS_URL}, or {@code redis-server} from the PATH, or the
 * binary shipped in com.github.codemonstur:embedded-redis, on a free loopback port and stopped by a
 * JVM shutdown hook. Embedded servers have {@value #EMBEDDED_DATABASES} logical databases.
 *
 * <p>Thread-safe. Each test class takes its own logical database index.
 */
final class RedisTestServer {
  /** Environment variable naming an external server to use instead of an embedded one. */
  static final String URL_VARIABLE = "IRIS_TEST_REDIS_URL";

  static final int EMBEDDED_DATABASES = 1024;

  private static final SharedServer<RedisTestServer> SHARED =
      new SharedServer<>(URL_VARIABLE, RedisTestServer::external, RedisTestServer::embedded);

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final int databases;
  private final AtomicInteger nextIndex = new AtomicInteger();

  private RedisTestServer(
      String host, int port, @Nullable String user, @Nullable String password, int databases) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.databases = databases;
  }

  /** The shared server, starting it on first call; fails the same way on every later call. */
  static RedisTestServer shared() {
    return SHARED.get();
  }

  private static RedisTestServer embedded() {
    File onPath = findOnPath("redis-server");
    try {
      int port = freePort();
      RedisServer server =
          RedisServer.newRedisServer()
              .executableProvider(
                  onPath != null ? () -> onPath : ExecutableProvider.newJarResourceProvider())
              .bind("127.0.0.1")
              .port(port)
              .setting("databases " + EMBEDDED_DATABASES)
              .setting("save \"\"")
              .setting("appendonly no")
              .onShutdownForceStop(true)
              .build();
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (IOException e) {
                      // The JVM is exiting; the process ends with it.
                    }
                  },
                  "iris-testkit-redis-stop"));
      return new RedisTestServer("127.0.0.1", port, null, null, EMBEDDED_DATABASES);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start a Redis server ("
              + (onPath != null
                  ? onPath
                  : "no redis-server on PATH; tried the binary of com.github.codemonstur:embedded-redis")
              + "). Install redis-server (6.2 or later) on the PATH, or set "
              + URL_VARIABLE
              + "=redis://host:6379 to run the tests against an existing Redis server.",
          e);
    }
  }

  static RedisTestServer external(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL_VARIABLE + " is not a URI: " + url, e);
    }
    if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalStateException(
          URL_VARIABLE + " must look like redis://host:6379 (or redis://:password@host:6379)");
    }
    String user = null;
    String password = null;
    if (uri.getUserInfo() != null) {
      String[] parts = uri.getUserInfo().split(":", 2);
      user = parts[0].isEmpty() ? null : parts[0];
      password = parts.length > 1 ? parts[1] : null;
    }
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    RedisTestServer probe = new RedisTestServer(uri.getHost(), port, user, password, 1);
    int databases;
    try (RedisClient client = probe.client(0)) {
      List<String> reply = client.configGet("databases").values().stream().toList();
      databases = reply.isEmpty() ? 16 : Integer.parseInt(reply.get(0));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Could not reach the Redis server named by "
              + URL_VARIABLE
              + " ("
              + uri.getHost()
              + ":"
              + port
              + "). Check the URL, or unset the variable to use an embedded server.",
          e);
    }
    return new RedisTestServer(uri.getHost(), port, user, password, databases);
  }

  private static @Nullable File findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        return candidate;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  /**
   * Takes a logical database index no other test class of this run uses (index 0 is left alone) and
   * empties it.
   */
  int takeDatabase() {
    int index = nextIndex.incrementAndGet();
    if (index >= databases) {
      throw new IllegalStateException(
          "The Redis test server has only "
              + databases
              + " logical databases, one per test class; configure it with more ('databases"
              + " 1024') or unset "
              + URL_VARIABLE);
    }
    try (RedisClient client = client(index)) {
      client.flushDB();
    }
    return index;
  }

  /** A new pooled client bound to logical database {@code index}; the caller closes it. */
  RedisClient client(int index) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(index);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    JedisClientConfig built = config.build();
    return RedisClient.builder()
        .hostAndPort(new HostAndPort(host, port))
        .clientConfig(built)
        .build();
  }
}
