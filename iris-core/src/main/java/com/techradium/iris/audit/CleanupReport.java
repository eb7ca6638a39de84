package com.techradium.iris.audit;

import com.techradium.iris.core.TenantId;
import java.util.List;

/**
 * What {@link AuditLog#cleanup()} did.
 *
 * @param eventsDeleted events deleted over all tenants
 * @param batches delete batches run (each one atomic and bounded)
 * @param checkpointsWritten retention checkpoints signed before deleting
 * @param tenantsOnHold tenants skipped because of a legal hold
 * @param brokenChains chains whose expired part failed verification: nothing was deleted or signed
 *     there, so the evidence stays
 */
public record CleanupReport(
    long eventsDeleted,
    int batches,
    int checkpointsWritten,
    List<TenantId> tenantsOnHold,
    List<ChainBreak> brokenChains) {
  /**
   * Creates a {@code CleanupReport}, copying its collections.
   *
   * @param eventsDeleted events deleted over all tenants
   * @param batches delete batches run (each one atomic and bounded)
   * @param checkpointsWritten retention checkpoints signed before deleting
   * @param tenantsOnHold tenants skipped because of a legal hold
   * @param brokenChains chains whose expired part failed verification: nothing was deleted or
   *     signed there, so the evidence stays
   */
  public CleanupReport {
    tenantsOnHold = List.copyOf(tenantsOnHold);
    brokenChains = List.copyOf(brokenChains);
  }
}
