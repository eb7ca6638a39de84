package com.techradium.iris.testkit;

/**
 * A real Redis for code that runs outside JUnit, such as benchmarks and demos: the same server
 * {@link RedisExtension} uses (embedded, or the one {@code IRIS_TEST_REDIS_URL} names), with a
 * logical database no one else in the JVM uses, emptied first.
 *
 * <pre>{@code
 * TestRedis redis = StandaloneRedis.open();
 * try { ... redis.client() ... } finally { redis.client().close(); }
 * }</pre>
 *
 * <p>Thread-safe. The caller owns and closes the returned client; the server stops when the JVM
 * exits.
 */
public final class StandaloneRedis {
  private StandaloneRedis() {}

  /**
   * Starts the server if needed and opens a pooled client on a fresh logical database.
   *
   * @return the database and its client, which the caller closes
   * @throws IllegalStateException if no Redis server can be started or reached
   */
  public static TestRedis open() {
    RedisTestServer server = RedisTestServer.shared();
    int index = server.takeDatabase();
    return new TestRedis(server.client(index), server.host(), server.port(), index);
  }
}
