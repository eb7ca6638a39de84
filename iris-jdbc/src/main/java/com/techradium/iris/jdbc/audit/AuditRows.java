package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.audit.ActorType;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.Outcome;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.Severity;
import com.techradium.iris.audit.spi.AuditJson;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisAuditEventsRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/** Converts between {@link AuditRecord}s and rows of {@code iris_audit_events}. Stateless. */
final class AuditRows {
  static final List<Field<?>> COLUMNS =
      List.of(
          IRIS_AUDIT_EVENTS.TENANT_ID,
          IRIS_AUDIT_EVENTS.CATEGORY,
          IRIS_AUDIT_EVENTS.SEQ,
          IRIS_AUDIT_EVENTS.ID,
          IRIS_AUDIT_EVENTS.RECORDED_AT,
          IRIS_AUDIT_EVENTS.ACTOR_ID,
          IRIS_AUDIT_EVENTS.ACTOR_TYPE,
          IRIS_AUDIT_EVENTS.ACTION,
          IRIS_AUDIT_EVENTS.OUTCOME,
          IRIS_AUDIT_EVENTS.SEVERITY,
          IRIS_AUDIT_EVENTS.TARGET_TYPE,
          IRIS_AUDIT_EVENTS.TARGET_ID,
          IRIS_AUDIT_EVENTS.IP_ADDRESS,
          IRIS_AUDIT_EVENTS.USER_AGENT,
          IRIS_AUDIT_EVENTS.REQUEST_ID,
          IRIS_AUDIT_EVENTS.SECURITY_KIND,
          IRIS_AUDIT_EVENTS.DATA_CATEGORY,
          IRIS_AUDIT_EVENTS.RECORD_IDS,
          IRIS_AUDIT_EVENTS.PURPOSE,
          IRIS_AUDIT_EVENTS.METADATA,
          IRIS_AUDIT_EVENTS.BEFORE_VALUE,
          IRIS_AUDIT_EVENTS.AFTER_VALUE,
          IRIS_AUDIT_EVENTS.PREVIOUS_HASH,
          IRIS_AUDIT_EVENTS.HASH);

  private AuditRows() {}

  /** The column values of {@code record}, in {@link #COLUMNS} order. */
  static List<Object> values(AuditRecord record) {
    AuditEvent e = record.event();
    return Arrays.asList(
        e.tenantId().value(),
        e.category().name(),
        record.sequence(),
        record.id(),
        record.recordedAt(),
        e.actorId(),
        e.actorType().name(),
        e.action(),
        e.outcome().name(),
        e.severity().name(),
        e.targetType(),
        e.targetId(),
        e.ipAddress(),
        e.userAgent(),
        e.requestId(),
        name(e.securityKind()),
        name(e.dataCategory()),
        JSONB.valueOf(IrisJson.write(e.recordIds())),
        e.purpose(),
        jsonb(e.metadata()),
        jsonb(e.before()),
        jsonb(e.after()),
        record.previousHash(),
        record.hash());
  }

  /**
   * The record a row holds. A row edited in the database so that it no longer forms a valid event
   * comes back as a placeholder event in the same chain position, whose hash cannot match, so
   * verification reports it as modified rather than failing.
   */
  static AuditRecord toRecord(IrisAuditEventsRecord row) {
    AuditEvent event;
    try {
      event = toEvent(row);
    } catch (RuntimeException e) {
      event =
          AuditEvent.builder(
                  TenantId.of(row.getTenantId()), AuditCategory.valueOf(row.getCategory()))
              .actor("unreadable-row", ActorType.SYSTEM)
              .action("unreadable-row")
              .securityKind(
                  row.getCategory().equals(AuditCategory.SECURITY.name())
                      ? SecurityEventKind.SUSPICIOUS_ACTIVITY
                      : null)
              .dataCategory(DataCategory.CONFIDENTIAL)
              .metadata(Map.of("error", String.valueOf(e.getMessage())))
              .build();
    }
    return new AuditRecord(
        row.getSeq(),
        row.getId(),
        row.getRecordedAt(),
        event,
        row.getPreviousHash(),
        row.getHash());
  }

  private static AuditEvent toEvent(IrisAuditEventsRecord row) {
    List<String> recordIds = new ArrayList<>();
    JsonNode ids = AuditJson.tree(row.getRecordIds().data());
    ids.forEach(id -> recordIds.add(id.textValue()));
    return new AuditEvent(
        TenantId.of(row.getTenantId()),
        AuditCategory.valueOf(row.getCategory()),
        row.getActorId(),
        ActorType.valueOf(row.getActorType()),
        row.getAction(),
        Outcome.valueOf(row.getOutcome()),
        Severity.valueOf(row.getSeverity()),
        row.getTargetType(),
        row.getTargetId(),
        row.getIpAddress(),
        row.getUserAgent(),
        row.getRequestId(),
        row.getSecurityKind() == null ? null : SecurityEventKind.valueOf(row.getSecurityKind()),
        row.getDataCategory() == null ? null : DataCategory.valueOf(row.getDataCategory()),
        recordIds,
        row.getPurpose(),
        data(row.getMetadata()),
        data(row.getBeforeValue()),
        data(row.getAfterValue()));
  }

  private static @Nullable String name(@Nullable Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static @Nullable JSONB jsonb(@Nullable String json) {
    return json == null ? null : JSONB.valueOf(json);
  }

  private static @Nullable String data(@Nullable JSONB json) {
    return json == null ? null : json.data();
  }
}
