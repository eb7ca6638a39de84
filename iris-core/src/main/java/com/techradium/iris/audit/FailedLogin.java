package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failed login, as {@link AuditLog#recordFailedLogin(FailedLogin)} takes it: the account someone
 * tried to log in as, where from, and why it failed.
 *
 * <pre>{@code
 * audit.recordFailedLogin(FailedLogin.of(tenant, "alice")
 *     .withContext(RequestContext.ip("203.0.113.9"))
 *     .withReason("bad_password"));
 * }</pre>
 *
 * <p>The text is validated when the event is recorded ({@code actorId} for the account, the {@code
 * metadata} for the reason).
 *
 * @param tenantId the tenant of the account
 * @param account the account id the caller tried to log in as
 * @param context where the attempt came from; its IP address feeds the per-IP brute-force rules
 * @param reason why it failed (e.g. {@code "bad_password"}), or null
 */
public record FailedLogin(
    TenantId tenantId, String account, RequestContext context, @Nullable String reason) {
  /**
   * Creates a {@code FailedLogin}, checking its components.
   *
   * @param tenantId the tenant of the account
   * @param account the account id the caller tried to log in as
   * @param context where the attempt came from; its IP address feeds the per-IP brute-force rules
   * @param reason why it failed (e.g. {@code "bad_password"}), or null
   */
  public FailedLogin {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(context, "context");
  }

  /**
   * A failed login of {@code account} with no context and no reason.
   *
   * @param tenantId the tenant
   * @param account the account name the login tried
   * @return the failed login
   */
  public static FailedLogin of(TenantId tenantId, String account) {
    return new FailedLogin(tenantId, account, RequestContext.NONE, null);
  }

  /**
   * This failed login, coming from {@code context}.
   *
   * @param context the IP address, user agent and request id
   * @return a copy with that context
   */
  public FailedLogin withContext(RequestContext context) {
    return new FailedLogin(tenantId, account, context, reason);
  }

  /**
   * This failed login, failing for {@code reason}.
   *
   * @param reason why it failed, such as {@code "bad_password"}, or null
   * @return a copy with that reason
   */
  public FailedLogin withReason(@Nullable String reason) {
    return new FailedLogin(tenantId, account, context, reason);
  }
}
