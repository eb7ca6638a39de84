package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ready-made events for the common cases of each stream. Each method returns a builder preset with
 * the stream's fields; add the optional parts (context, purpose, metadata...), build, and hand the
 * event to {@link AuditLog#record} or {@link AuditLog#enqueue}:
 *
 * <pre>{@code
 * audit.record(AuditEvents.dataAccess(tenant, "dr-lee", DataCategory.PHI, "patient", List.of("p-7"))
 *     .purpose("treatment").context(where).build());
 * audit.record(AuditEvents.adminAction(tenant, "root", "plan.change", "tenant", "acme")
 *     .before(beforeJson).after(afterJson).build());
 * audit.enqueue(AuditEvents.apiRequest(tenant, "GET", "/v1/calls", 200, latency)
 *     .apiKey(apiKeyId).context(where).build());
 * }</pre>
 *
 * <p>Failed logins are recorded through {@link AuditLog#recordFailedLogin(FailedLogin)}, which also
 * runs brute-force detection. Stateless.
 */
public final class AuditEvents {
  /** The longest HTTP path {@link #apiRequest} keeps. */
  public static final int MAX_PATH_LENGTH = 2048;

  private AuditEvents() {}

  /**
   * A security event of {@code kind} (outcome {@link Outcome#DENIED}, the kind's default severity).
   *
   * @param action what was attempted, e.g. {@code "api.call"}
   * @param tenant the owning tenant
   * @param kind the kind of security event
   * @param actorId who acted
   * @param actorType what kind of actor it is
   * @return a builder preset for the event
   */
  public static AuditEvent.Builder security(
      TenantId tenant, SecurityEventKind kind, String actorId, ActorType actorType, String action) {
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorType, "actorType");
    Objects.requireNonNull(action, "action");
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(Objects.requireNonNull(kind, "kind"))
        .actor(actorId, actorType)
        .action(action)
        .outcome(Outcome.DENIED);
  }

  /**
   * A {@link SecurityEventKind#RATE_LIMIT_VIOLATION}: {@code actorId} exceeded the rate limit
   * {@code limitName} (kept in the metadata as {@code limit}).
   *
   * @param tenant the owning tenant
   * @param actorId who exceeded the limit
   * @param actorType what kind of actor it is
   * @param limitName the name of the exceeded limit
   * @return a builder preset for the event
   */
  public static AuditEvent.Builder rateLimitViolation(
      TenantId tenant, String actorId, ActorType actorType, String limitName) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorType, "actorType");
    Objects.requireNonNull(limitName, "limitName");
    return security(
            tenant,
            SecurityEventKind.RATE_LIMIT_VIOLATION,
            actorId,
            actorType,
            "rate_limit.exceeded")
        .metadata(Map.of("limit", Objects.requireNonNull(limitName, "limitName")));
  }

  /**
   * A {@link SecurityEventKind#KEY_MISUSE} of API key {@code apiKeyId} (wrong scope, wrong IP,
   * revoked key...), the reason kept in the metadata.
   *
   * @param tenant the owning tenant
   * @param apiKeyId the key's id, never its secret
   * @param reason what was wrong, such as {@code "scope"} or {@code "revoked"}
   * @return a builder preset for the event
   */
  public static AuditEvent.Builder keyMisuse(TenantId tenant, String apiKeyId, String reason) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(reason, "reason");
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.KEY_MISUSE)
        .actor(apiKeyId, ActorType.API_KEY)
        .action("api_key.misuse")
        .outcome(Outcome.DENIED)
        .target("api_key", apiKeyId)
        .metadata(Map.of("reason", Objects.requireNonNull(reason, "reason")));
  }

  /**
   * A read of sensitive data by user {@code actorId}: the records' type and ids and the kind of
   * data (PII, PHI...); the action is {@code <targetType>.read}. Add the purpose with {@link
   * AuditEvent.Builder#purpose}.
   *
   * @param tenant the owning tenant
   * @param actorId the reading user
   * @param dataCategory the kind of data read
   * @param targetType the records' type, such as {@code "patient"}
   * @param recordIds the ids of the records read
   * @return a builder preset for the event
   */
  public static AuditEvent.Builder dataAccess(
      TenantId tenant,
      String actorId,
      DataCategory dataCategory,
      String targetType,
      List<String> recordIds) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(dataCategory, "dataCategory");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(recordIds, "recordIds");
    return AuditEvent.builder(tenant, AuditCategory.DATA_ACCESS)
        .actor(actorId, ActorType.USER)
        .action(targetType + ".read")
        .dataCategory(dataCategory)
        .target(targetType, recordIds.size() == 1 ? recordIds.get(0) : null)
        .recordIds(recordIds);
  }

  /**
   * A privileged action by user {@code actorId} (severity {@link Severity#MEDIUM}); add the
   * target's value before and after with {@link AuditEvent.Builder#before} and {@link
   * AuditEvent.Builder#after}.
   *
   * @param tenant the owning tenant
   * @param actorId the acting user
   * @param action the action name
   * @param targetType the changed thing's type
   * @param targetId the changed thing's id
   * @return a builder preset for the event
   */
  public static AuditEvent.Builder adminAction(
      TenantId tenant, String actorId, String action, String targetType, String targetId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    return AuditEvent.builder(tenant, AuditCategory.ADMIN)
        .actor(actorId, ActorType.USER)
        .action(action)
        .severity(Severity.MEDIUM)
        .target(targetType, targetId);
  }

  /**
   * One API request, for hosts that log every request from a filter. The outcome follows the status
   * (2xx/3xx success, 401/403 denied, other 4xx failure, 5xx error); the actor is the user, else
   * the API key, else anonymous.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the request path (without query string), at most {@value #MAX_PATH_LENGTH} chars
   * @param status the HTTP status, 100 to 599
   * @param latency how long the request took
   * @param tenant the owning tenant
   * @return a builder for the request's event
   */
  public static ApiRequestBuilder apiRequest(
      TenantId tenant, String method, String path, int status, Duration latency) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(latency, "latency");
    return new ApiRequestBuilder(tenant, method, path, status, latency);
  }

  /** Assembles the event of one API request; see {@link #apiRequest}. Not thread-safe. */
  public static final class ApiRequestBuilder {
    private final TenantId tenant;
    private final String method;
    private final String path;
    private final int status;
    private final Duration latency;
    private @Nullable String apiKeyId;
    private @Nullable String userId;
    private RequestContext context = RequestContext.NONE;

    private ApiRequestBuilder(
        TenantId tenant, String method, String path, int status, Duration latency) {
      this.tenant = tenant;
      this.method = method;
      this.path = path;
      this.status = status;
      this.latency = latency;
    }

    /**
     * The API key used, if any (its id, never the secret).
     *
     * @param apiKeyId the key's id, or null
     * @return this builder
     */
    public ApiRequestBuilder apiKey(@Nullable String apiKeyId) {
      this.apiKeyId = apiKeyId;
      return this;
    }

    /**
     * The authenticated user, if any.
     *
     * @param userId the user's id, or null
     * @return this builder
     */
    public ApiRequestBuilder user(@Nullable String userId) {
      this.userId = userId;
      return this;
    }

    /**
     * Where the request came from.
     *
     * @param context the IP address, user agent and request id
     * @return this builder
     */
    public ApiRequestBuilder context(RequestContext context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * The validated event.
     *
     * @return the event
     * @throws com.techradium.iris.core.ValidationException naming {@code method}, {@code path},
     *     {@code status}, {@code latency} or the event's fields
     */
    public AuditEvent build() {
      Validation.of()
          .text("method", method, 16)
          .check(method == null || method.matches("[A-Za-z]+"), "method", "must be letters only")
          .text("path", path, MAX_PATH_LENGTH)
          .range("status", status, 100, 599)
          .required("latency", latency)
          .check(latency == null || !latency.isNegative(), "latency", "must not be negative")
          .throwIfInvalid();
      String actor = userId != null ? userId : apiKeyId != null ? apiKeyId : "anonymous";
      ActorType type =
          userId != null
              ? ActorType.USER
              : apiKeyId != null ? ActorType.API_KEY : ActorType.ANONYMOUS;
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("method", method.toUpperCase(Locale.ROOT));
      metadata.put("path", path);
      metadata.put("status", status);
      metadata.put("latencyMicros", latency.toNanos() / 1000);
      if (apiKeyId != null) {
        metadata.put("apiKeyId", apiKeyId);
      }
      return AuditEvent.builder(tenant, AuditCategory.AUDIT)
          .actor(actor, type)
          .action("api.request")
          .outcome(outcomeOf(status))
          .severity(status >= 500 ? Severity.LOW : Severity.INFO)
          .target("http_path", path)
          .context(context)
          .metadata(metadata)
          .build();
    }
  }

  /** The event of a failed login; recorded only by {@link AuditLog#recordFailedLogin}. */
  static AuditEvent failedLogin(FailedLogin login) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (login.reason() != null) {
      metadata.put("reason", login.reason());
    }
    return AuditEvent.builder(login.tenantId(), AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.FAILED_LOGIN)
        .actor(login.account(), ActorType.USER)
        .action("user.login")
        .outcome(Outcome.FAILURE)
        .target("account", login.account())
        .context(login.context())
        .metadata(metadata)
        .build();
  }

  /** The data-access event recording that {@code reader} read the log through {@code query}. */
  static AuditEvent auditRead(
      AuditQuery query, Accessor reader, String action, Map<String, String> details) {
    Map<String, Object> metadata = new LinkedHashMap<>(details);
    metadata.put("filter", query.describe());
    return AuditEvent.builder(query.tenantId(), AuditCategory.DATA_ACCESS)
        .actor(reader.actorId(), reader.actorType())
        .action(action)
        .dataCategory(DataCategory.AUDIT_TRAIL)
        .target("audit_log", query.tenantId().value())
        .purpose(reader.purpose())
        .context(reader.context())
        .metadata(metadata)
        .build();
  }

  static AuditEvent legalHold(
      TenantId tenant, Accessor by, String reason, boolean before, boolean held) {
    Validation.of().text("reason", reason, AuditEvent.MAX_PURPOSE_LENGTH).throwIfInvalid();
    return AuditEvent.builder(tenant, AuditCategory.ADMIN)
        .actor(by.actorId(), by.actorType())
        .action(held ? "audit.legal_hold.place" : "audit.legal_hold.release")
        .severity(Severity.HIGH)
        .target("audit_log", tenant.value())
        .before("{\"legalHold\":" + before + "}")
        .after("{\"legalHold\":" + held + "}")
        .purpose(reason)
        .context(by.context())
        .build();
  }

  private static Outcome outcomeOf(int status) {
    if (status >= 500) {
      return Outcome.ERROR;
    }
    if (status == 401 || status == 403) {
      return Outcome.DENIED;
    }
    return status >= 400 ? Outcome.FAILURE : Outcome.SUCCESS;
  }
}
