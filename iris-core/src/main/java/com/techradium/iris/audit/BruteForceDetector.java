package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts recent failed logins through the store after each one is recorded and records a detection
 * event when a rule's threshold is reached and no detection of that rule and key exists within its
 * window. Checks for one key are serialised within this process (striped locks); two processes
 * racing on the same key may each record one detection. Thread-safe.
 */
final class BruteForceDetector {
  private static final Logger LOG = LoggerFactory.getLogger(BruteForceDetector.class);
  static final String DETECTOR_ACTOR = "iris.brute-force-detector";

  private final AuditStore store;
  private final List<BruteForceRule> rules;
  private final AuditListener listener;
  private final Object[] locks = new Object[64];

  BruteForceDetector(AuditStore store, List<BruteForceRule> rules, AuditListener listener) {
    this.store = store;
    this.rules = List.copyOf(rules);
    this.listener = listener;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Checks every rule after a failed login of {@code account} from {@code ipAddress}. */
  List<BruteForceDetection> afterFailedLogin(
      TenantId tenant,
      String account,
      @Nullable String ipAddress,
      Instant now,
      Function<AuditEvent, AuditRecord> recorder) {
    List<BruteForceDetection> found = new ArrayList<>();
    for (BruteForceRule rule : rules) {
      String key = rule.scope() == BruteForceRule.Scope.ACCOUNT ? account : ipAddress;
      if (key == null) {
        continue;
      }
      BruteForceDetection detection = check(tenant, rule, key, now, recorder);
      if (detection != null) {
        found.add(detection);
        try {
          listener.onBruteForceDetected(detection);
        } catch (RuntimeException e) {
          LOG.warn("audit listener failed on a brute-force detection", e);
        }
      }
    }
    return List.copyOf(found);
  }

  private @Nullable BruteForceDetection check(
      TenantId tenant,
      BruteForceRule rule,
      String key,
      Instant now,
      Function<AuditEvent, AuditRecord> recorder) {
    Instant since = now.minus(rule.window());
    AuditQuery.Builder failures =
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.FAILED_LOGIN)
            .from(since);
    if (rule.scope() == BruteForceRule.Scope.ACCOUNT) {
      failures.actorId(key);
    } else {
      failures.ipAddress(key);
    }
    synchronized (
        locks[Math.floorMod((tenant.value() + '\u0000' + key).hashCode(), locks.length)]) {
      long count = store.count(failures.build());
      if (count < rule.maxFailures()) {
        return null;
      }
      AuditQuery earlier =
          AuditQuery.forTenant(tenant)
              .categories(AuditCategory.SECURITY)
              .securityKind(SecurityEventKind.BRUTE_FORCE_DETECTED)
              .action(rule.detectionAction())
              .target(rule.scope().targetType(), key)
              .from(since)
              .build();
      if (store.count(earlier) > 0) {
        return null;
      }
      AuditEvent.Builder event =
          AuditEvent.builder(tenant, AuditCategory.SECURITY)
              .securityKind(SecurityEventKind.BRUTE_FORCE_DETECTED)
              .actor(DETECTOR_ACTOR, ActorType.SYSTEM)
              .action(rule.detectionAction())
              .outcome(Outcome.DENIED)
              .target(rule.scope().targetType(), key)
              .metadata(
                  Map.of(
                      "failures", count,
                      "maxFailures", rule.maxFailures(),
                      "window", rule.window().toString()));
      if (rule.scope() == BruteForceRule.Scope.IP_ADDRESS) {
        event.ipAddress(key);
      }
      AuditRecord recorded = recorder.apply(event.build());
      return new BruteForceDetection(tenant, rule, key, count, recorded);
    }
  }
}
