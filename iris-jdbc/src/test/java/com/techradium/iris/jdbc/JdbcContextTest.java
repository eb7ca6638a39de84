package com.techradium.iris.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.JdbcErrors;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcContextTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static JdbcContext db;

  @BeforeAll
  static void createTable() {
    db = JdbcContext.of(postgres.dataSource());
    db.run("create", dsl -> dsl.execute("create table item (id int primary key, name text)"));
  }

  @BeforeEach
  void emptyTable() {
    db.run("empty", dsl -> dsl.execute("delete from item"));
  }

  @Test
  void failedStatementIsAStorageExceptionKeepingTheCause() {
    assertThatThrownBy(() -> db.call("read missing", dsl -> dsl.fetch("select * from missing")))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("read missing failed (SQLState 42P01)")
        .hasCauseInstanceOf(DataAccessException.class);
  }

  @Test
  void unreachableDatabaseIsAStorageException() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThatThrownBy(() -> JdbcContext.of(nowhere).call("ping", dsl -> dsl.fetch("select 1")))
        .isInstanceOf(StorageException.class)
        .hasCauseInstanceOf(DataAccessException.class);
  }

  @Test
  void uniqueViolationIsDetectable() {
    db.run("insert", dsl -> dsl.execute("insert into item values (1, 'a')"));

    assertThatThrownBy(
            () -> db.run("insert", dsl -> dsl.execute("insert into item values (1, 'b')")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(JdbcErrors.isUniqueViolation(e)).isTrue();
              assertThat(JdbcErrors.sqlState(e)).contains(JdbcErrors.UNIQUE_VIOLATION);
            });
  }

  @Test
  void transactionCommitsEveryRowWhenWorkReturns() {
    int written =
        db.inTransaction(
            "insert two",
            dsl ->
                dsl.execute("insert into item values (1, 'a')")
                    + dsl.execute("insert into item values (2, 'b')"));

    assertThat(written).isEqualTo(2);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void failedStatementInATransactionRollsBackEarlierRows() {
    assertThatThrownBy(
            () ->
                db.inTransactionRun(
                    "insert two",
                    dsl -> {
                      dsl.execute("insert into item values (1, 'a')");
                      dsl.execute("insert into item values (1, 'duplicate')");
                    }))
        .isInstanceOf(StorageException.class);

    assertThat(count()).isZero();
  }

  @Test
  void irisExceptionInATransactionRollsBackAndReachesTheCallerUnchanged() {
    ConflictException conflict = new ConflictException("already there");

    assertThatThrownBy(
            () ->
                db.inTransactionRun(
                    "insert then refuse",
                    dsl -> {
                      dsl.execute("insert into item values (1, 'a')");
                      throw conflict;
                    }))
        .isSameAs(conflict);

    assertThat(count()).isZero();
  }

  @Test
  void poolConnectsWithUrlAndCredentials() {
    try (HikariDataSource pool =
        JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      assertThat(JdbcContext.of(pool).dsl().fetchValue("select 1")).isEqualTo(1);
    }
  }

  private static int count() {
    return db.call("count", dsl -> dsl.fetchCount(dsl.selectFrom("item")));
  }
}
