package com.techradium.iris.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.testkit.PostgresExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcErrorsTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void aMissingIrisTableSaysToRunTheMigrations() {
    JdbcJobStore unmigrated = JdbcJobStore.of(postgres.dataSource());

    assertThatThrownBy(() -> unmigrated.listSchedules(TenantId.of("acme")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("SQLState 42P01")
        .hasMessageContaining("run JdbcIris.migrate(dataSource)")
        .hasMessageContaining("V" + JdbcErrors.LATEST_MIGRATION);
  }

  @Test
  void theLatestMigrationConstantNamesTheNewestScript() throws IOException, URISyntaxException {
    URL folder = JdbcIris.class.getResource("/com/techradium/iris/jdbc/migration");
    Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest;
    try (Stream<Path> scripts = Files.list(Path.of(folder.toURI()))) {
      newest =
          scripts
              .map(p -> version.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(JdbcErrors.LATEST_MIGRATION).isEqualTo(newest);
  }
}
