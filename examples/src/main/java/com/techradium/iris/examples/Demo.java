package com.techradium.iris.examples;

import com.techradium.iris.Iris;
import com.techradium.iris.IrisStorage;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.okhttp.webhook.OkHttpWebhookTransport;
import com.techradium.iris.redis.RedisIris;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import redis.clients.jedis.RedisClient;

/**
 * Walks through IRIS and prints what happens. With no arguments everything runs in memory: no
 * server, no configuration. {@code --jdbc-url} moves every store to PostgreSQL (migrating it first)
 * and {@code --redis-url} moves the job queue to Redis; see {@link DemoOptions}.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(System.out, options);
  }

  static void run(PrintStream out, DemoOptions options) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      IrisStorage storage = storage(out, options, resources);
      byte[] checkpointKey = new byte[32];
      new SecureRandom().nextBytes(checkpointKey);
      byte[] pepper = new byte[32];
      new SecureRandom().nextBytes(pepper);
      byte[] webhookSecretKey = new byte[32];
      new SecureRandom().nextBytes(webhookSecretKey);
      try (Iris iris =
          Iris.builder()
              .storage(RecordingTour.withRecordingStore(storage))
              .recordings(r -> r.keyProvider(RecordingTour.keys()))
              .audit(a -> a.signer(new HmacCheckpointSigner("demo-key", checkpointKey)))
              .jobs(j -> j.pollInterval(Duration.ofMillis(20)))
              .apiKeys(k -> k.pepper(pepper))
              .webhooks(
                  w ->
                      w.transport(
                              OkHttpWebhookTransport.builder().allowNetworks("127.0.0.0/8").build())
                          .secretKey(new SecretKeySpec(webhookSecretKey, "AES"))
                          .allowHttp(true))
              .build()
              .start()) {
        kernel(out);
        AuditTour.run(out, iris.audit(), editor(storage, resources));
        out.println();
        JobTour.run(out, iris.jobs());
        out.println();
        ApiKeyTour.run(out, iris.apiKeys());
        out.println();
        WebhookTour.run(out, iris.webhooks());
        out.println();
        RateLimitTour.run(out, iris.rateLimits());
        out.println();
        MonitorTour.run(out, iris.health(), iris.incidents());
        out.println();
        RecordingTour.run(out, iris.recordings(), iris.audit());
      }
    } finally {
      closeAll(resources);
    }
  }

  private static IrisStorage storage(
      PrintStream out, DemoOptions options, List<AutoCloseable> resources) {
    IrisStorage storage = IrisStorage.inMemory();
    String where = "in memory";
    if (options.jdbcUrl() != null) {
      HikariDataSource pool =
          options.jdbcUser() == null
              ? JdbcIris.pool(options.jdbcUrl())
              : JdbcIris.pool(
                  options.jdbcUrl(),
                  options.jdbcUser(),
                  options.jdbcPassword() == null ? "" : options.jdbcPassword());
      resources.add(pool);
      int applied = JdbcIris.migrate(pool);
      storage = JdbcIris.storage(pool);
      where = "PostgreSQL at " + options.jdbcUrl() + " (" + applied + " migrations applied)";
    }
    out.println("IRIS demo: stores " + where);
    if (options.redisUrl() != null) {
      RedisClient redis = RedisClient.create(URI.create(options.redisUrl()));
      resources.add(redis);
      storage = RedisIris.storage(redis, storage);
      out.println("           job queue and rate-limit counters on Redis at " + options.redisUrl());
    }
    out.println();
    return storage;
  }

  private static AuditTour.StoredEventEditor editor(
      IrisStorage storage, List<AutoCloseable> resources) {
    if (storage.store(AuditStore.class) instanceof InMemoryAuditStore memory) {
      return AuditTour.inMemoryEditor(memory);
    }
    HikariDataSource pool = (HikariDataSource) resources.get(0);
    return new JdbcEventEditor(pool);
  }

  private static void kernel(PrintStream out) {
    out.println("== Kernel");
    TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
    out.println("time-ordered ids: " + ids.next() + " < " + ids.next());
    try {
      TenantId.of("not a tenant!");
    } catch (ValidationException e) {
      out.println("bad input is a typed error: " + e.getMessage());
    }
    out.println();
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("could not close " + resources.get(i) + ": " + e);
      }
    }
  }
}
