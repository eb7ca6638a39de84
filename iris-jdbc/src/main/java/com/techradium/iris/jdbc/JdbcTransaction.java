package com.techradium.iris.jdbc;

import com.techradium.iris.jdbc.internal.JoinedTransaction;
import java.sql.Connection;
import java.util.Objects;
import org.jooq.DSLContext;

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
  private final JoinedTransaction joined;
  private boolean closed;

  private JdbcTransaction(JoinedTransaction joined) {
    this.joined = joined;
  }

  /**
   * Joins the transaction open on {@code connection} until the returned scope is closed.
   *
   * @param connection the host's connection, auto-commit off; it stays the host's to commit and
   *     close
   * @return the scope; close it (try-with-resources) before the host commits or rolls back
   * @throws NullPointerException if {@code connection} is null
   * @throws IllegalStateException if the connection is in auto-commit mode (or its mode cannot be
   *     read), or this thread has joined a transaction already
   */
  public static JdbcTransaction join(Connection connection) {
    return new JdbcTransaction(JoinedTransaction.bind(connection));
  }

  /**
   * Joins the transaction of a jOOQ context, typically the one jOOQ hands to the host's {@code
   * dsl.transaction(configuration -> ...)} block: IRIS writes on that block's connection.
   *
   * @param transactional the jOOQ context of the open transaction, such as {@code
   *     DSL.using(configuration)} inside the block
   * @return the scope; close it before the block ends
   * @throws NullPointerException if {@code transactional} is null
   * @throws IllegalStateException if the context has no connection, or as {@link #join(Connection)}
   */
  public static JdbcTransaction join(DSLContext transactional) {
    Objects.requireNonNull(transactional, "transactional");
    Connection connection = transactional.configuration().connectionProvider().acquire();
    if (connection == null) {
      throw new IllegalStateException("the jOOQ context has no connection to join");
    }
    return join(connection);
  }

  /**
   * Leaves the transaction: later IRIS calls on this thread use their own connections again.
   * Commits nothing. Idempotent.
   *
   * @throws IllegalStateException if called from another thread than the one that joined
   */
  @Override
  public void close() {
    if (!closed) {
      joined.unbind();
      closed = true;
    }
  }
}
