package com.techradium.iris.jdbc;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs a store's database work with failures translated to {@link
 * com.techradium.iris.core.StorageException} in one place. Every JDBC store holds one and goes
 * through {@link #call}, {@link #run} or {@link #inTransaction} rather than catching exceptions
 * itself:
 *
 * <pre>{@code
 * JdbcContext db = JdbcContext.of(dataSource);
 * Optional<TenantInfo> found = db.call("find tenant", dsl -> dsl.selectFrom(IRIS_TENANTS)...);
 * db.inTransaction("enqueue job", dsl -> { dsl.insertInto(...).execute(); ...; return id; });
 * }</pre>
 *
 * <p>Thread-safe; it holds no connection between calls. It never closes the data source.
 */
public final class JdbcContext {
  private final DSLContext dsl;

  private JdbcContext(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A context over a host-owned data source, with IRIS's jOOQ settings ({@link JdbcIris#dsl}). */
  public static JdbcContext of(javax.sql.DataSource dataSource) {
    return new JdbcContext(JdbcIris.dsl(dataSource));
  }

  /** A context over a jOOQ context the caller configured itself (PostgreSQL dialect expected). */
  public static JdbcContext of(DSLContext dsl) {
    return new JdbcContext(Objects.requireNonNull(dsl, "dsl"));
  }

  /** The underlying jOOQ context; queries run on it directly are not translated. */
  public DSLContext dsl() {
    return dsl;
  }

  /**
   * Runs {@code work} outside an explicit transaction (each statement commits on its own) and
   * returns its result.
   *
   * @param operation what is being done, for the failure message ("find tenant")
   * @throws com.techradium.iris.core.StorageException if the database fails; the cause is kept
   */
  public <T> T call(String operation, Function<? super DSLContext, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    try {
      return work.apply(dsl);
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(operation, e);
    }
  }

  /** Like {@link #call} for work without a result. */
  public void run(String operation, Consumer<? super DSLContext> work) {
    Objects.requireNonNull(work, "work");
    call(
        operation,
        d -> {
          work.accept(d);
          return null;
        });
  }

  /**
   * Runs {@code work} in one transaction on one connection: it commits if {@code work} returns and
   * rolls back if it throws, so a multi-row change is all or nothing. {@code work} must use the
   * {@link DSLContext} it is given, not {@link #dsl()}. An {@link
   * com.techradium.iris.core.IrisException} thrown by {@code work} (for example a {@link
   * com.techradium.iris.core.ConflictException}) rolls back and reaches the caller unchanged.
   *
   * @param operation what is being done, for the failure message
   * @throws com.techradium.iris.core.StorageException if the database fails; the cause is kept
   */
  public <T> T inTransaction(String operation, Function<? super DSLContext, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    try {
      return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(operation, e);
    }
  }

  /** Like {@link #inTransaction} for work without a result. */
  public void inTransactionRun(String operation, Consumer<? super DSLContext> work) {
    Objects.requireNonNull(work, "work");
    inTransaction(
        operation,
        d -> {
          work.accept(d);
          return null;
        });
  }
}
