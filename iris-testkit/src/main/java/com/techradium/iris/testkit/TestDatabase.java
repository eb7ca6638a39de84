package com.techradium.iris.testkit;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * One PostgreSQL database created for one test class: a {@link DataSource} opening connections to
 * it, and the JDBC URL and credentials a test needs to build its own pool.
 *
 * @param name the database name
 * @param jdbcUrl a JDBC URL of the database, without user or password
 * @param user the user to connect as
 * @param password the user's password (any value works on the embedded server)
 * @param dataSource a non-pooling data source opening a new connection per call; thread-safe
 */
public record TestDatabase(
    String name, String jdbcUrl, String user, String password, DataSource dataSource) {
  /**
   * Creates a {@code TestDatabase}, checking its components.
   *
   * @param name the database name
   * @param jdbcUrl a JDBC URL of the database, without user or password
   * @param user the user to connect as
   * @param password the user's password
   * @param dataSource a non-pooling data source of the database
   * @throws NullPointerException naming the component that is null
   */
  public TestDatabase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(dataSource, "dataSource");
  }
}
