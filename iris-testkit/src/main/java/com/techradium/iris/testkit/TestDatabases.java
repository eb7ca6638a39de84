package com.techradium.iris.testkit;

/**
 * Databases on the shared test PostgreSQL server (see {@link PostgresExtension}) for code that runs
 * outside JUnit, such as benchmarks: the same embedded server, or the one named by {@code
 * IRIS_TEST_JDBC_URL}. Thread-safe.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * Starts the server if needed and creates a new, empty database on it.
   *
   * @return the database; drop it with {@link #drop} when done
   * @throws IllegalStateException if no PostgreSQL server can be started or reached, saying what to
   *     install or set
   */
  public static TestDatabase create() {
    return PostgresServer.shared().createDatabase();
  }

  /**
   * Drops a database made by {@link #create()}, closing any connection still open on it.
   *
   * @param database the database to drop
   * @throws IllegalArgumentException if {@code database} is not a test database
   * @throws IllegalStateException if the server refuses the drop
   */
  public static void drop(TestDatabase database) {
    PostgresServer.shared().dropDatabase(database.name());
  }
}
