package com.techradium.iris.audit;

import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.DataAccessNotice;
import com.techradium.iris.core.IrisEvents;
import com.techradium.iris.core.SecurityNotice;
import java.util.function.Consumer;

/**
 * Turns the notices other facades publish on the shared context into audit events: a {@link
 * SecurityNotice} becomes a security event, an {@link AdminNotice} an admin event, a {@link
 * DataAccessNotice} a data-access event.
 */
final class AuditNotices {
  private AuditNotices() {}

  /** Subscribes {@code record} to every kind of notice on {@code events}. */
  static void subscribe(IrisEvents events, Consumer<AuditEvent> record) {
    events.subscribe(SecurityNotice.class, notice -> record.accept(security(notice)));
    events.subscribe(AdminNotice.class, notice -> record.accept(admin(notice)));
    events.subscribe(DataAccessNotice.class, notice -> record.accept(dataAccess(notice)));
  }

  static AuditEvent dataAccess(DataAccessNotice notice) {
    AuditEvent.Builder event =
        AuditEvents.dataAccess(
                notice.tenant(),
                notice.actorId(),
                DataCategory.valueOf(notice.kind().name()),
                notice.targetType(),
                notice.recordIds())
            .actor(notice.actorId(), ActorType.valueOf(notice.actor().name()))
            .action(notice.action())
            .purpose(notice.purpose());
    if (!notice.details().isEmpty()) {
      event.metadata(notice.details());
    }
    return event.build();
  }

  static AuditEvent security(SecurityNotice notice) {
    AuditEvent.Builder event =
        AuditEvents.security(
                notice.tenant(),
                SecurityEventKind.valueOf(notice.kind().name()),
                notice.actorId(),
                ActorType.valueOf(notice.actor().name()),
                notice.action())
            .ipAddress(notice.ipAddress());
    if (!notice.details().isEmpty()) {
      event.metadata(notice.details());
    }
    return event.build();
  }

  static AuditEvent admin(AdminNotice notice) {
    AuditEvent.Builder event =
        AuditEvents.adminAction(
                notice.tenant(),
                notice.actorId(),
                notice.action(),
                notice.targetType(),
                notice.targetId())
            .actor(notice.actorId(), ActorType.valueOf(notice.actor().name()));
    if (!notice.details().isEmpty()) {
      event.metadata(notice.details());
    }
    return event.build();
  }
}
