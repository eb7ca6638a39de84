package com.techradium.iris.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.testkit.ChildJvm;
import com.techradium.iris.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a host's log shows of a first use of IRIS on PostgreSQL 14: nothing of jOOQ (no logo, no
 * tip, no dialect version warning). In a fresh JVM, since jOOQ says each of these once per JVM.
 */
class JdbcQuietLogsTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final String DONE = "first use done";

  @TempDir Path dir;

  @Test
  void aFirstMigrateAndQueryLogNothingOfJooq() throws Exception {
    Path log = dir.resolve("child.log");
    try (ChildJvm child =
        ChildJvm.start(
            Child.class, List.of(postgres.jdbcUrl(), postgres.user(), postgres.password()), log)) {
      child.awaitWhileAlive(
          "the child migrated and queried",
          Duration.ofSeconds(120),
          () -> Files.exists(log) && Files.readString(log).contains(DONE));
    }

    String output = Files.readString(log);
    assertThat(output)
        .contains(DONE)
        .doesNotContain("jOOQ")
        .doesNotContain("Version mismatch")
        .doesNotContainIgnoringCase("tip of the day");
  }

  /** Migrates, runs a query through jOOQ, says so, and waits to be killed. */
  public static final class Child {
    private Child() {}

    /**
     * Runs the first use.
     *
     * @param args the JDBC URL, user and password
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(args[0]);
      source.setUser(args[1]);
      source.setPassword(args[2]);
      JdbcIris.migrate(source);
      int tenants =
          JdbcContext.of(source)
              .dsl()
              .fetchCount(JdbcContext.of(source).dsl().selectFrom("iris_tenants"));
      System.out.println(DONE + ", tenants: " + tenants);
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
