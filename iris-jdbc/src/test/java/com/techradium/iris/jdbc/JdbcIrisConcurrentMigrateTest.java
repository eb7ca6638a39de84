package com.techradium.iris.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.testkit.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcIrisConcurrentMigrateTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void nodesMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
    int nodes = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<Integer> applied = new ArrayList<>();
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Callable<Integer> node =
            () -> {
              start.await();
              return JdbcIris.migrate(postgres.dataSource());
            };
        results.add(pool.submit(node));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        applied.add(result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    DSLContext dsl = JdbcContext.of(postgres.dataSource()).dsl();
    long migrations =
        (Long)
            dsl.fetchValue(
                "select count(*) from "
                    + JdbcIris.HISTORY_TABLE
                    + " where success and version is not null and type = 'SQL'");
    assertThat(migrations).isPositive();
    assertThat(applied.stream().mapToInt(Integer::intValue).sum()).isEqualTo(migrations);
    assertThat(applied).filteredOn(n -> n > 0).hasSize(1);
    assertThat(dsl.fetchValue("select to_regclass('iris_tenants') is not null")).isEqualTo(true);
  }
}
