package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditJson;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.IrisJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened, as the host reports it: who did what to which target, from where, with what
 * outcome, in which tenant and stream. {@link AuditLog} stamps it with an id and a time and the
 * store chains it into an {@link AuditRecord}.
 *
 * <p>One model serves the four streams. Stream-specific parts are null (or empty) elsewhere: {@code
 * securityKind} for {@link AuditCategory#SECURITY} (required there), {@code dataCategory}, {@code
 * recordIds} and {@code purpose} for {@link AuditCategory#DATA_ACCESS} ({@code dataCategory}
 * required there), {@code before}/{@code after} for {@link AuditCategory#ADMIN}.
 *
 * <p>Validated on construction: every problem is reported at once as a {@link ValidationException}
 * naming the fields ({@code actorId}, {@code action}, {@code metadata}, ...). Text fields are
 * single lines without control characters; JSON values ({@code metadata}, {@code before}, {@code
 * after}) are kept in {@linkplain AuditJson canonical form}, each at most {@value #MAX_JSON_BYTES}
 * bytes of UTF-8; {@code metadata} must be a JSON object. Build one with {@link #builder(TenantId,
 * AuditCategory)}.
 *
 * @param tenantId the tenant the event belongs to
 * @param category the stream, which is also the chain the event joins
 * @param actorId who acted: the host's id for the user, service, key or component
 * @param actorType what kind of actor {@code actorId} names
 * @param action what was done, a short stable name such as {@code "user.login"}
 * @param outcome how it ended
 * @param severity how serious it is
 * @param targetType the kind of thing acted on, such as {@code "invoice"}, or null
 * @param targetId the id of the thing acted on, or null; needs {@code targetType}
 * @param ipAddress the client's IP address, or null
 * @param userAgent the client's user agent, or null
 * @param requestId the host's request id, or null
 * @param securityKind the kind of a security event; required for SECURITY, null otherwise
 * @param dataCategory the kind of data read; required for DATA_ACCESS
 * @param recordIds the ids of the records read or changed; empty when none (null is taken as empty)
 * @param purpose why data was accessed, or null
 * @param metadata free-form details as a JSON object, or null
 * @param before the value before an admin change, as JSON, or null
 * @param after the value after an admin change, as JSON, or null
 */
public record AuditEvent(
    TenantId tenantId,
    AuditCategory category,
    String actorId,
    ActorType actorType,
    String action,
    Outcome outcome,
    Severity severity,
    @Nullable String targetType,
    @Nullable String targetId,
    @Nullable String ipAddress,
    @Nullable String userAgent,
    @Nullable String requestId,
    @Nullable SecurityEventKind securityKind,
    @Nullable DataCategory dataCategory,
    List<String> recordIds,
    @Nullable String purpose,
    @Nullable String metadata,
    @Nullable String before,
    @Nullable String after) {

  /** The longest {@code actorId}, in characters. */
  public static final int MAX_ACTOR_ID_LENGTH = 256;

  /** The longest {@code action}, in characters. */
  public static final int MAX_ACTION_LENGTH = 128;

  /** The longest {@code targetType}, in characters. */
  public static final int MAX_TARGET_TYPE_LENGTH = 64;

  /** The longest {@code targetId}, in characters. */
  public static final int MAX_TARGET_ID_LENGTH = 256;

  /** The longest {@code purpose}, in characters. */
  public static final int MAX_PURPOSE_LENGTH = 256;

  /** The most entries of {@code recordIds}. */
  public static final int MAX_RECORD_IDS = 1000;

  /** The longest entry of {@code recordIds}, in characters. */
  public static final int MAX_RECORD_ID_LENGTH = 256;

  /** The largest canonical JSON value ({@code metadata}, {@code before}, {@code after}), bytes. */
  public static final int MAX_JSON_BYTES = 16 * 1024;

  /**
   * Creates an {@code AuditEvent}, checking its components and copying its collections.
   *
   * @param tenantId the tenant the event belongs to
   * @param category the stream, which is also the chain the event joins
   * @param actorId who acted: the host's id for the user, service, key or component
   * @param actorType what kind of actor {@code actorId} names
   * @param action what was done, a short stable name such as {@code "user.login"}
   * @param outcome how it ended
   * @param severity how serious it is
   * @param targetType the kind of thing acted on, such as {@code "invoice"}, or null
   * @param targetId the id of the thing acted on, or null; needs {@code targetType}
   * @param ipAddress the client's IP address, or null
   * @param userAgent the client's user agent, or null
   * @param requestId the host's request id, or null
   * @param securityKind the kind of a security event; required for SECURITY, null otherwise
   * @param dataCategory the kind of data read; required for DATA_ACCESS
   * @param recordIds the ids of the records read or changed; empty when none (null is taken as
   *     empty)
   * @param purpose why data was accessed, or null
   * @param metadata free-form details as a JSON object, or null
   * @param before the value before an admin change, as JSON, or null
   * @param after the value after an admin change, as JSON, or null
   * @throws ValidationException if a component is invalid, naming each offending field
   */
  public AuditEvent {
    Validation validation = Validation.of();
    validation
        .required("tenantId", tenantId)
        .required("category", category)
        .text("actorId", actorId, MAX_ACTOR_ID_LENGTH)
        .required("actorType", actorType)
        .text("action", action, MAX_ACTION_LENGTH)
        .required("outcome", outcome)
        .required("severity", severity)
        .optionalText("targetType", targetType, MAX_TARGET_TYPE_LENGTH)
        .optionalText("targetId", targetId, MAX_TARGET_ID_LENGTH)
        .check(targetId == null || targetType != null, "targetType", "is required with a targetId")
        .optionalText("purpose", purpose, MAX_PURPOSE_LENGTH);
    RequestContext.checkInto(validation, ipAddress, userAgent, requestId);
    if (category == AuditCategory.SECURITY) {
      validation.required("securityKind", securityKind);
    } else {
      validation.check(securityKind == null, "securityKind", "is only allowed on SECURITY events");
    }
    if (category == AuditCategory.DATA_ACCESS) {
      validation.required("dataCategory", dataCategory);
    }
    recordIds = recordIds == null ? List.of() : recordIds;
    validation.check(
        recordIds.size() <= MAX_RECORD_IDS,
        "recordIds",
        "must hold at most " + MAX_RECORD_IDS + " ids");
    for (int i = 0; i < recordIds.size() && i < MAX_RECORD_IDS; i++) {
      validation.text("recordIds[" + i + "]", recordIds.get(i), MAX_RECORD_ID_LENGTH);
    }
    metadata = canonicalJson(validation, "metadata", metadata, true);
    before = canonicalJson(validation, "before", before, false);
    after = canonicalJson(validation, "after", after, false);
    validation.throwIfInvalid();
    recordIds = List.copyOf(recordIds);
  }

  /**
   * A builder for an event of {@code category} in {@code tenant}.
   *
   * @param tenant the tenant the event belongs to
   * @param category the stream
   * @return a builder; actor and action remain to be set
   */
  public static Builder builder(TenantId tenant, AuditCategory category) {
    return new Builder(
        Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(category, "category"));
  }

  /**
   * A builder preset from this event, to derive a variant.
   *
   * @return a builder holding this event's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The where-part of this event.
   *
   * @return the IP address, user agent and request id of this event
   */
  public RequestContext context() {
    return new RequestContext(ipAddress, userAgent, requestId);
  }

  private static @Nullable String canonicalJson(
      Validation validation, String field, @Nullable String json, boolean objectOnly) {
    if (json == null) {
      return null;
    }
    if (json.length() > MAX_JSON_BYTES) {
      validation.check(false, field, "must be at most " + MAX_JSON_BYTES + " bytes");
      return json;
    }
    String canonical;
    try {
      canonical = AuditJson.canonical(field, json);
    } catch (ValidationException e) {
      e.errors().forEach(error -> validation.check(false, error.field(), error.message()));
      return json;
    }
    validation.check(
        canonical.getBytes(StandardCharsets.UTF_8).length <= MAX_JSON_BYTES,
        field,
        "must be at most " + MAX_JSON_BYTES + " bytes");
    validation.check(!objectOnly || canonical.startsWith("{"), field, "must be a JSON object");
    validation.check(
        !canonical.equals("null"), field, "must be left out rather than set to JSON null");
    return canonical;
  }

  /**
   * Assembles an {@link AuditEvent}. Defaults: actor type {@link ActorType#USER}, outcome {@link
   * Outcome#SUCCESS}, severity {@link Severity#INFO} (or the kind's {@linkplain
   * SecurityEventKind#defaultSeverity() default} for security events). Not thread-safe.
   */
  public static final class Builder {
    private final TenantId tenantId;
    private final AuditCategory category;
    private @Nullable String actorId;
    private ActorType actorType = ActorType.USER;
    private @Nullable String action;
    private Outcome outcome = Outcome.SUCCESS;
    private @Nullable Severity severity;
    private @Nullable String targetType;
    private @Nullable String targetId;
    private @Nullable String ipAddress;
    private @Nullable String userAgent;
    private @Nullable String requestId;
    private @Nullable SecurityEventKind securityKind;
    private @Nullable DataCategory dataCategory;
    private List<String> recordIds = new ArrayList<>();
    private @Nullable String purpose;
    private @Nullable String metadata;
    private @Nullable String before;
    private @Nullable String after;

    private Builder(TenantId tenantId, AuditCategory category) {
      this.tenantId = tenantId;
      this.category = category;
    }

    private Builder(AuditEvent event) {
      this(event.tenantId, event.category);
      actorId = event.actorId;
      actorType = event.actorType;
      action = event.action;
      outcome = event.outcome;
      severity = event.severity;
      targetType = event.targetType;
      targetId = event.targetId;
      ipAddress = event.ipAddress;
      userAgent = event.userAgent;
      requestId = event.requestId;
      securityKind = event.securityKind;
      dataCategory = event.dataCategory;
      recordIds = new ArrayList<>(event.recordIds);
      purpose = event.purpose;
      metadata = event.metadata;
      before = event.before;
      after = event.after;
    }

    /**
     * Who acted: the host's id for the user, service, key or system component. Required.
     *
     * @param actorId the actor's id
     * @param actorType what kind of actor it is
     * @return this builder
     */
    public Builder actor(String actorId, ActorType actorType) {
      this.actorId = Objects.requireNonNull(actorId, "actorId");
      this.actorType = Objects.requireNonNull(actorType, "actorType");
      return this;
    }

    /**
     * A user actor.
     *
     * @param userId the user's id
     * @return this builder
     */
    public Builder actor(String userId) {
      return actor(Objects.requireNonNull(userId, "userId"), ActorType.USER);
    }

    /**
     * What was done, as a short stable name such as {@code "user.login"}. Required.
     *
     * @param action the action name
     * @return this builder
     */
    public Builder action(String action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * How it ended. Default {@link Outcome#SUCCESS}.
     *
     * @param outcome the outcome
     * @return this builder
     */
    public Builder outcome(Outcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /**
     * How serious it is. Default {@link Severity#INFO}, or the security kind's default.
     *
     * @param severity the severity
     * @return this builder
     */
    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /**
     * What was acted on: a type such as {@code "invoice"} and its id (either may be null).
     *
     * @param targetType the target's type, or null
     * @param targetId the target's id, or null
     * @return this builder
     */
    public Builder target(@Nullable String targetType, @Nullable String targetId) {
      this.targetType = targetType;
      this.targetId = targetId;
      return this;
    }

    /**
     * Where the action came from.
     *
     * @param context the IP address, user agent and request id
     * @return this builder
     */
    public Builder context(RequestContext context) {
      Objects.requireNonNull(context, "context");
      this.ipAddress = context.ipAddress();
      this.userAgent = context.userAgent();
      this.requestId = context.requestId();
      return this;
    }

    /**
     * The client's IP address (for security events: the source IP).
     *
     * @param ipAddress the IP address, or null
     * @return this builder
     */
    public Builder ipAddress(@Nullable String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    /**
     * The client's user agent.
     *
     * @param userAgent the user agent, or null
     * @return this builder
     */
    public Builder userAgent(@Nullable String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /**
     * The host's id of the request that caused the event.
     *
     * @param requestId the request id, or null
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * The kind of a security event. Required for {@link AuditCategory#SECURITY}.
     *
     * @param securityKind the kind, or null
     * @return this builder
     */
    public Builder securityKind(@Nullable SecurityEventKind securityKind) {
      this.securityKind = securityKind;
      return this;
    }

    /**
     * The kind of data read. Required for {@link AuditCategory#DATA_ACCESS}.
     *
     * @param dataCategory the data category, or null
     * @return this builder
     */
    public Builder dataCategory(@Nullable DataCategory dataCategory) {
      this.dataCategory = dataCategory;
      return this;
    }

    /**
     * The ids of the records read or changed.
     *
     * @param recordIds the record ids; replaces earlier ones
     * @return this builder
     */
    public Builder recordIds(List<String> recordIds) {
      this.recordIds = new ArrayList<>(Objects.requireNonNull(recordIds, "recordIds"));
      return this;
    }

    /**
     * Why the data was accessed (for example a ticket number or a legal basis).
     *
     * @param purpose the purpose, or null
     * @return this builder
     */
    public Builder purpose(@Nullable String purpose) {
      this.purpose = purpose;
      return this;
    }

    /**
     * Free-form details as a JSON object, at most {@value AuditEvent#MAX_JSON_BYTES} bytes.
     *
     * @param json a JSON object, or null
     * @return this builder
     */
    public Builder metadata(@Nullable String json) {
      this.metadata = json;
      return this;
    }

    /**
     * Free-form details as a map, serialised to JSON.
     *
     * @param values the details; values must be serialisable by Jackson
     * @return this builder
     */
    public Builder metadata(Map<String, ?> values) {
      this.metadata = IrisJson.write(Objects.requireNonNull(values, "values"));
      return this;
    }

    /**
     * The value before an admin change, as JSON.
     *
     * @param json any JSON value, or null
     * @return this builder
     */
    public Builder before(@Nullable String json) {
      this.before = json;
      return this;
    }

    /**
     * The value after an admin change, as JSON.
     *
     * @param json any JSON value, or null
     * @return this builder
     */
    public Builder after(@Nullable String json) {
      this.after = json;
      return this;
    }

    /**
     * The validated event.
     *
     * @return the event
     * @throws com.techradium.iris.core.ValidationException naming every invalid field
     */
    public AuditEvent build() {
      Severity chosen = severity;
      if (chosen == null) {
        chosen = securityKind != null ? securityKind.defaultSeverity() : Severity.INFO;
      }
      return new AuditEvent(
          tenantId,
          category,
          actorId,
          actorType,
          action,
          outcome,
          chosen,
          targetType,
          targetId,
          ipAddress,
          userAgent,
          requestId,
          securityKind,
          dataCategory,
          recordIds,
          purpose,
          metadata,
          before,
          after);
    }
  }
}
