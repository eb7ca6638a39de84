package com.techradium.iris.jdbc.apikey;

import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.apikey.ApiKeyStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store held to the API key store contract, on a real server. */
class JdbcApiKeyStoreTest extends ApiKeyStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static ApiKeyStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared = JdbcApiKeyStore.of(postgres.dataSource());
  }

  @Override
  protected ApiKeyStore newStore(Clock clock) {
    return shared;
  }
}
