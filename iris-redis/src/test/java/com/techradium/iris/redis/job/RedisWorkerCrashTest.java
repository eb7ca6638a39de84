package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.job.WorkerCrash;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * A worker JVM killed with SIGKILL mid-run on Redis: no job is lost, and the jobs that run twice
 * stay within the documented bound (unrecorded outcomes plus concurrency).
 */
class RedisWorkerCrashTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final int CONCURRENCY = 8;
  private static final int MAX_UNRECORDED = 16;

  @TempDir Path dir;

  @Test
  void aKilledWorkerLosesNoJobAndDuplicatesStayWithinTheBound() throws Exception {
    try (RedisClient client = RedisClient.create(URI.create(redis.redis().url()))) {
      WorkerCrash.Result result =
          WorkerCrash.crashAndRecover(
              RedisJobStore.create(client),
              Child.class,
              List.of(redis.redis().url()),
              3000,
              CONCURRENCY,
              MAX_UNRECORDED,
              dir);

      assertThat(result.completed()).isEqualTo(3000);
      assertThat(result.ranInChild()).isGreaterThanOrEqualTo(1000);
      assertThat(result.ranInChild() + result.ranHere() - result.duplicates()).isEqualTo(3000);
      assertThat(result.duplicates())
          .as("%s", result)
          .isLessThanOrEqualTo(MAX_UNRECORDED + CONCURRENCY);
    }
  }

  /** The killed worker: {@code redisUrl queue runs maxUnrecorded}. */
  public static final class Child {
    private Child() {}

    /** Runs a worker until killed. */
    public static void main(String[] args) throws Exception {
      RedisClient client = RedisClient.create(URI.create(args[0]));
      WorkerCrash.runChild(
          RedisJobStore.create(client), args[1], Path.of(args[2]), Integer.parseInt(args[3]));
    }
  }
}
