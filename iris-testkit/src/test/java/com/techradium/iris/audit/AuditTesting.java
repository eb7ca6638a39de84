package com.techradium.iris.audit;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared fixtures for the audit log's tests. */
final class AuditTesting {
  static final HmacCheckpointSigner SIGNER =
      new HmacCheckpointSigner(
          "test-key", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  static final Accessor AUDITOR = Accessor.user("auditor-1", "quarterly review");
  private static final AtomicLong TENANTS = new AtomicLong();

  private AuditTesting() {}

  static TenantId newTenant() {
    return TenantId.of("tenant-" + TENANTS.incrementAndGet());
  }

  static AuditLogBuilder auditLog(InMemoryAuditStore store, MutableClock clock) {
    return AuditLog.builder().store(store).clock(clock).signer(SIGNER);
  }

  static AuditEvent action(TenantId tenant, String actor, String action) {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT).actor(actor).action(action).build();
  }

  /** Records ten events by user-1 to user-10, one second apart. */
  static List<AuditRecord> recordTen(AuditLog audit, TenantId tenant, MutableClock clock) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      out.add(audit.record(action(tenant, "user-" + i, "doc.view")));
      clock.advance(Duration.ofSeconds(1));
    }
    return out;
  }

  static long count(AuditStore store, TenantId tenant) {
    return store.count(AuditQuery.forTenant(tenant).build());
  }

  static List<AuditRecord> chain(AuditStore store, TenantId tenant, AuditCategory category) {
    return store.readChain(tenant, category, 0, 100_000);
  }
}
