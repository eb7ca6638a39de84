package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

class RedisExtensionTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void roundTripsAKeyThroughRedis() {
    redis.client().set("greeting", "hello");

    assertThat(redis.client().get("greeting")).isEqualTo("hello");
  }

  @Test
  void bindsTheClientToTheClassDatabase() {
    TestRedis own = redis.redis();
    own.client().set("where", "here");

    try (RedisClient other = RedisTestServer.shared().client(0)) {
      assertThat(own.database()).isPositive();
      assertThat(other.get("where")).isNull();
    }
    assertThat(own.url()).endsWith(":" + own.port() + "/" + own.database());
  }
}
