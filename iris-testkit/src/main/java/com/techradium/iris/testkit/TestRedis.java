package com.techradium.iris.testkit;

import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis a test class uses: a client bound to the class's own logical database, and where that
 * database lives.
 *
 * @param client a pooled, thread-safe client bound to {@code database}; closed by the extension
 * @param host the server host
 * @param port the server port
 * @param database the logical database index no other test class uses
 */
public record TestRedis(UnifiedJedis client, String host, int port, int database) {
  /**
   * Creates a {@code TestRedis}, checking its components.
   *
   * @param client a client bound to {@code database}
   * @param host the server host
   * @param port the server port
   * @param database the logical database index
   * @throws NullPointerException if {@code client} or {@code host} is null
   */
  public TestRedis {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(host, "host");
  }

  /**
   * A {@code redis://host:port/db} URL of the class's database, for clients a test builds itself.
   *
   * @return the URL, without credentials
   */
  public String url() {
    return "redis://" + host + ":" + port + "/" + database;
  }
}
