package com.techradium.iris.examples;

import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.core.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Alters the purpose of a stored data-access event directly in PostgreSQL, as someone with owner
 * rights on the database could: switch off the append-only trigger, UPDATE the row, switch the
 * trigger back on, all in one transaction. The hashes stay as they were, so {@code verify} finds
 * the change. For the demo only.
 */
final class JdbcEventEditor implements AuditTour.StoredEventEditor {
  private final DataSource dataSource;

  JdbcEventEditor(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void replace(AuditRecord original, AuditEvent altered) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement ddl = connection.createStatement();
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE iris_audit_events SET purpose = ? WHERE tenant_id = ? AND id = ?")) {
        ddl.execute("ALTER TABLE iris_audit_events DISABLE TRIGGER iris_audit_events_append_only");
        update.setString(1, altered.purpose());
        update.setString(2, original.event().tenantId().value());
        update.setObject(3, original.id());
        update.executeUpdate();
        ddl.execute("ALTER TABLE iris_audit_events ENABLE TRIGGER iris_audit_events_append_only");
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("could not alter the stored event for the demo", e);
    }
  }
}
