package com.techradium.iris.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A read of a tenant's sensitive data that one facade reports for the audit log to record as a
 * data-access event, published on the shared context's {@link IrisEvents}: a call recording
 * streamed to a player, say. The audit log of the same context records each one; without an audit
 * log nobody listens and nothing is recorded.
 *
 * @param tenant whose data was read
 * @param actorId who read it: a user id, a service name — never a secret
 * @param actor what kind of party {@code actorId} names
 * @param action what was done, e.g. {@code "recording.stream"}
 * @param kind what kind of data it was
 * @param targetType the kind of record read, e.g. {@code "recording"}
 * @param recordIds which records were read
 * @param purpose why, as the reader stated it (e.g. {@code "quality-review"}), if given
 * @param details short facts kept as the event's metadata (a byte range...); never secrets
 */
public record DataAccessNotice(
    TenantId tenant,
    String actorId,
    NoticeActor actor,
    String action,
    Kind kind,
    String targetType,
    List<String> recordIds,
    @Nullable String purpose,
    Map<String, String> details) {

  /** The kind of data a {@link DataAccessNotice} reports a read of. */
  public enum Kind {
    /** Personally identifiable information (GDPR personal data), such as a call recording. */
    PII,
    /** Protected health information (HIPAA). */
    PHI,
    /** Payment and financial data. */
    FINANCIAL,
    /** Other confidential data. */
    CONFIDENTIAL
  }

  /**
   * Creates a {@code DataAccessNotice}, checking its components and copying its collections.
   *
   * @param tenant whose data was read
   * @param actorId who read it: a user id, a service name — never a secret
   * @param actor what kind of party {@code actorId} names
   * @param action what was done, e.g. {@code "recording.stream"}
   * @param kind what kind of data it was
   * @param targetType the kind of record read, e.g. {@code "recording"}
   * @param recordIds which records were read
   * @param purpose why, as the reader stated it (e.g. {@code "quality-review"}), if given
   * @param details short facts kept as the event's metadata (a byte range...); never secrets
   */
  public DataAccessNotice {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetType, "targetType");
    recordIds = List.copyOf(recordIds);
    details = Map.copyOf(details);
  }
}
