package com.techradium.iris.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.testkit.RedisExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

class RedisHealthCheckTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private final HealthMonitor health =
      HealthMonitor.builder()
          .context(IrisContext.builder().build())
          .results(new InMemoryCheckResultStore())
          .metrics(new InMemoryMetricStore())
          .alertRules(new InMemoryAlertRuleStore())
          .build();

  @Test
  void aLiveServerAnswersPong() {
    health.register(Component.of("redis", "Redis", RedisHealthCheck.of(redis.client())));

    assertThat(health.runNow("redis").outcome()).isEqualTo(CheckOutcome.UP);
  }

  @Test
  void aServerThatIsNotThereIsDown() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (RedisClient nowhere =
        RedisClient.builder()
            .hostAndPort(new HostAndPort("127.0.0.1", port))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(500)
                    .socketTimeoutMillis(500)
                    .build())
            .build()) {
      health.register(
          Component.of("gone", "Gone", RedisHealthCheck.of(nowhere))
              .every(Duration.ofSeconds(30), Duration.ofSeconds(2)));

      CheckResult r = health.runNow("gone");

      assertThat(r.outcome()).isEqualTo(CheckOutcome.DOWN);
      assertThat(r.detail()).startsWith("JedisConnectionException");
    }
  }
}
