package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A handler that throws is logged once per failed attempt, at WARN, with the job's id, type, queue
 * and attempt and the exception, and never with its payload (which may hold personal data). The
 * test kit logs through slf4j-simple, which writes to the current {@code System.err}.
 */
class FailedHandlerLogTest {
  @Test
  void aFailedAttemptIsOneWarnLineWithoutThePayload() throws Exception {
    TenantId tenant = TenantId.of("log-test");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    Job job;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (IrisRuntime runtime = IrisRuntime.builder().build().start()) {
      JobQueue jobs =
          JobQueue.builder()
              .store(new InMemoryJobStore())
              .runtime(runtime)
              .handler(
                  "card.charge",
                  ctx -> {
                    throw new IllegalStateException("gateway unreachable");
                  })
              .build();
      job =
          jobs.enqueue(
              tenant,
              JobSpec.builder("reports", "card.charge")
                  .payload("{\"card\":\"4111111111111111\"}")
                  .maxAttempts(1)
                  .build());
      Await.until(
          "the job is dead",
          () -> jobs.get(tenant, job.id()).orElseThrow().state() == JobState.DEAD);
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = log.lines().filter(l -> l.contains(job.id().toString())).toList();
    assertThat(lines)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("WARN")
                    .contains("job " + job.id() + " (type card.charge, queue reports)")
                    .contains("failed on attempt 1"));
    assertThat(log).contains("java.lang.IllegalStateException: gateway unreachable");
    assertThat(log).doesNotContain("4111111111111111");
  }
}
