package com.example.modular;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.redis.RedisIris;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * Runs the quick start in memory and, given a JDBC URL, user, password and Redis URL, on
 * PostgreSQL and then with the job queue on Redis: records an audit event, creates a queue, runs a
 * job and prints what happened, one line per step.
 */
public final class ModularApp {
  private static final TenantId ACME = TenantId.of("acme");

  private ModularApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("module " + ModularApp.class.getModule().getName());
    System.out.println(tour("memory", Iris.builder()));
    if (args.length == 4) {
      try (HikariDataSource pool = JdbcIris.pool(args[0], args[1], args[2]);
          RedisClient redis = RedisClient.create(URI.create(args[3]))) {
        System.out.println("postgresql: migrations applied " + JdbcIris.migrate(pool));
        System.out.println(tour("postgresql", Iris.builder().storage(JdbcIris.storage(pool))));
        System.out.println(
            tour(
                "redis",
                Iris.builder().storage(RedisIris.storage(redis, JdbcIris.storage(pool)))));
      }
    }
  }

  private static String tour(String leg, Iris.Builder builder) throws InterruptedException {
    BlockingQueue<String> sent = new ArrayBlockingQueue<>(1);
    try (Iris iris =
        builder
            .jobs(
                jobs ->
                    jobs.handler("email.send", ctx -> sent.add(ctx.payload().get("to").asText())))
            .build()
            .start()) {
      iris.audit()
          .record(
              AuditEvent.builder(ACME, AuditCategory.AUDIT)
                  .actor("user-42")
                  .action("invoice.approve")
                  .target("invoice", "inv-7")
                  .build());
      String queue = "mail-" + leg;
      iris.jobs().createQueue(QueueConfig.defaults(queue).withConcurrency(2));
      iris.jobs()
          .enqueue(
              ACME,
              JobSpec.builder(queue, "email.send")
                  .payload("{\"to\":\"ana@example.com\"}")
                  .build());
      String to = sent.poll(30, TimeUnit.SECONDS);
      return leg
          + ": job sent to "
          + to
          + ", queue concurrency "
          + iris.jobs().getQueue(queue).orElseThrow().concurrency()
          + ", audit chain valid "
          + iris.audit().verify(ACME).valid()
          + ", status "
          + iris.health().statusSummary().toJson();
    }
  }
}
