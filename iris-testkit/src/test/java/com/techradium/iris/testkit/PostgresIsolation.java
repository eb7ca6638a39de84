package com.techradium.iris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Shared steps of the two classes proving that test classes get separate databases. */
final class PostgresIsolation {
  private PostgresIsolation() {}

  /**
   * Creates a marker table and writes the class name into it. Fails if another class already made
   * the table in the same database, or if its rows are visible.
   */
  static void claimDatabase(DataSource dataSource, String owner) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE isolation_marker (owner text NOT NULL)");
      statement.execute("INSERT INTO isolation_marker VALUES ('" + owner + "')");
      List<String> owners = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT owner FROM isolation_marker")) {
        while (rows.next()) {
          owners.add(rows.getString(1));
        }
      }
      assertThat(owners).containsExactly(owner);
    }
  }
}
