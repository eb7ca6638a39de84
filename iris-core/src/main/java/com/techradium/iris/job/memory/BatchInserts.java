package com.techradium.iris.job.memory;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.spi.EnqueueDedupe;
import com.techradium.iris.job.spi.JobInitialStates;
import com.techradium.iris.job.spi.NewJob;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The enqueue of a batch into a {@link JobTable}: looks up idempotency keys, ids and stored parents
 * for the rules of {@link EnqueueDedupe} and {@link JobInitialStates}, then adds the jobs. Not
 * thread-safe: the store calls it under its lock.
 */
final class BatchInserts {
  private BatchInserts() {}

  static List<EnqueueResult> insert(
      JobTable table, TenantId tenant, List<NewJob> input, Instant now) {
    EnqueueDedupe.Deduped deduped =
        EnqueueDedupe.dedupe(
            input, key -> table.liveKeyHolder(tenant, key, now), table.jobs::containsKey);
    Map<UUID, JobState> storedParents = new HashMap<>();
    for (UUID id : JobInitialStates.storedParents(deduped.fresh())) {
      Job stored = table.owned(tenant, id);
      if (stored != null) {
        storedParents.put(id, stored.state());
      }
    }
    Map<UUID, Job> created = JobInitialStates.resolve(tenant, deduped.fresh(), storedParents, now);
    for (Job job : created.values()) {
      table.save(null, job, now);
      table.index(job);
    }
    return deduped.results(input, created);
  }
}
