package com.techradium.iris.jdbc.job;

import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.job.spi.ClaimRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.jooq.conf.ParamType;

/**
 * The plans PostgreSQL runs for the statements inside a claim function (migrations V13, V20), with
 * the buffers they read: {@code auto_explain} reports nested statements to the client as notices.
 * The claim runs for real and is rolled back.
 */
final class ClaimPlans {
  private ClaimPlans() {}

  /**
   * {@code EXPLAIN (ANALYZE, BUFFERS)} of the statements the claim function ran, one per notice.
   */
  static String explain(DataSource pool, ClaimRequest request, Instant now) throws SQLException {
    return explain(
        pool,
        JobBulkSql.claimQuery(JdbcContext.of(pool).dsl(), request, now).getSQL(ParamType.INLINED));
  }

  /** {@code EXPLAIN (ANALYZE, BUFFERS)} of the statements {@code call} ran, one per notice. */
  static String explain(DataSource pool, String call) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("load 'auto_explain'");
      s.execute("set local auto_explain.log_min_duration = 0");
      s.execute("set local auto_explain.log_nested_statements = on");
      s.execute("set local auto_explain.log_analyze = on");
      s.execute("set local auto_explain.log_buffers = on");
      s.execute("set local auto_explain.log_timing = off");
      s.execute("set local auto_explain.log_level = notice");
      s.clearWarnings();
      s.executeQuery(call).close();
      StringBuilder plans = new StringBuilder();
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        plans.append(w.getMessage()).append('\n');
      }
      c.rollback();
      return plans.toString();
    }
  }

  /**
   * The shared buffers the statement starting with {@code text} read in all (its top node), from
   * the plans of {@link #explain}.
   */
  static int statementBuffers(String plans, String text) {
    for (String plan : plans.split("Query Text: ")) {
      if (plan.startsWith(text)) {
        for (String line : plan.split("\n")) {
          if (line.trim().startsWith("Buffers:")) {
            return Integer.parseInt(line.replaceAll(".*shared hit=(\\d+).*", "$1"));
          }
        }
      }
    }
    throw new AssertionError("no statement " + text + " in\n" + plans);
  }

  /** The shared buffers the first index scan on {@code index} read, from an EXPLAIN. */
  static int indexScanBuffers(String plan, String index) {
    String[] lines = plan.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("Index Scan using " + index + " ")) {
        for (int j = i + 1; j < lines.length; j++) {
          String line = lines[j].trim();
          if (line.startsWith("Buffers:")) {
            return Integer.parseInt(line.replaceAll(".*shared hit=(\\d+).*", "$1"));
          }
        }
      }
    }
    throw new AssertionError("no index scan on " + index + " in\n" + plan);
  }
}
