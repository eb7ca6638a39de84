package com.example.modular;

import com.techradium.iris.Iris;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.job.JobSpec;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the quick start in memory and, given a JDBC URL, user and password, on PostgreSQL: records
 * an audit event, runs a job and prints what happened, one line per step.
 */
public final class ModularApp {
  private static final TenantId ACME = TenantId.of("acme");

  private ModularApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("module " + ModularApp.class.getModule().getName());
    System.out.println("memory: " + tour(Iris.builder()));
    if (args.length == 3) {
      try (HikariDataSource pool = JdbcIris.pool(args[0], args[1], args[2])) {
        System.out.println("postgresql: migrations applied " + JdbcIris.migrate(pool));
        System.out.println(
            "postgresql: " + tour(Iris.builder().storage(JdbcIris.storage(pool))));
      }
    }
  }

  private static String tour(Iris.Builder builder) throws InterruptedException {
    BlockingQueue<String> sent = new ArrayBlockingQueue<>(1);
    try (Iris iris =
        builder
            .jobs(jobs -> jobs.handler("email.send", ctx -> sent.add(ctx.payload().get("to").asText())))
            .build()
            .start()) {
      iris.audit()
          .record(
              AuditEvent.builder(ACME, AuditCategory.AUDIT)
                  .actor("user-42")
                  .action("invoice.approve")
                  .target("invoice", "inv-7")
                  .build());
      iris.jobs()
          .enqueue(
              ACME,
              JobSpec.builder("emails", "email.send")
                  .payload("{\"to\":\"ana@example.com\"}")
                  .build());
      String to = sent.poll(30, TimeUnit.SECONDS);
      return "job sent to "
          + to
          + ", audit chain valid "
          + iris.audit().verify(ACME).valid()
          + ", status "
          + iris.health().statusSummary().toJson();
    }
  }
}
