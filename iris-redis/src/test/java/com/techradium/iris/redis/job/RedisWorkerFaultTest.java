package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.job.WorkerUnderFaults;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Redis connections killed with {@code CLIENT KILL} again and again while a worker runs (pooled
 * connections and the subscriber of job signals): the worker survives and every job completes.
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
      assertThat(result.completed()).as("%s", result).isEqualTo(600);
      assertThat(result.ran()).isEqualTo(600);
    }
  }
}
