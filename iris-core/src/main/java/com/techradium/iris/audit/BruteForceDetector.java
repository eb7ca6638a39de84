package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.LoginLockout;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a detection event when a brute-force burst is found and no detection of that rule and key
 * exists within its window. A burst is found one of two ways: on its own, the detector counts
 * recent failed logins through the store after each one is recorded ({@link #afterFailedLogin});
 * when a rate limiter shares the context, the limiter's login rules count them and report the
 * lockouts a failure starts ({@link #afterLockouts}). Checks for one key are serialised within this
 * process (striped locks); two processes racing on the same key may each record one detection.
 * Thread-safe.
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

  /** Counts through the store and checks every rule after a failed login. */
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
      synchronized (lock(tenant, key)) {
        long count = store.count(failures(tenant, rule, key, now));
        if (count >= rule.maxFailures()) {
          detected(tenant, rule, key, count, Map.of(), now, recorder, found);
        }
      }
    }
    return notify(found);
  }

  /**
   * Records a detection for each lockout the rate limiter's login rules report for a failed login
   * (each counted there, not in the store).
   */
  List<BruteForceDetection> afterLockouts(
      TenantId tenant,
      List<LoginLockout> lockouts,
      Instant now,
      Function<AuditEvent, AuditRecord> recorder) {
    List<BruteForceDetection> found = new ArrayList<>();
    for (LoginLockout lockout : lockouts) {
      BruteForceRule rule =
          new BruteForceRule(
              lockout.scope() == LoginLockout.Scope.ACCOUNT
                  ? BruteForceRule.Scope.ACCOUNT
                  : BruteForceRule.Scope.IP_ADDRESS,
              lockout.limit().maxFailures(),
              lockout.limit().window());
      synchronized (lock(tenant, lockout.key())) {
        detected(
            tenant,
            rule,
            lockout.key(),
            rule.maxFailures(),
            Map.of("rule", lockout.rule()),
            now,
            recorder,
            found);
      }
    }
    return notify(found);
  }

  private Object lock(TenantId tenant, String key) {
    return locks[Math.floorMod((tenant.value() + '\u0000' + key).hashCode(), locks.length)];
  }

  private static AuditQuery failures(
      TenantId tenant, BruteForceRule rule, String key, Instant now) {
    AuditQuery.Builder failures =
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.FAILED_LOGIN)
            .from(now.minus(rule.window()));
    if (rule.scope() == BruteForceRule.Scope.ACCOUNT) {
      failures.actorId(key);
    } else {
      failures.ipAddress(key);
    }
    return failures.build();
  }

  /**
   * Records the detection of a burst of {@code count} failures unless one of the same rule and key
   * was recorded within the rule's window; the caller holds the key's lock.
   */
  private void detected(
      TenantId tenant,
      BruteForceRule rule,
      String key,
      long count,
      Map<String, Object> details,
      Instant now,
      Function<AuditEvent, AuditRecord> recorder,
      List<BruteForceDetection> found) {
    AuditQuery earlier =
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.BRUTE_FORCE_DETECTED)
            .action(rule.detectionAction())
            .target(rule.scope().targetType(), key)
            .from(now.minus(rule.window()))
            .build();
    if (store.count(earlier) > 0) {
      return;
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("failures", count);
    metadata.put("maxFailures", rule.maxFailures());
    metadata.put("window", rule.window().toString());
    metadata.putAll(details);
    AuditEvent.Builder event =
        AuditEvent.builder(tenant, AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.BRUTE_FORCE_DETECTED)
            .actor(DETECTOR_ACTOR, ActorType.SYSTEM)
            .action(rule.detectionAction())
            .outcome(Outcome.DENIED)
            .target(rule.scope().targetType(), key)
            .metadata(metadata);
    if (rule.scope() == BruteForceRule.Scope.IP_ADDRESS) {
      event.ipAddress(key);
    }
    AuditRecord recorded = recorder.apply(event.build());
    found.add(new BruteForceDetection(tenant, rule, key, count, recorded));
  }

  private List<BruteForceDetection> notify(List<BruteForceDetection> found) {
    for (BruteForceDetection detection : found) {
      try {
        listener.onBruteForceDetected(detection);
      } catch (RuntimeException e) {
        LOG.warn("audit listener failed on a brute-force detection", e);
      }
    }
    return List.copyOf(found);
  }
}
