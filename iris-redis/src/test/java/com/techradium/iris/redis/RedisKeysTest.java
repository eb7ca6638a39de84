package com.techradium.iris.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.redis.internal.RedisKeys;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisKeysTest {
  private final TenantId acme = TenantId.of("acme");

  @Test
  void putsTheTenantInAHashTag() {
    assertThat(RedisKeys.key(acme, "ratelimit", "api", "user-7"))
        .isEqualTo("iris:{acme}:ratelimit:api:user-7");
  }

  @Test
  void keysOfOneTenantShareAClusterSlot() {
    int slot = JedisClusterCRC16.getSlot(RedisKeys.key(acme, "ratelimit", "a"));

    assertThat(JedisClusterCRC16.getSlot(RedisKeys.key(acme, "apikey", "b", "c"))).isEqualTo(slot);
    assertThat(JedisClusterCRC16.getSlot(RedisKeys.hashTag(acme))).isEqualTo(slot);
  }

  @Test
  void rejectsPartsThatWouldMoveTheHashTag() {
    assertThatThrownBy(() -> RedisKeys.key(acme, "a{b}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("braces");
  }

  @Test
  void rejectsWhitespaceAndEmptyParts() {
    assertThatThrownBy(() -> RedisKeys.key(acme, "a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisKeys.key(acme, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisKeys.key(acme)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void patternMatchesOnlyTheTenantsKeys() {
    assertThat(RedisKeys.tenantPattern(acme)).isEqualTo("iris:{acme}:*");
  }
}
