package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.redis.OwnRedisServer;
import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.job.WorkerUnderFaults;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Faults of Redis while a worker runs: connections killed with {@code CLIENT KILL} again and again
 * (pooled connections and the subscriber of job signals), and the server process itself killed and
 * started again on its port again and again (a server of this class's own, persisting to its
 * append-only file). The worker survives and every job completes.
 */
class RedisWorkerFaultTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void killedConnectionsLoseNoJob() throws Exception {
    AtomicLong killed = new AtomicLong();
    try (RedisClient client = RedisClient.create(URI.create(redis.redis().url()));
        Jedis admin = new Jedis(redis.redis().host(), redis.redis().port())) {
      RedisJobStore store = RedisJobStore.create(client);
      WorkerUnderFaults.Result result =
          WorkerUnderFaults.run(
              store,
              store,
              600,
              () -> {
                killed.addAndGet(
                    admin.clientKill(
                        ClientKillParams.clientKillParams()
                            .type(ClientType.NORMAL)
                            .skipMe(ClientKillParams.SkipMe.YES)));
                killed.addAndGet(
                    admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB)));
              },
              () -> {},
              Duration.ofSeconds(3));

      assertThat(killed.get()).isPositive();
      result.assertNoJobLost(1);
    }
  }

  @Test
  void aRedisServerKilledAndRestartedAgainAndAgainLosesNoJob(@TempDir Path appendOnlyFile)
      throws Exception {
    try (OwnRedisServer server = OwnRedisServer.persistent(appendOnlyFile);
        RedisClient client = server.client()) {
      RedisJobStore store = RedisJobStore.create(client);
      WorkerUnderFaults.run(
              store,
              store,
              1000,
              WorkerUnderFaults.restart(server::stop, Duration.ofMillis(300), server::restart),
              () -> {},
              Duration.ofSeconds(4))
          .assertNoJobLost(2);
    }
  }
}
