package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExtensionTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void roundTripsARowThroughPostgres() throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE greeting (id int PRIMARY KEY, body text NOT NULL)");
      statement.execute("INSERT INTO greeting VALUES (1, 'hello')");
      try (ResultSet rows = statement.executeQuery("SELECT body FROM greeting WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("hello");
      }
    }
  }

  @Test
  void connectsToTheClassDatabase() throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo(postgres.database().name()).startsWith("iris_test_");
    }
  }

  @Test
  void exposesUrlAndCredentialsForOwnPools() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        PreparedStatement query = connection.prepareStatement("SELECT current_database()");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo(postgres.database().name());
    }
  }

  @Test
  void resolvesDataSourceParameters(DataSource dataSource) {
    assertThat(dataSource).isSameAs(postgres.dataSource());
  }
}
