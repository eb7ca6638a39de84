package com.techradium.iris.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The one way to write through IRIS facades inside the host's own database transaction (the outbox
 * pattern): while a scope is open on a thread, every IRIS JDBC store called from that thread — by
 * any facade, validation included — reads and writes on the host's connection and never commits or
 * rolls back. The audit event, the job, the webhook message then exist exactly when the host's
 * change commits.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   saveOrder(c, order);
 *   try (JdbcTransaction joined = JdbcTransaction.join(c)) {
 *     audit.record(orderPlacedEvent);                                   // same transaction
 *     jobs.enqueue(tenant, JobSpec.builder("emails", "order.receipt").build());
 *   }
 *   c.commit();   // the order, its audit event and its receipt job — or none of them
 * }
 * }</pre>
 *
 * <p>A jOOQ host joins with {@link #join(DSLContext)} from inside its {@code transaction(...)}
 * block. Each multi-row change of a store runs under a savepoint, so a failed IRIS call (a
 * conflict, a constraint) undoes only its own writes and the host's transaction stays usable; a
 * failed single statement may leave the transaction aborted, as any SQL error does in PostgreSQL.
 * Locks IRIS takes (an audit chain's head, a job's row) are held until the host commits, so keep
 * joined transactions short. Work IRIS hands to background threads (the audit log's asynchronous
 * {@code enqueue}, job workers) does not join: use the synchronous operations inside a scope.
 *
 * <p>Scopes belong to the thread that opened them and do not nest. Open and close it on one thread.
 */
public final class JdbcTransaction implements AutoCloseable {
  private static final ThreadLocal<@Nullable JdbcTransaction> CURRENT = new ThreadLocal<>();

  private final Connection connection;
  private final DSLContext dsl;
  private final Thread owner;
  private boolean closed;

  private JdbcTransaction(Connection connection) {
    this.connection = connection;
    this.dsl = DSL.using(connection, SQLDialect.POSTGRES, JdbcContext.settings());
    this.owner = Thread.currentThread();
  }

  /**
   * Joins the transaction open on {@code connection} until the returned scope is closed.
   *
   * @param connection the host's connection, auto-commit off; it stays the host's to commit and
   *     close
   * @throws IllegalStateException if the connection is in auto-commit mode, or this thread has
   *     joined a transaction already
   */
  public static JdbcTransaction join(Connection connection) {
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
    JdbcTransaction scope = new JdbcTransaction(connection);
    CURRENT.set(scope);
    return scope;
  }

  /**
   * Joins the transaction of a jOOQ context, typically the one jOOQ hands to the host's {@code
   * dsl.transaction(configuration -> ...)} block: IRIS writes on that block's connection.
   *
   * @throws IllegalStateException as {@link #join(Connection)}
   */
  public static JdbcTransaction join(DSLContext transactional) {
    Objects.requireNonNull(transactional, "transactional");
    Connection connection = transactional.configuration().connectionProvider().acquire();
    if (connection == null) {
      throw new IllegalStateException("the jOOQ context has no connection to join");
    }
    return join(connection);
  }

  /** The scope this thread opened, if any. */
  static @Nullable JdbcTransaction current() {
    return CURRENT.get();
  }

  /** The host's connection, as a jOOQ context with IRIS's settings. */
  DSLContext dsl() {
    return dsl;
  }

  /** Runs {@code work} under a savepoint: its writes are undone if it throws. */
  <T> T inSavepoint(java.util.function.Supplier<T> work) {
    java.sql.Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new org.jooq.exception.DataAccessException("could not set a savepoint", e);
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
      throw new org.jooq.exception.DataAccessException("could not release a savepoint", e);
    }
    return result;
  }

  /**
   * Leaves the transaction: later IRIS calls on this thread use their own connections again.
   * Commits nothing. Idempotent.
   *
   * @throws IllegalStateException if called from another thread than the one that joined
   */
  @Override
  public void close() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a joined transaction must be left on the thread that joined");
    }
    if (!closed) {
      closed = true;
      CURRENT.remove();
    }
  }
}
