package com.techradium.iris.redis.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server of one test class's own (the binary of embedded-redis on a free loopback port),
 * for tests that stop the server or count its commands, so the shared server of the run is never
 * touched.
 */
final class OwnRedisServer implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private OwnRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static OwnRedisServer start() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      RedisServer server =
          RedisServer.newRedisServer()
              .executableProvider(ExecutableProvider.newJarResourceProvider())
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .onShutdownForceStop(true)
              .build();
      server.start();
      return new OwnRedisServer(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RedisClient client() {
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(500).build())
        .build();
  }

  Jedis jedis() {
    return new Jedis("127.0.0.1", port);
  }

  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void restart() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
  }
}
