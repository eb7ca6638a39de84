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
      String state = sqlState(failure).map(s -> " (SQLState " + s + ")").orElse("");
      return new StorageException(
          operation + " failed" + state + ": " + failure.getMessage(), failure);
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return new StorageException(operation + " failed: " + failure, failure);
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
