package com.techradium.iris.jdbc.internal;

import java.sql.Connection;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Runs a store's database work with failures translated to {@link
 * com.techradium.iris.core.StorageException} in one place, and on the host's transaction when the
 * calling thread has {@linkplain com.techradium.iris.jdbc.JdbcTransaction#join joined} one. Every
 * JDBC store holds one and goes through {@link #call}, {@link #run} or {@link #inTransaction}
 * rather than catching exceptions or opening transactions itself:
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
  /** The jOOQ logger of the dialect version warning. */
  static final String VERSION_SUPPORT_LOGGER =
      "org.jooq.impl.DefaultExecuteContext.logVersionSupport";

  static {
    // jOOQ prints a logo and a tip of the day on first use; a library's users did not ask for
    // them. A host that sets these properties itself keeps its choice.
    setUnlessSet("org.jooq.no-logo", "true");
    setUnlessSet("org.jooq.no-tips", "true");
    // jOOQ's open-source edition knows only the newest PostgreSQL dialect and warns ("Version
    // mismatch") on every older server; IRIS's SQL runs on PostgreSQL 13 and later, so the warning
    // says nothing to its users. Raised to ERROR through jOOQ's per-logger property.
    setUnlessSet("org.jooq.log." + VERSION_SUPPORT_LOGGER, "ERROR");
  }

  private static void setUnlessSet(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final DSLContext dsl;
  private final boolean joins;
  private final @Nullable DataSource source;

  private JdbcContext(DSLContext dsl, boolean joins, @Nullable DataSource source) {
    this.dsl = dsl;
    this.joins = joins;
    this.source = source;
  }

  /**
   * A context over a host-owned data source with IRIS's {@linkplain #settings() jOOQ settings}:
   * each query borrows a connection from the data source and returns it.
   */
  public static JdbcContext of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcContext(
        DSL.using(dataSource, SQLDialect.POSTGRES, settings()), true, dataSource);
  }

  /**
   * IRIS's jOOQ settings, a new mutable copy each call: names rendered as written (lower case,
   * quoted only where needed), no schema, no execute logging.
   */
  public static Settings settings() {
    return new Settings()
        .withRenderNameCase(RenderNameCase.AS_IS)
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
        .withRenderSchema(false)
        .withExecuteLogging(false)
        .withRenderFormatted(false)
        .withFetchWarnings(false);
  }

  /** A context over a jOOQ context the caller configured itself (PostgreSQL dialect expected). */
  public static JdbcContext of(DSLContext dsl) {
    return new JdbcContext(Objects.requireNonNull(dsl, "dsl"), true, null);
  }

  /**
   * The jOOQ context queries of this thread go to: the joined host transaction's, or this context's
   * own. Queries run on it directly are not translated.
   */
  public DSLContext dsl() {
    JoinedTransaction joined = joined();
    return joined != null ? joined.dsl() : dsl;
  }

  /**
   * The same context, except that its work never joins the calling thread's host transaction: for
   * deployment configuration that must commit on its own, whatever transaction the caller is in.
   */
  public JdbcContext detached() {
    return new JdbcContext(dsl, false, source);
  }

  private @Nullable JoinedTransaction joined() {
    if (!joins) {
      return null;
    }
    JoinedTransaction current = JoinedTransaction.current();
    return current != null && current.admits(source) ? current : null;
  }

  /**
   * Runs {@code work} outside an explicit transaction (each statement commits on its own; inside a
   * joined host transaction, on the host's connection) and returns its result.
   *
   * @param operation what is being done, for the failure message ("find tenant")
   * @throws com.techradium.iris.core.StorageException if the database fails; the cause is kept
   */
  public <T> T call(String operation, Function<? super DSLContext, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    try {
      return work.apply(dsl());
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
   * rolls back if it throws, so a multi-row change is all or nothing. Inside a {@linkplain
   * JoinedTransaction joined} host transaction it runs on the host's connection under a savepoint
   * instead, and commits with the host. {@code work} must use the {@link DSLContext} it is given,
   * not {@link #dsl()}. An {@link com.techradium.iris.core.IrisException} thrown by {@code work}
   * (for example a {@link com.techradium.iris.core.ConflictException}) rolls back and reaches the
   * caller unchanged.
   *
   * @param operation what is being done, for the failure message
   * @throws com.techradium.iris.core.StorageException if the database fails; the cause is kept
   */
  public <T> T inTransaction(String operation, Function<? super DSLContext, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    JoinedTransaction joined = joined();
    try {
      if (joined != null) {
        return joined.inSavepoint(() -> work.apply(joined.dsl()));
      }
      return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(operation, e);
    }
  }

  /**
   * Runs {@code work} that sends exactly one statement, which PostgreSQL runs atomically on its
   * own: like {@link #inTransaction}, without the round trips of an explicit transaction around it
   * (no {@code COMMIT}; the statement commits as it ends). Inside a {@linkplain JoinedTransaction
   * joined} host transaction it is {@link #inTransaction} (a savepoint, committing with the host).
   * A connection the data source hands out with auto-commit off gets a transaction of its own, so
   * the statement is never left uncommitted.
   *
   * @param operation what is being done, for the failure message
   * @param work the work, sending one statement on the {@link DSLContext} it is given
   * @return what {@code work} returned
   * @throws com.techradium.iris.core.StorageException if the database fails; the cause is kept
   */
  public <T> T inOneStatement(String operation, Function<? super DSLContext, ? extends T> work) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(work, "work");
    if (joined() != null) {
      return inTransaction(operation, work);
    }
    try {
      return dsl.connectionResult(
          c -> {
            DSLContext on = DSL.using(c, dsl.dialect(), dsl.settings());
            return c.getAutoCommit()
                ? work.apply(on)
                : on.transactionResult(t -> work.apply(t.dsl()));
          });
    } catch (RuntimeException e) {
      throw JdbcErrors.translate(operation, e);
    }
  }

  /**
   * Like {@link #inTransaction}, and for the duration of {@code work} the other IRIS stores over
   * the same data source, called on this thread, work in this transaction too (as they would in a
   * joined host transaction): so that, for example, an event and the jobs that deliver it commit
   * together. Inside a joined host transaction it is {@link #inTransaction}. The stores' work
   * inside runs without savepoints: if {@code work} throws, everything it wrote rolls back, so it
   * must not catch a store's failure and go on.
   */
  public <T> T inSharedTransaction(String operation, Supplier<? extends T> work) {
    Objects.requireNonNull(work, "work");
    if (source == null || JoinedTransaction.current() != null) { // a host's or another store's
      return inTransaction(operation, d -> work.get());
    }
    return inTransaction(
        operation,
        d -> {
          Connection connection = d.configuration().connectionProvider().acquire();
          JoinedTransaction shared = JoinedTransaction.bindFor(connection, source);
          try {
            return work.get();
          } finally {
            shared.unbind();
          }
        });
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
