package com.techradium.iris.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.testkit.PostgresExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcIrisMigrateTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void migratingTwiceAppliesNothingTheSecondTime() {
    JdbcIris.migrate(postgres.dataSource());

    int second = JdbcIris.migrate(postgres.dataSource());

    assertThat(second).isZero();
    DSLContext dsl = JdbcContext.of(postgres.dataSource()).dsl();
    assertThat(dsl.fetchValue("select to_regclass('iris_tenants') is not null")).isEqualTo(true);
    assertThat(
            dsl.fetchValue(
                "select count(*) from " + JdbcIris.HISTORY_TABLE + " where version = '1'"))
        .isEqualTo(1L);
  }

  @Test
  void unreachableDatabaseIsAStorageException() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThatThrownBy(() -> JdbcIris.migrate(nowhere))
        .isInstanceOf(StorageException.class)
        .hasCauseInstanceOf(org.flywaydb.core.api.FlywayException.class);
  }
}
