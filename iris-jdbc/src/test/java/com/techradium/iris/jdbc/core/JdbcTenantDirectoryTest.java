package com.techradium.iris.jdbc.core;

import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.TenantDirectoryContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcTenantDirectoryTest extends TenantDirectoryContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static TenantDirectory directory;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    directory = JdbcTenantDirectory.of(postgres.dataSource());
  }

  @Override
  protected TenantDirectory newStore(Clock clock) {
    return directory;
  }
}
