package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the events of {@link AuditLog}'s ready-made recorders. Stateless. */
final class AuditEvents {
  private AuditEvents() {}

  static AuditEvent failedLogin(
      TenantId tenant, String account, RequestContext where, @Nullable String reason) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (reason != null) {
      metadata.put("reason", reason);
    }
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.FAILED_LOGIN)
        .actor(account, ActorType.USER)
        .action("user.login")
        .outcome(Outcome.FAILURE)
        .target("account", account)
        .context(where)
        .metadata(metadata)
        .build();
  }

  static AuditEvent security(
      TenantId tenant,
      SecurityEventKind kind,
      String actorId,
      ActorType actorType,
      String action,
      RequestContext where,
      Map<String, ?> metadata) {
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(kind)
        .actor(actorId, actorType)
        .action(action)
        .outcome(Outcome.DENIED)
        .context(where)
        .metadata(metadata)
        .build();
  }

  static AuditEvent keyMisuse(
      TenantId tenant, String apiKeyId, String reason, RequestContext where) {
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.KEY_MISUSE)
        .actor(apiKeyId, ActorType.API_KEY)
        .action("api_key.misuse")
        .outcome(Outcome.DENIED)
        .target("api_key", apiKeyId)
        .context(where)
        .metadata(Map.of("reason", reason))
        .build();
  }

  static AuditEvent dataAccess(
      TenantId tenant,
      String actorId,
      DataCategory dataCategory,
      String targetType,
      List<String> recordIds,
      @Nullable String purpose,
      RequestContext where) {
    return AuditEvent.builder(tenant, AuditCategory.DATA_ACCESS)
        .actor(actorId, ActorType.USER)
        .action(targetType + ".read")
        .dataCategory(dataCategory)
        .target(targetType, recordIds.size() == 1 ? recordIds.get(0) : null)
        .recordIds(recordIds)
        .purpose(purpose)
        .context(where)
        .build();
  }

  static AuditEvent adminAction(
      TenantId tenant,
      String actorId,
      String action,
      String targetType,
      String targetId,
      @Nullable String beforeJson,
      @Nullable String afterJson,
      RequestContext where) {
    return AuditEvent.builder(tenant, AuditCategory.ADMIN)
        .actor(actorId, ActorType.USER)
        .action(action)
        .severity(Severity.MEDIUM)
        .target(targetType, targetId)
        .before(beforeJson)
        .after(afterJson)
        .context(where)
        .build();
  }

  static AuditEvent apiRequest(
      TenantId tenant,
      String method,
      String path,
      int status,
      Duration latency,
      @Nullable String apiKeyId,
      @Nullable String actorId,
      RequestContext where) {
    Validation.of()
        .text("method", method, 16)
        .check(method == null || method.matches("[A-Za-z]+"), "method", "must be letters only")
        .text("path", path, AuditLog.MAX_PATH_LENGTH)
        .range("status", status, 100, 599)
        .required("latency", latency)
        .check(latency == null || !latency.isNegative(), "latency", "must not be negative")
        .throwIfInvalid();
    String actor = actorId != null ? actorId : apiKeyId != null ? apiKeyId : "anonymous";
    ActorType type =
        actorId != null
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
        .context(where)
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
