package com.techradium.iris.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Binds and reads the values of the stores' plain JDBC statements (the per-webhook and per-job hot
 * paths, which bypass jOOQ's rendering and record mapping): instants as {@code timestamptz}, and
 * nullable numbers and ids.
 */
public final class JdbcValues {
  /**
   * The configuration rows read on the hot paths are attached to before their fields are set: jOOQ
   * gives a detached record a new default configuration, with a copy of its settings, each time a
   * primary-key field of it is set.
   */
  private static final Configuration ROWS =
      DSL.using(SQLDialect.POSTGRES, JdbcContext.settings()).configuration();

  private JdbcValues() {}

  /**
   * {@code record}, empty, attached to a shared configuration so that setting its fields copies no
   * settings; for generated records filled from plain JDBC rows.
   *
   * @param record a new, empty generated record
   * @param <R> the record's type
   * @return the record, attached
   */
  public static <R extends Record> R attached(R record) {
    record.attach(ROWS);
    return record;
  }

  /**
   * Binds an instant as a {@code timestamptz}, or SQL null.
   *
   * @param s the statement
   * @param at the parameter's index, from 1
   * @param value the instant, or null
   * @throws SQLException if the driver refuses it
   */
  public static void setInstant(PreparedStatement s, int at, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(at, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(at, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /**
   * Binds an integer, or SQL null.
   *
   * @param s the statement
   * @param at the parameter's index, from 1
   * @param value the integer, or null
   * @throws SQLException if the driver refuses it
   */
  public static void setInteger(PreparedStatement s, int at, @Nullable Integer value)
      throws SQLException {
    if (value == null) {
      s.setNull(at, Types.INTEGER);
    } else {
      s.setInt(at, value);
    }
  }

  /**
   * A {@code timestamptz} column as an instant.
   *
   * @param r the result set, on a row
   * @param column the column's index, from 1
   * @return the instant, or null for SQL null
   * @throws SQLException if the column cannot be read as a timestamp
   */
  public static @Nullable Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * A {@code uuid} column.
   *
   * @param r the result set, on a row
   * @param column the column's index, from 1
   * @return the id, or null for SQL null
   * @throws SQLException if the column cannot be read as a UUID
   */
  public static @Nullable UUID uuid(ResultSet r, int column) throws SQLException {
    return r.getObject(column, UUID.class);
  }
}
