package com.techradium.iris.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The host transaction the current thread has joined, if any: the one place {@link JdbcContext}
 * looks to decide whether a store's work runs on the host's connection. Opened and closed by the
 * public {@code JdbcTransaction} scope. Not part of the API.
 */
public final class JoinedTransaction {
  private static final ThreadLocal<@Nullable JoinedTransaction> CURRENT = new ThreadLocal<>();

  private final Connection connection;
  private final DSLContext dsl;
  private final Thread owner;
  private final @Nullable Object source;

  private JoinedTransaction(Connection connection, @Nullable Object source) {
    this.connection = connection;
    this.dsl = DSL.using(connection, SQLDialect.POSTGRES, JdbcContext.settings());
    this.owner = Thread.currentThread();
    this.source = source;
  }

  /**
   * Binds the transaction open on {@code connection} to the current thread.
   *
   * @throws IllegalStateException if the connection is in auto-commit mode, or this thread has
   *     joined a transaction already
   */
  public static JoinedTransaction bind(Connection connection) {
    return bind(connection, null);
  }

  /**
   * Binds an IRIS store's own transaction on {@code connection} to the current thread, for the
   * stores over the same data source only: the others keep their own connections (they may point at
   * another database).
   *
   * @throws IllegalStateException as {@link #bind(Connection)}
   */
  static JoinedTransaction bindFor(Connection connection, Object source) {
    return bind(connection, Objects.requireNonNull(source, "source"));
  }

  private static JoinedTransaction bind(Connection connection, @Nullable Object source) {
    Objects.requireNonNull(connection, "connection");
    try {
      if (connection.getAutoCommit()) {
        throw new IllegalStateException(
            "the connection must be in a transaction (auto-commit off) to join it");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the connection's auto-commit mode", e);
    }
    if (CURRENT.get() != null) {
      throw new IllegalStateException("this thread has already joined a transaction");
    }
    JoinedTransaction joined = new JoinedTransaction(connection, source);
    CURRENT.set(joined);
    return joined;
  }

  /** The transaction this thread joined, if any. */
  static @Nullable JoinedTransaction current() {
    return CURRENT.get();
  }

  /**
   * Whether a store over {@code dataSource} works in this transaction: every store does in a host's
   * transaction; only those over the same data source do in an IRIS store's own.
   */
  boolean admits(@Nullable Object dataSource) {
    return source == null || source == dataSource;
  }

  /**
   * Unbinds this transaction from the thread that bound it.
   *
   * @throws IllegalStateException if called from another thread
   */
  public void unbind() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a joined transaction must be left on the thread that joined");
    }
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }

  /** The host's connection, as a jOOQ context with IRIS's settings. */
  DSLContext dsl() {
    return dsl;
  }

  /**
   * Runs {@code work} under a savepoint: its writes are undone if it throws, and the host's
   * transaction stays usable. In an IRIS store's own shared transaction there is no host to keep a
   * transaction for: a failure there rolls all of it back, so the work runs without a savepoint
   * (two round trips fewer per store call).
   */
  <T> T inSavepoint(Supplier<T> work) {
    if (source != null) {
      return work.get();
    }
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new DataAccessException("could not set a savepoint", e);
    }
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new DataAccessException("could not release a savepoint", e);
    }
    return result;
  }
}
