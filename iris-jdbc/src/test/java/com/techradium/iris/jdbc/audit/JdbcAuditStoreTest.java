package com.techradium.iris.jdbc.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.audit.AuditStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAuditStoreTest extends AuditStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static AuditStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared = JdbcAuditStore.of(postgres.dataSource());
  }

  @Override
  protected AuditStore newStore(Clock clock) {
    return shared;
  }
}
