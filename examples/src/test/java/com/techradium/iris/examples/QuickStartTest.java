package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.Iris;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's quick start, kept compiling and working. */
class QuickStartTest {
  private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
  private final Mailer mailer = sent::add;

  interface Mailer {
    void send(JsonNode email);
  }

  @Test
  void theQuickStartRecordsAnEventAndRunsAJob() throws InterruptedException {
    TenantId acme = TenantId.of("acme");
    VerificationReport report;
    try (Iris iris =
        Iris.builder()
            .jobs(jobs -> jobs.handler("email.send", ctx -> mailer.send(ctx.payload())))
            .build()
            .start()) {
      iris.audit()
          .record(
              AuditEvent.builder(acme, AuditCategory.AUDIT)
                  .actor("user-42")
                  .action("invoice.approve")
                  .target("invoice", "inv-7")
                  .build());
      iris.jobs()
          .enqueue(
              acme,
              JobSpec.builder("emails", "email.send")
                  .payload("{\"to\":\"ana@example.com\"}")
                  .priority(8)
                  .build());
      report = iris.audit().verify(acme);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }

    assertThat(report.valid()).isTrue();
    assertThat(sent)
        .singleElement()
        .satisfies(e -> assertThat(e.get("to").asText()).isEqualTo("ana@example.com"));
  }
}
