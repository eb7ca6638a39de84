package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter over one tenant's events. Every condition that is set must hold; unset conditions match
 * everything. {@link #matches(AuditRecord)} defines the semantics every store implements.
 *
 * @param tenantId the tenant; no query reaches another tenant's events
 * @param from events recorded at or after this instant (inclusive), or null
 * @param to events recorded before this instant (exclusive), or null
 * @param categories the streams to include; empty means all
 * @param actorId exact actor id
 * @param action exact action
 * @param targetType exact target type
 * @param targetId exact target id; requires {@code targetType}, as on events
 * @param outcome exact outcome
 * @param minSeverity severity at least this
 * @param securityKind exact security event kind
 * @param dataCategory exact data category
 * @param ipAddress exact IP address
 */
public record AuditQuery(
    TenantId tenantId,
    @Nullable Instant from,
    @Nullable Instant to,
    Set<AuditCategory> categories,
    @Nullable String actorId,
    @Nullable String action,
    @Nullable String targetType,
    @Nullable String targetId,
    @Nullable Outcome outcome,
    @Nullable Severity minSeverity,
    @Nullable SecurityEventKind securityKind,
    @Nullable DataCategory dataCategory,
    @Nullable String ipAddress) {

  /**
   * Creates an {@code AuditQuery}, checking its components and copying its collections.
   *
   * @param tenantId the tenant; no query reaches another tenant's events
   * @param from events recorded at or after this instant (inclusive), or null
   * @param to events recorded before this instant (exclusive), or null
   * @param categories the streams to include; empty means all
   * @param actorId exact actor id
   * @param action exact action
   * @param targetType exact target type
   * @param targetId exact target id; requires {@code targetType}, as on events
   * @param outcome exact outcome
   * @param minSeverity severity at least this
   * @param securityKind exact security event kind
   * @param dataCategory exact data category
   * @param ipAddress exact IP address
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public AuditQuery {
    Validation.of()
        .required("tenantId", tenantId)
        .check(from == null || to == null || from.isBefore(to), "to", "must be after from")
        .optionalText("actorId", actorId, AuditEvent.MAX_ACTOR_ID_LENGTH)
        .optionalText("action", action, AuditEvent.MAX_ACTION_LENGTH)
        .optionalText("targetType", targetType, AuditEvent.MAX_TARGET_TYPE_LENGTH)
        .optionalText("targetId", targetId, AuditEvent.MAX_TARGET_ID_LENGTH)
        .check(targetId == null || targetType != null, "targetType", "is required with a targetId")
        .optionalText("ipAddress", ipAddress, RequestContext.MAX_IP_LENGTH)
        .throwIfInvalid();
    categories =
        categories == null || categories.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(categories));
  }

  /**
   * A builder matching every event of {@code tenant}.
   *
   * @param tenant the owning tenant
   * @return a builder with no other condition
   */
  public static Builder forTenant(TenantId tenant) {
    return new Builder(Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * Everything one user did, in every stream, since {@code since} (all time when null).
   *
   * @param tenant the owning tenant
   * @param userId the user
   * @param since the earliest time included, or null for all time
   * @return the query
   */
  public static AuditQuery userActivity(TenantId tenant, String userId, @Nullable Instant since) {
    Objects.requireNonNull(userId, "userId");
    return forTenant(tenant).actorId(userId).from(since).build();
  }

  /**
   * Failed login attempts since {@code since}.
   *
   * @param tenant the owning tenant
   * @param since the earliest time included, or null for all time
   * @return the query
   */
  public static AuditQuery failedLogins(TenantId tenant, @Nullable Instant since) {
    return forTenant(tenant)
        .categories(AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.FAILED_LOGIN)
        .from(since)
        .build();
  }

  /**
   * Accesses to sensitive data, of one data category or all when null, since {@code since}.
   *
   * @param tenant the owning tenant
   * @param dataCategory the data category, or null for every category
   * @param since the earliest time included, or null for all time
   * @return the query
   */
  public static AuditQuery sensitiveAccess(
      TenantId tenant, @Nullable DataCategory dataCategory, @Nullable Instant since) {
    return forTenant(tenant)
        .categories(AuditCategory.DATA_ACCESS)
        .dataCategory(dataCategory)
        .from(since)
        .build();
  }

  /**
   * Admin activity since {@code since}.
   *
   * @param tenant the owning tenant
   * @param since the earliest time included, or null for all time
   * @return the query
   */
  public static AuditQuery adminActivity(TenantId tenant, @Nullable Instant since) {
    return forTenant(tenant).categories(AuditCategory.ADMIN).from(since).build();
  }

  /**
   * Security events of at least {@code minSeverity} (all when null) since {@code since}.
   *
   * @param tenant the owning tenant
   * @param minSeverity the lowest severity included, or null for all
   * @param since the earliest time included, or null for all time
   * @return the query
   */
  public static AuditQuery securityEvents(
      TenantId tenant, @Nullable Severity minSeverity, @Nullable Instant since) {
    return forTenant(tenant)
        .categories(AuditCategory.SECURITY)
        .minSeverity(minSeverity)
        .from(since)
        .build();
  }

  /**
   * Whether {@code record} satisfies every condition of this query.
   *
   * @param record a stored record
   * @return true if the record matches
   */
  public boolean matches(AuditRecord record) {
    AuditEvent e = record.event();
    return e.tenantId().equals(tenantId)
        && (from == null || !record.recordedAt().isBefore(from))
        && (to == null || record.recordedAt().isBefore(to))
        && (categories.isEmpty() || categories.contains(e.category()))
        && (actorId == null || actorId.equals(e.actorId()))
        && (action == null || action.equals(e.action()))
        && (targetType == null || targetType.equals(e.targetType()))
        && (targetId == null || targetId.equals(e.targetId()))
        && (outcome == null || outcome == e.outcome())
        && (minSeverity == null || e.severity().isAtLeast(minSeverity))
        && (securityKind == null || securityKind == e.securityKind())
        && (dataCategory == null || dataCategory == e.dataCategory())
        && (ipAddress == null || ipAddress.equals(e.ipAddress()));
  }

  /**
   * The conditions that are set, by name, for describing a query in the access log.
   *
   * @return the set conditions as text, by condition name, in a stable order
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "from", from);
    put(out, "to", to);
    if (!categories.isEmpty()) {
      out.put("categories", EnumSet.copyOf(categories).toString());
    }
    put(out, "actorId", actorId);
    put(out, "action", action);
    put(out, "targetType", targetType);
    put(out, "targetId", targetId);
    put(out, "outcome", outcome);
    put(out, "minSeverity", minSeverity);
    put(out, "securityKind", securityKind);
    put(out, "dataCategory", dataCategory);
    put(out, "ipAddress", ipAddress);
    return out;
  }

  private static void put(Map<String, String> out, String key, @Nullable Object value) {
    if (value != null) {
      out.put(key, value.toString());
    }
  }

  /** Assembles an {@link AuditQuery}. Not thread-safe. */
  public static final class Builder {
    private final TenantId tenantId;
    private @Nullable Instant from;
    private @Nullable Instant to;
    private final Set<AuditCategory> categories = EnumSet.noneOf(AuditCategory.class);
    private @Nullable String actorId;
    private @Nullable String action;
    private @Nullable String targetType;
    private @Nullable String targetId;
    private @Nullable Outcome outcome;
    private @Nullable Severity minSeverity;
    private @Nullable SecurityEventKind securityKind;
    private @Nullable DataCategory dataCategory;
    private @Nullable String ipAddress;

    private Builder(TenantId tenantId) {
      this.tenantId = tenantId;
    }

    /**
     * Recorded at or after {@code from}.
     *
     * @param from the earliest time included, or null for no lower bound
     * @return this builder
     */
    public Builder from(@Nullable Instant from) {
      this.from = from;
      return this;
    }

    /**
     * Recorded before {@code to}.
     *
     * @param to the time excluded, or null for no upper bound
     * @return this builder
     */
    public Builder to(@Nullable Instant to) {
      this.to = to;
      return this;
    }

    /**
     * In one of these streams (adds to earlier calls).
     *
     * @param categories the streams to add
     * @return this builder
     */
    public Builder categories(AuditCategory... categories) {
      Objects.requireNonNull(categories, "categories");
      for (int i = 0; i < categories.length; i++) {
        this.categories.add(Objects.requireNonNull(categories[i], "categories[" + i + "]"));
      }
      return this;
    }

    /**
     * Performed by this actor.
     *
     * @param actorId the actor, or null for any
     * @return this builder
     */
    public Builder actorId(@Nullable String actorId) {
      this.actorId = actorId;
      return this;
    }

    /**
     * With this action.
     *
     * @param action the action, or null for any
     * @return this builder
     */
    public Builder action(@Nullable String action) {
      this.action = action;
      return this;
    }

    /**
     * On this target type and id. The id may be null to match every target of the type; an id needs
     * its type (events carry no id without a type), else {@link #build()} throws.
     *
     * @param targetType the target type, or null for any (then {@code targetId} must be null)
     * @param targetId the target id, or null for any
     * @return this builder
     */
    public Builder target(@Nullable String targetType, @Nullable String targetId) {
      this.targetType = targetType;
      this.targetId = targetId;
      return this;
    }

    /**
     * With this outcome.
     *
     * @param outcome the outcome, or null for any
     * @return this builder
     */
    public Builder outcome(@Nullable Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /**
     * With at least this severity.
     *
     * @param minSeverity the lowest severity, or null for any
     * @return this builder
     */
    public Builder minSeverity(@Nullable Severity minSeverity) {
      this.minSeverity = minSeverity;
      return this;
    }

    /**
     * Security events of this kind (also restricts the query to {@code SECURITY}).
     *
     * @param securityKind the kind, or null for any
     * @return this builder
     */
    public Builder securityKind(@Nullable SecurityEventKind securityKind) {
      this.securityKind = securityKind;
      return this;
    }

    /**
     * Data-access events of this data category.
     *
     * @param dataCategory the data category, or null for any
     * @return this builder
     */
    public Builder dataCategory(@Nullable DataCategory dataCategory) {
      this.dataCategory = dataCategory;
      return this;
    }

    /**
     * From this IP address.
     *
     * @param ipAddress the IP address, or null for any
     * @return this builder
     */
    public Builder ipAddress(@Nullable String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    /**
     * The validated query.
     *
     * @return the query
     * @throws com.techradium.iris.core.ValidationException naming every invalid condition
     */
    public AuditQuery build() {
      return new AuditQuery(
          tenantId,
          from,
          to,
          categories,
          actorId,
          action,
          targetType,
          targetId,
          outcome,
          minSeverity,
          securityKind,
          dataCategory,
          ipAddress);
    }
  }
}
