package com.techradium.iris.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.redis.internal.RedisContext;
import com.techradium.iris.redis.internal.RedisKeys;
import com.techradium.iris.redis.internal.RedisScript;
import com.techradium.iris.testkit.RedisExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.args.FlushMode;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisScriptTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final RedisScript INCR_BY = RedisScript.named("test-incr-by");
  private static final TenantId TENANT = TenantId.of("acme");

  private final String first = RedisKeys.key(TENANT, "test", "first");
  private final String second = RedisKeys.key(TENANT, "test", "second");

  @BeforeEach
  void clean() {
    redis.client().del(first, second);
  }

  @Test
  void runsAScriptFromTheClasspath() {
    Object reply =
        RedisContext.of(redis.client()).run(INCR_BY, List.of(first, second), List.of("5"));

    assertThat(reply).isEqualTo(List.of(5L, 5L));
    assertThat(redis.client().get(first)).isEqualTo("5");
  }

  @Test
  void computesTheSameSha1AsRedis() {
    assertThat(redis.client().scriptLoad(INCR_BY.source(), first)).isEqualTo(INCR_BY.sha1());
  }

  @Test
  void recoversTransparentlyWhenTheServerForgotTheScript() {
    INCR_BY.run(redis.client(), List.of(first, second), List.of("1"));
    redis.client().scriptFlush(first, FlushMode.SYNC);
    assertThat(redis.client().scriptExists(INCR_BY.sha1(), first)).isFalse();

    Object reply = INCR_BY.run(redis.client(), List.of(first, second), List.of("1"));

    assertThat(reply).isEqualTo(List.of(2L, 2L));
    assertThat(redis.client().scriptExists(INCR_BY.sha1(), first)).isTrue();
  }

  @Test
  void scriptErrorIsAStorageExceptionKeepingTheCause() {
    RedisScript failing = RedisScript.of("failing", "return redis.error_reply('boom')");

    assertThatThrownBy(() -> failing.run(redis.client(), List.of(first), List.of()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("failing")
        .hasMessageContaining("boom")
        .hasCauseInstanceOf(JedisDataException.class);
  }

  @Test
  void wrongTypeIsAStorageException() {
    redis.client().set(first, "text");

    assertThatThrownBy(() -> RedisContext.of(redis.client()).call("push", j -> j.lpush(first, "x")))
        .isInstanceOf(StorageException.class)
        .hasCauseInstanceOf(JedisDataException.class);
  }

  @Test
  void missingResourceIsRejectedAtLoad() {
    assertThatThrownBy(() -> RedisScript.named("no-such-script"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-script.lua");
  }
}
