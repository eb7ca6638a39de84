package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void runsInMemoryWithNoArguments() {
    String printed = run(DemoOptions.parse());

    assertThat(printed)
        .contains("IRIS demo: stores in memory")
        .contains("verify: valid")
        .contains("verify: BROKEN -> MODIFIED at DATA_ACCESS #1")
        .contains("ran password-reset priority 10")
        .contains("flaky job succeeded on attempt 3")
        .contains("player asked for bytes 131072-132095: got 1024 bytes")
        .contains("audit log holds 1 data-access event")
        .contains("1 recording re-wrapped")
        .contains("after rotation the recording still plays: true")
        .contains("one flipped bit: TamperedDataException")
        .contains("unreadable (crypto-shredded)");
  }

  @Test
  void runsOnPostgresqlAndRedis() {
    String printed =
        run(
            DemoOptions.parse(
                "--jdbc-url",
                postgres.jdbcUrl(),
                "--jdbc-user",
                postgres.user(),
                "--jdbc-password",
                postgres.password(),
                "--redis-url",
                redis.redis().url()));

    assertThat(printed)
        .contains("stores PostgreSQL at " + postgres.jdbcUrl())
        .contains("job queue on Redis at")
        .contains("verify: valid")
        .contains("verify: BROKEN -> MODIFIED at DATA_ACCESS #1")
        .contains("flaky job succeeded on attempt 3")
        .contains("player asked for bytes 131072-132095: got 1024 bytes")
        .contains("audit log holds 1 data-access event")
        .contains("1 recording re-wrapped")
        .contains("after rotation the recording still plays: true")
        .contains("one flipped bit: TamperedDataException")
        .contains("unreadable (crypto-shredded)");
  }

  @Test
  void rejectsUnknownOptionsWithTheUsage() {
    assertThatThrownBy(() -> DemoOptions.parse("--jdbc")).hasMessageContaining("usage: Demo");
    assertThatThrownBy(() -> DemoOptions.parse("--colour", "red"))
        .hasMessageContaining("unknown option --colour");
  }

  private static String run(DemoOptions options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), options);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
