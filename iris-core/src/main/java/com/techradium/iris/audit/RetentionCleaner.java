package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policy. For each tenant not on legal hold and each chain, the expired part
 * is the prefix of the chain before the earliest event recorded at or after the cut-off (with
 * clocks skewed between nodes, an event of that prefix may be a little younger than the cut-off;
 * deleting whole prefixes keeps the chain verifiable). Before deleting it the cleaner verifies that
 * prefix (from the previous checkpoint) and signs a checkpoint at its last event, so the rest of
 * the chain stays verifiable; then it deletes in bounded batches. A prefix that fails verification
 * is neither signed nor deleted.
 */
final class RetentionCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionCleaner.class);
  private static final int TENANT_PAGE = 500;

  private final AuditStore store;
  private final ChainVerifier verifier;
  private final CheckpointSigner signer;
  private final RetentionPolicy policy;
  private final int batchSize;
  private final CheckpointWriter checkpoints;

  RetentionCleaner(
      AuditStore store,
      ChainVerifier verifier,
      CheckpointSigner signer,
      RetentionPolicy policy,
      int batchSize,
      CheckpointWriter checkpoints) {
    this.checkpoints = checkpoints;
    this.store = store;
    this.verifier = verifier;
    this.signer = signer;
    this.policy = policy;
    this.batchSize = batchSize;
  }

  CleanupReport cleanup(Instant now) {
    Totals totals = new Totals();
    @Nullable TenantId after = null;
    while (true) {
      List<TenantId> tenants = store.tenants(after, TENANT_PAGE);
      for (TenantId tenant : tenants) {
        cleanupTenant(tenant, now, totals);
      }
      if (tenants.size() < TENANT_PAGE) {
        break;
      }
      after = tenants.get(tenants.size() - 1);
    }
    return new CleanupReport(
        totals.deleted, totals.batches, totals.checkpoints, totals.held, totals.broken);
  }

  private void cleanupTenant(TenantId tenant, Instant now, Totals totals) {
    if (store.hasLegalHold(tenant)) {
      totals.held.add(tenant);
      return;
    }
    for (AuditCategory category : AuditCategory.values()) {
      cleanupChain(tenant, category, now.minus(policy.periodFor(category)), now, totals);
    }
  }

  private void cleanupChain(
      TenantId tenant, AuditCategory category, Instant cutoff, Instant now, Totals totals) {
    Optional<ChainHead> head = store.head(tenant, category);
    if (head.isEmpty()) {
      return;
    }
    AuditQuery retained = AuditQuery.forTenant(tenant).categories(category).from(cutoff).build();
    Page<AuditRecord> firstRetained = store.scan(retained, PageRequest.first(1));
    long through =
        firstRetained.items().isEmpty()
            ? head.get().sequence()
            : firstRetained.items().get(0).sequence() - 1;
    List<AuditRecord> oldest = store.readChain(tenant, category, 0, 1);
    if (through < 1 || oldest.isEmpty() || oldest.get(0).sequence() > through) {
      return;
    }
    Optional<Checkpoint> existing = store.latestCheckpoint(tenant, category, through);
    if (existing.isEmpty() || existing.get().sequence() < through) {
      ChainVerification verification = verifier.verifyThrough(tenant, category, through);
      if (!verification.valid()) {
        LOG.error(
            "audit retention: not deleting {} {} events: {}",
            tenant,
            category,
            verification.firstBreak());
        totals.broken.add(verification.firstBreak());
        return;
      }
      checkpoints.save(
          Checkpoint.sign(signer, tenant, category, through, verification.lastHash(), now));
      totals.checkpoints++;
    }
    int deleted;
    do {
      deleted = store.deleteThrough(tenant, category, through, batchSize);
      totals.deleted += deleted;
      totals.batches++;
    } while (deleted == batchSize);
  }

  private static final class Totals {
    long deleted;
    int batches;
    int checkpoints;
    final List<TenantId> held = new ArrayList<>();
    final List<ChainBreak> broken = new ArrayList<>();
  }
}
