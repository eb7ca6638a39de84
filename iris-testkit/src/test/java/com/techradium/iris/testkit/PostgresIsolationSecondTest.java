package com.techradium.iris.testkit;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresIsolationSecondTest {
  @Test
  void seesOnlyItsOwnTables(DataSource dataSource) throws SQLException {
    PostgresIsolation.claimDatabase(dataSource, "Second");
  }
}
