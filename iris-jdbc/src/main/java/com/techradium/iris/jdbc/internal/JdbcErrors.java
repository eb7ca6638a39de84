package com.techradium.iris.jdbc.internal;

import com.techradium.iris.core.IrisException;
import com.techradium.iris.core.StorageException;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * Translates database failures into {@link StorageException}, and reads what a failure was. The one
 * place where JDBC and jOOQ exceptions become IRIS exceptions; {@link JdbcContext} calls it for
 * every statement and transaction it runs.
 */
public final class JdbcErrors {
  /** SQLState of a unique or primary-key violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  /** SQLState of a foreign-key violation. */
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  /** SQLState of a check-constraint violation. */
  public static final String CHECK_VIOLATION = "23514";

  /** SQLState of a serialization failure, worth retrying the transaction. */
  public static final String SERIALIZATION_FAILURE = "40001";

  /** SQLState of a table or view that does not exist. */
  public static final String UNDEFINED_TABLE = "42P01";

  /** SQLState of a column that does not exist. */
  public static final String UNDEFINED_COLUMN = "42703";

  /**
   * The newest migration this library ships ({@code V<n>__...sql}); a test keeps it equal to the
   * highest script in the migration folder.
   */
  public static final int LATEST_MIGRATION = 23;

  private JdbcErrors() {}

  /**
   * The exception to throw for {@code failure} raised while running {@code operation}: IRIS
   * exceptions pass through unchanged, database failures ({@link DataAccessException}, {@link
   * SQLException}) become a {@link StorageException} keeping the failure as its cause, and any
   * other runtime exception (a programming error) passes through unchanged.
   */
  public static RuntimeException translate(String operation, Throwable failure) {
    if (failure instanceof IrisException iris) {
      return iris;
    }
    if (failure instanceof DataAccessException || failure instanceof SQLException) {
      Optional<String> code = sqlState(failure);
      String state = code.map(s -> " (SQLState " + s + ")").orElse("");
      return new StorageException(
          operation + " failed" + state + ": " + failure.getMessage() + advice(code, failure),
          failure);
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return new StorageException(operation + " failed: " + failure, failure);
  }

  /**
   * What to do about a missing IRIS table or column: the database has not been migrated, or was
   * migrated by an older IRIS.
   */
  private static String advice(Optional<String> code, Throwable failure) {
    boolean missing =
        code.filter(c -> c.equals(UNDEFINED_TABLE) || c.equals(UNDEFINED_COLUMN)).isPresent();
    String message = String.valueOf(failure.getMessage());
    if (!missing || !message.contains("iris_")) {
      return "";
    }
    return ". IRIS's schema is missing or older than this library, which needs migrations up to V"
        + LATEST_MIGRATION
        + ": run JdbcIris.migrate(dataSource) at start-up (safe from many nodes at once)";
  }

  /** The SQLState of the first {@link SQLException} among the failure and its causes. */
  public static Optional<String> sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Whether the failure, or one of its causes, is a unique or primary-key violation. */
  public static boolean isUniqueViolation(Throwable failure) {
    return sqlState(failure).filter(UNIQUE_VIOLATION::equals).isPresent();
  }
}
