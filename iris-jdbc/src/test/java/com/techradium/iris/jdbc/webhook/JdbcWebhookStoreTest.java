package com.techradium.iris.jdbc.webhook;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.webhook.WebhookStoreContract;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcWebhookStoreTest extends WebhookStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static WebhookStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared = JdbcWebhookStore.of(postgres.dataSource());
  }

  @Override
  protected WebhookStore newStore(Clock clock) {
    return shared;
  }
}
