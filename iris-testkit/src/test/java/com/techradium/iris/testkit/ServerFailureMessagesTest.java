package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerFailureMessagesTest {
  @Test
  void malformedPostgresUrlNamesTheVariableAndTheExpectedForm() {
    assertThatThrownBy(() -> PostgresServer.external("mysql://db:3306/x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IRIS_TEST_JDBC_URL")
        .hasMessageContaining("jdbc:postgresql://host:5432/postgres?user=");
  }

  @Test
  void unreachablePostgresSaysHowToFallBackToTheEmbeddedServer() {
    assertThatThrownBy(
            () ->
                PostgresServer.external(
                    "jdbc:postgresql://127.0.0.1:1/postgres?user=u&password=p&connectTimeout=2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IRIS_TEST_JDBC_URL")
        .hasMessageContaining("unset the variable");
  }

  @Test
  void malformedRedisUrlNamesTheVariableAndTheExpectedForm() {
    assertThatThrownBy(() -> RedisTestServer.external("http://cache:6379"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IRIS_TEST_REDIS_URL")
        .hasMessageContaining("redis://host:6379");
  }

  @Test
  void unreachableRedisSaysHowToFallBackToAnEmbeddedServer() {
    assertThatThrownBy(() -> RedisTestServer.external("redis://127.0.0.1:1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IRIS_TEST_REDIS_URL")
        .hasMessageContaining("unset the variable");
  }
}
