package com.techradium.iris.jdbc.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.recording.RecordingMetadataStoreContract;
import java.sql.Connection;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRecordingMetadataStoreTest extends RecordingMetadataStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static RecordingMetadataStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    shared = JdbcRecordingMetadataStore.of(postgres.dataSource());
  }

  @Override
  protected RecordingMetadataStore newStore(Clock clock) {
    return shared;
  }

  @Test
  void anInsertInsideTheHostsTransactionRollsBackAndCommitsWithIt() throws Exception {
    TenantId tenant = newTenant();
    Recording rolledBack = recording(tenant, "k1");
    Recording committed = recording(tenant, "k1");
    try (Connection c = postgres.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store().insert(rolledBack);
      }
      c.rollback();
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store().insert(committed);
      }
      c.commit();
    }

    assertThat(store().find(tenant, rolledBack.id())).isEmpty();
    assertThat(store().find(tenant, committed.id())).contains(committed);
  }
}
