package com.techradium.iris.testkit;

/**
 * Databases on the shared test PostgreSQL server (see {@link PostgresExtension}) for code that runs
 * outside JUnit, such as benchmarks: the same embedded server, or the one named by {@code
 * IRIS_TEST_JDBC_URL}. Thread-safe.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** Starts the server if needed and creates a new, empty database on it. */
  public static TestDatabase create() {
    return PostgresServer.shared().createDatabase();
  }

  /** Drops a database made by {@link #create()}. */
  public static void drop(TestDatabase database) {
    PostgresServer.shared().dropDatabase(database.name());
  }
}
