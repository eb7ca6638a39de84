package com.techradium.iris.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.redis.OwnRedisServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * One {@code check} is one Redis command whatever the number of rules, counted by the server's
 * {@code INFO commandstats} (one EVALSHA per check) and by {@code MONITOR} (nothing else sent by a
 * client), on a server of this class's own; a check with a quota is two (the rules asked, the quota
 * taken in the store, the rules taken), one when its rules deny it.
 */
class RedisRateLimitRoundTripTest {
  private static OwnRedisServer server;
  private static RedisClient client;

  @BeforeAll
  static void startServer() {
    server = OwnRedisServer.start();
    client = server.client();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @Test
  void aRequestWithFiveRulesIsOneScriptCall() throws Exception {
    TenantId tenant = TenantId.of("acme");
    RateLimiter limiter = limiter(tenant, 1000);
    limiter.saveRule(
        tenant, rule("per-key", RateLimitAlgorithm.TOKEN_BUCKET, RateLimitScope.API_KEY));
    limiter.saveRule(
        tenant, rule("per-ip", RateLimitAlgorithm.SLIDING_WINDOW_LOG, RateLimitScope.IP));
    limiter.saveRule(
        tenant,
        rule("per-endpoint", RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, RateLimitScope.RESOURCE));
    RateLimitRequest request =
        RateLimitRequest.of(tenant, "api").user("u").apiKey("k").ip("203.0.113.1");
    limiter.check(request); // loads the script into the server's cache
    List<String> fromClients = new CopyOnWriteArrayList<>();
    Jedis monitor = server.jedis();
    CountDownLatch watching = new CountDownLatch(1);
    Thread watcher =
        new Thread(
            () -> {
              try {
                monitor.monitor(
                    new JedisMonitor() {
                      @Override
                      public void onCommand(String line) {
                        watching.countDown();
                        // Commands a script runs are shown as "[db lua]", a client's as "[db
                        // addr]".
                        // The test's own INFO is not the limiter's.
                        if (!line.contains(" lua]") && !line.toLowerCase().contains("\"info\"")) {
                          fromClients.add(line);
                        }
                      }
                    });
              } catch (RuntimeException closed) {
                // The test closed the monitoring connection.
              }
            });
    watcher.start();
    while (watching.getCount() > 0) {
      client.ping();
      watching.await(10, TimeUnit.MILLISECONDS);
    }
    client.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
    fromClients.clear();

    for (int i = 0; i < 50; i++) {
      assertThat(limiter.check(request).allowed()).isTrue();
    }

    // INFO commandstats counts the commands scripts run too; EVALSHA is the one a client sends.
    assertThat(commandCalls()).containsEntry("evalsha", 50L).doesNotContainKey("eval");
    // MONITOR streams what the server ran: the last lines may still be on their way.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fromClients.size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    monitor.close();
    watcher.join(5000);
    assertThat(fromClients)
        .hasSize(50)
        .allMatch(line -> line.contains("\"EVALSHA\"") || line.contains("\"evalsha\""));
  }

  @Test
  void aRequestWithAQuotaIsTwoScriptCallsAndOneARuleDenies() {
    TenantId tenant = TenantId.of("quota-acme");
    RateLimiter limiter = limiter(tenant, 10);
    limiter
        .quotas()
        .define(
            tenant, QuotaDefinition.daily("api-daily", 1000, ZoneOffset.UTC).forResource("api"));
    RateLimitRequest request = RateLimitRequest.of(tenant, "api").user("u");
    limiter.peek(request); // loads the script into the server's cache
    client.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.check(request).allowed()).isTrue();
    }
    // A peek, then the take: the quota sits in the store between them.
    assertThat(commandCalls()).containsEntry("evalsha", 20L);

    client.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.check(request).rule()).isEqualTo("api");
    }
    // Denied by the rule at the peek: no take, no quota.
    assertThat(commandCalls()).containsEntry("evalsha", 10L);
    assertThat(limiter.quotas().usage(tenant, "api-daily", null).used()).isEqualTo(10);
  }

  /** A limiter on the Redis counters with a tenant-wide "api" rule and a per-user GCRA rule. */
  private static RateLimiter limiter(TenantId tenant, long apiLimit) {
    RateLimiter limiter =
        RateLimiter.builder()
            .store(new InMemoryRateLimitStore())
            .counters(RedisRateLimitCounters.create(client))
            .build();
    limiter.saveRule(
        tenant,
        RateLimitRule.of("api", "api", apiLimit, Duration.ofMinutes(1), RateLimitScope.TENANT));
    limiter.saveRule(tenant, rule("per-user", RateLimitAlgorithm.GCRA, RateLimitScope.USER));
    return limiter;
  }

  private static RateLimitRule rule(
      String name, RateLimitAlgorithm algorithm, RateLimitScope scope) {
    return RateLimitRule.of(name, "api", 1000, Duration.ofMinutes(1), scope)
        .withAlgorithm(algorithm);
  }

  private static Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    for (String line : client.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String stats = line.substring(line.indexOf(':') + 1);
        for (String field : stats.split(",")) {
          if (field.startsWith("calls=")) {
            calls.put(name, Long.parseLong(field.substring("calls=".length())));
          }
        }
      }
    }
    return calls;
  }
}
