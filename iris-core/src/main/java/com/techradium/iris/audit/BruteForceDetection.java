package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import java.util.Objects;

/**
 * A brute-force burst found by a {@link BruteForceRule}.
 *
 * @param tenantId the tenant
 * @param rule the rule that fired
 * @param key the account id or IP address the failures share
 * @param failures failed logins counted within the rule's window
 * @param event the {@link SecurityEventKind#BRUTE_FORCE_DETECTED} event recorded for it
 */
public record BruteForceDetection(
    TenantId tenantId, BruteForceRule rule, String key, long failures, AuditRecord event) {
  /**
   * Creates a {@code BruteForceDetection}, checking its components.
   *
   * @param tenantId the tenant
   * @param rule the rule that fired
   * @param key the account id or IP address the failures share
   * @param failures failed logins counted within the rule's window
   * @param event the {@link SecurityEventKind#BRUTE_FORCE_DETECTED} event recorded for it
   */
  public BruteForceDetection {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(event, "event");
  }
}
