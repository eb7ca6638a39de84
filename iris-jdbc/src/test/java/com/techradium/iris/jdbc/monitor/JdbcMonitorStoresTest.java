package com.techradium.iris.jdbc.monitor;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.monitor.MonitorStoreContract;
import com.techradium.iris.testkit.monitor.MonitorStores;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcMonitorStoresTest extends MonitorStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static MonitorStores shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared =
        new MonitorStores(
            JdbcCheckResultStore.of(postgres.dataSource()),
            JdbcMetricStore.of(postgres.dataSource()),
            JdbcAlertRuleStore.of(postgres.dataSource()),
            JdbcIncidentStore.of(postgres.dataSource()));
  }

  @Override
  protected MonitorStores newStore(Clock clock) {
    return shared;
  }
}
