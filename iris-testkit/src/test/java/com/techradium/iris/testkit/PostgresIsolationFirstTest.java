package com.techradium.iris.testkit;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresIsolationFirstTest {
  @Test
  void seesOnlyItsOwnTables(DataSource dataSource) throws SQLException {
    PostgresIsolation.claimDatabase(dataSource, "First");
  }
}
