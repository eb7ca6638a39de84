package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

@ExtendWith(RedisExtension.class)
class RedisIsolationSecondTest {
  @Test
  void seesOnlyItsOwnKeys(UnifiedJedis redis) {
    assertThat(redis.set("isolation:marker", "Second", SetParams.setParams().nx())).isEqualTo("OK");
    assertThat(redis.dbSize()).isEqualTo(1L);
  }
}
