package com.techradium.iris.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.clients.jedis.UnifiedJedis;

/**
 * Gives a test class a real Redis server and a logical database of its own.
 *
 * <p>One server serves the whole JVM run: {@code redis-server} from the PATH if there is one, else
 * the binary shipped in com.github.codemonstur:embedded-redis, started on a free loopback port with
 * 1024 logical databases and stopped when the JVM exits; or the server named by the environment
 * variable {@code IRIS_TEST_REDIS_URL} ({@code redis://host:6379}). Before the first test of a
 * class the extension takes a database index no other class uses, empties it, and opens a {@link
 * redis.clients.jedis.RedisClient} (Jedis's pooled standalone client) bound to it; after the last
 * test it closes that client.
 *
 * <p>Use it as a field:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension redis = new RedisExtension();
 *
 * @Test void works() { redis.client().set("k", "v"); }
 * }</pre>
 *
 * or as {@code @ExtendWith(RedisExtension.class)} with a {@link UnifiedJedis} or {@link TestRedis}
 * parameter. If no server can be started, every test of the class fails with a message saying what
 * to install or set; none is skipped.
 *
 * <p>The client is thread-safe.
 */
public final class RedisExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private volatile @Nullable TestRedis redis;
  private volatile @Nullable Class<?> owner;

  /** Creates the extension; the client is made before the first test of the class. */
  public RedisExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    if (redis == null) {
      RedisTestServer server = RedisTestServer.shared();
      int index = server.takeDatabase();
      redis = new TestRedis(server.client(index), server.host(), server.port(), index);
      owner = context.getRequiredTestClass();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestRedis current = redis;
    if (current != null && context.getRequiredTestClass().equals(owner)) {
      redis = null;
      owner = null;
      current.client().close();
    }
  }

  /**
   * The class's Redis.
   *
   * @return the client and where its logical database lives
   * @throws IllegalStateException before the class's first test, or if the extension is not
   *     registered as a static field or with {@code @ExtendWith}
   */
  public TestRedis redis() {
    TestRedis current = redis;
    if (current == null) {
      throw new IllegalStateException(
          "No Redis yet: register RedisExtension as a static field or with @ExtendWith, and use"
              + " it from a test or lifecycle method");
    }
    return current;
  }

  /**
   * The client bound to the class's logical database; owned by the extension.
   *
   * @return the pooled, thread-safe client; not to be closed by the test
   * @throws IllegalStateException as {@link #redis()}
   */
  public UnifiedJedis client() {
    return redis().client();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == UnifiedJedis.class || type == TestRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (redis == null) {
      beforeAll(context);
    }
    return parameter.getParameter().getType() == TestRedis.class ? redis() : client();
  }
}
