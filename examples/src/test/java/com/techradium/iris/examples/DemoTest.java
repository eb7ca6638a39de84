package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.ApiKeyManager;
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
        .contains("validate sms:send from ::ffff:10.9.9.9  -> valid (tier PREMIUM)")
        .contains("validate calls:read from 192.0.2.1      -> ip_not_allowed")
        .contains("validate the old secret during grace    -> valid")
        .contains("validate the new secret after revoke    -> revoked")
        .doesNotContainPattern(ApiKeyManager.KEY_PATTERN)
        .contains("-> 503")
        .contains("delivery SUCCEEDED after 2 attempts")
        .contains("refused: payload")
        .contains("test.ping answered 200")
        .contains("rate limit: 100 of 105 api requests admitted")
        .contains("login locked after 5 failures: login-account-1m")
        .contains("exempt office block 10.20.0.0/16: allowed=true")
        .contains("daily sms quota: 260/1000 after a check of 10")
        .contains("violation api")
        .contains("alert tour-api-down fired")
        .contains("timeline: [investigating, identified, monitoring, resolved]")
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
        .contains("job queue and rate-limit counters on Redis at")
        .contains("verify: valid")
        .contains("verify: BROKEN -> MODIFIED at DATA_ACCESS #1")
        .contains("flaky job succeeded on attempt 3")
        .contains("validate sms:send from ::ffff:10.9.9.9  -> valid (tier PREMIUM)")
        .contains("validate calls:read from 192.0.2.1      -> ip_not_allowed")
        .contains("validate the old secret during grace    -> valid")
        .contains("validate the new secret after revoke    -> revoked")
        .doesNotContainPattern(ApiKeyManager.KEY_PATTERN)
        .contains("delivery SUCCEEDED after 2 attempts")
        .contains("test.ping answered 200")
        .contains("rate limit: 100 of 105 api requests admitted")
        .contains("custom GCRA rule: 3 of 10 searches")
        .contains("daily sms quota: 260/1000 after a check of 10")
        .contains("login locked after 5 failures: login-account-1m")
        .contains("violation api")
        .contains("alert tour-api-down fired")
        .contains("timeline: [investigating, identified, monitoring, resolved]")
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
