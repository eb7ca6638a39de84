package com.techradium.iris.redis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.IssuedApiKey;
import com.techradium.iris.apikey.KeyCheck;
import com.techradium.iris.apikey.NewApiKey;
import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.apikey.JdbcApiKeyStore;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes (two managers, two runtimes) sharing one PostgreSQL and one Redis: a key revoked or
 * rotated on one is refused by the other within the documented bound, although the other's cache
 * would keep the key for an hour.
 */
class TwoNodeRevocationTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final byte[] PEPPER =
      "a-pepper-of-thirty-two-bytes-!!!".getBytes(StandardCharsets.US_ASCII);
  static final Duration POLL = Duration.ofMillis(100);

  /** The documented bound is one poll interval plus a round trip; the test allows ample slack. */
  static final Duration BOUND = Duration.ofSeconds(5);

  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final TenantId TENANT = TenantId.of("two-nodes");

  IrisRuntime runtimeA = IrisRuntime.builder().name("node-a").build().start();
  IrisRuntime runtimeB = IrisRuntime.builder().name("node-b").build().start();

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
  }

  @AfterEach
  void close() {
    runtimeA.close();
    runtimeB.close();
  }

  ApiKeyManager node(IrisRuntime runtime, ApiKeyChangeFeed feed) {
    return ApiKeyManager.builder()
        .runtime(runtime)
        .store(JdbcApiKeyStore.of(postgres.dataSource()))
        .changeFeed(feed)
        .pepper(PEPPER)
        .cacheTtl(Duration.ofHours(1))
        .pollInterval(POLL)
        .build();
  }

  @Test
  void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinTheBound() throws Exception {
    String namespace = "two-nodes-" + NAMESPACES.incrementAndGet();
    ApiKeyManager a = node(runtimeA, RedisApiKeyChangeFeed.create(redis.client(), namespace));
    ApiKeyManager b = node(runtimeB, RedisApiKeyChangeFeed.create(redis.client(), namespace));
    IssuedApiKey issued =
        a.create(TENANT, NewApiKey.of("shared", "u").withScopes(Set.of("*")), "admin");
    String secret = issued.secret().reveal();
    assertThat(b.validate(secret, null).valid()).isTrue();

    a.revoke(TENANT, issued.key().id(), "admin");

    assertThat(a.validate(secret, null).check()).isEqualTo(KeyCheck.REVOKED);
    Duration took = awaitCheck(b, secret, KeyCheck.REVOKED);
    assertThat(took).isLessThan(BOUND);
  }

  @Test
  void aRotationWithoutGraceEndsTheOldSecretOnTheOtherNodeWithinTheBound() throws Exception {
    String namespace = "two-nodes-" + NAMESPACES.incrementAndGet();
    ApiKeyManager a = node(runtimeA, RedisApiKeyChangeFeed.create(redis.client(), namespace));
    ApiKeyManager b = node(runtimeB, RedisApiKeyChangeFeed.create(redis.client(), namespace));
    IssuedApiKey issued = a.create(TENANT, NewApiKey.of("rotating", "u"), "admin");
    String old = issued.secret().reveal();
    assertThat(b.validate(old, null).valid()).isTrue();

    String fresh = a.rotate(TENANT, issued.key().id(), Duration.ZERO, "admin").secret().reveal();

    assertThat(awaitCheck(b, old, KeyCheck.UNKNOWN)).isLessThan(BOUND);
    assertThat(b.validate(fresh, null).valid()).isTrue();
  }

  @Test
  void withoutTheFeedTheOtherNodeKeepsItsCachedKey() {
    ApiKeyManager a = node(runtimeA, ApiKeyChangeFeed.NONE);
    ApiKeyManager b = node(runtimeB, ApiKeyChangeFeed.NONE);
    IssuedApiKey issued = a.create(TENANT, NewApiKey.of("unshared", "u"), "admin");
    String secret = issued.secret().reveal();
    assertThat(b.validate(secret, null).valid()).isTrue();

    a.revoke(TENANT, issued.key().id(), "admin");

    // Node B learns only when its cache entry expires (an hour here): the feed is what bounds it.
    assertThat(a.validate(secret, null).check()).isEqualTo(KeyCheck.REVOKED);
    assertThat(b.validate(secret, null).valid()).isTrue();
  }

  private static Duration awaitCheck(ApiKeyManager node, String secret, KeyCheck expected)
      throws InterruptedException {
    long start = System.nanoTime();
    while (node.validate(secret, null).check() != expected) {
      if (System.nanoTime() - start > BOUND.toNanos() * 2) {
        throw new AssertionError("node never saw " + expected);
      }
      Thread.sleep(10);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
