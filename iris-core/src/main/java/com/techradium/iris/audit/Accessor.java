package com.techradium.iris.audit;

import com.techradium.iris.core.Validation;
import org.jspecify.annotations.Nullable;

/**
 * Who is reading the audit log, and why. Every query and export made on someone's behalf takes an
 * accessor and is itself recorded as a {@link AuditCategory#DATA_ACCESS} event of {@link
 * DataCategory#AUDIT_TRAIL}, so the log shows who looked at the logs.
 *
 * @param actorId the reader's id
 * @param actorType the reader's kind
 * @param purpose why they read it (ticket, investigation), optional
 * @param context where the request came from
 */
public record Accessor(
    String actorId, ActorType actorType, @Nullable String purpose, RequestContext context) {
  /**
   * Creates an {@code Accessor}, checking its components.
   *
   * @param actorId the reader's id
   * @param actorType the reader's kind
   * @param purpose why they read it (ticket, investigation), optional
   * @param context where the request came from
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public Accessor {
    Validation.of()
        .text("accessedBy.actorId", actorId, AuditEvent.MAX_ACTOR_ID_LENGTH)
        .required("accessedBy.actorType", actorType)
        .optionalText("accessedBy.purpose", purpose, AuditEvent.MAX_PURPOSE_LENGTH)
        .required("accessedBy.context", context)
        .throwIfInvalid();
  }

  /**
   * A user reading for {@code purpose}.
   *
   * @param userId the reading user's id
   * @param purpose why the data is read, or null
   * @return the accessor
   */
  public static Accessor user(String userId, @Nullable String purpose) {
    return new Accessor(userId, ActorType.USER, purpose, RequestContext.NONE);
  }

  /**
   * A system process (for example a scheduled export).
   *
   * @param name the process's name, for example {@code "nightly-export"}
   * @param purpose why the data is read, or null
   * @return the accessor
   */
  public static Accessor system(String name, @Nullable String purpose) {
    return new Accessor(name, ActorType.SYSTEM, purpose, RequestContext.NONE);
  }
}
