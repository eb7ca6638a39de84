package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.testkit.job.JobStoreContract;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.embedded.RedisShardedCluster;

/**
 * The Redis job store held to the job store contract on a real three-primary Redis Cluster (the
 * embedded-redis binary started as cluster nodes), through Jedis's cluster client: every script
 * passes Redis Cluster's key checks because all of the store's keys share one hash tag.
 */
class RedisJobStoreClusterTest extends JobStoreContract {
  private static RedisShardedCluster cluster;
  private static RedisClusterClient client;

  @BeforeAll
  static void startCluster() throws IOException {
    cluster =
        RedisShardedCluster.newRedisCluster()
            .shard("primary-1", 0)
            .shard("primary-2", 0)
            .shard("primary-3", 0)
            .initializationTimeout(Duration.ofSeconds(30))
            .ephemeral()
            .build();
    cluster.start();
    Set<HostAndPort> nodes = new HashSet<>();
    for (int port : cluster.serverPorts()) {
      nodes.add(new HostAndPort("127.0.0.1", port));
    }
    awaitClusterOk(nodes);
    client = RedisClusterClient.create(nodes);
  }

  /** Waits until every node reports every slot served (the nodes agree after a few gossips). */
  private static void awaitClusterOk(Set<HostAndPort> nodes) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (HostAndPort node : nodes) {
      try (Jedis jedis = new Jedis(node)) {
        while (!jedis.clusterInfo().contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the Redis cluster did not come up: " + node);
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the Redis cluster", e);
          }
        }
      }
    }
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Override
  protected JobStore newStore(Clock clock) {
    return RedisJobStore.create(client);
  }

  @Test
  void theClusterHasSeveralPrimariesAndEveryKeyTheStoreWritesLivesInOneSlot() {
    assertThat(client.getClusterNodes()).hasSizeGreaterThanOrEqualTo(3);
    com.techradium.iris.job.JobQueue jobs =
        com.techradium.iris.job.JobQueue.builder()
            .store(RedisJobStore.create(client))
            .knownTypes("slot.check")
            .build();
    String queue = newQueue();
    jobs.createQueue(com.techradium.iris.job.QueueConfig.defaults(queue));
    com.techradium.iris.core.TenantId tenant = newTenant();
    jobs.enqueue(tenant, com.techradium.iris.job.JobSpec.builder(queue, "slot.check").build());
    jobs.enqueue(
        tenant,
        com.techradium.iris.job.JobSpec.builder(queue, "slot.check")
            .idempotencyKey("once")
            .delay(Duration.ofHours(1))
            .build());
    jobs.createSchedule(
        tenant,
        com.techradium.iris.job.ScheduleSpec.of(
            "hourly", "0 * * * *", java.time.ZoneOffset.UTC, queue, "slot.check"));

    // The keys the store really wrote, read from every node, and the slot each node says they hash
    // to.
    Set<String> keys = new HashSet<>();
    Set<Long> slots = new HashSet<>();
    for (int port : cluster.serverPorts()) {
      try (Jedis node = new Jedis(new HostAndPort("127.0.0.1", port))) {
        for (String key : node.keys("iris:*")) {
          keys.add(key);
          slots.add(node.clusterKeySlot(key));
        }
      }
    }

    assertThat(keys).hasSizeGreaterThanOrEqualTo(8);
    assertThat(keys).anyMatch(k -> k.contains(":job:")).anyMatch(k -> k.contains(queue));
    assertThat(slots).hasSize(1);
    assertThat(slots.iterator().next())
        .isEqualTo((long) JedisClusterCRC16.getSlot(keys.iterator().next()));
  }
}
