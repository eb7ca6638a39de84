package com.techradium.iris.job.memory;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.EnqueueDedupe;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.NewJob;
import com.techradium.iris.job.ParentFailurePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The enqueue of a batch into a {@link JobTable}: checks idempotency keys, job ids and parents for
 * the whole batch first, works out each new job's initial state, then adds the jobs. Not
 * thread-safe: the store calls it under its lock.
 */
final class BatchInserts {
  private BatchInserts() {}

  static List<EnqueueResult> insert(
      JobTable table, TenantId tenant, List<NewJob> input, Instant now) {
    // Validate the whole batch before changing anything.
    Map<UUID, NewJob> fresh = new HashMap<>();
    Map<String, NewJob> batchKeys = new HashMap<>();
    List<@Nullable Object> dedupedTo = new ArrayList<>();
    for (NewJob n : input) {
      Object target = null;
      if (n.idempotencyKey() != null) {
        Job existing = table.liveKeyHolder(tenant, n.idempotencyKey(), now);
        NewJob earlier = batchKeys.get(n.idempotencyKey());
        if (existing != null) {
          EnqueueDedupe.requireSameContent(
              n, existing.queue(), existing.type(), existing.payload());
          target = existing;
        } else if (earlier != null) {
          EnqueueDedupe.requireSameContent(n, earlier.queue(), earlier.type(), earlier.payload());
          target = earlier;
        } else {
          batchKeys.put(n.idempotencyKey(), n);
        }
      }
      if (target == null) {
        if (table.jobs.containsKey(n.id()) || fresh.containsKey(n.id())) {
          throw new ConflictException("job id " + n.id() + " is already used");
        }
        fresh.put(n.id(), n);
      }
      dedupedTo.add(target);
    }
    for (NewJob n : fresh.values()) {
      for (UUID parent : n.parentIds()) {
        Job stored = table.jobs.get(parent);
        boolean known =
            fresh.containsKey(parent) || (stored != null && stored.tenant().equals(tenant));
        if (!known) {
          throw new ValidationException("parentIds", "unknown parent job " + parent);
        }
      }
    }
    Map<UUID, Job> created = new HashMap<>();
    for (NewJob n : fresh.values()) {
      initial(table, tenant, n, fresh, created, new HashSet<>(), now);
    }
    // Apply.
    for (Job job : created.values()) {
      table.save(null, job, now);
      table.index(job);
    }
    return EnqueueDedupe.results(input, dedupedTo, created);
  }

  /** Works out a new job's initial state from its parents', which may be new themselves. */
  private static Job initial(
      JobTable table,
      TenantId tenant,
      NewJob n,
      Map<UUID, NewJob> fresh,
      Map<UUID, Job> created,
      Set<UUID> visiting,
      Instant now) {
    Job done = created.get(n.id());
    if (done != null) {
      return done;
    }
    if (!visiting.add(n.id())) {
      throw new ValidationException("parentIds", "jobs depend on each other in a cycle");
    }
    JobState state = n.readyState(now);
    String error = null;
    boolean blocked = false;
    for (UUID parentId : n.parentIds()) {
      NewJob freshParent = fresh.get(parentId);
      Job parent =
          freshParent != null
              ? initial(table, tenant, freshParent, fresh, created, visiting, now)
              : table.jobs.get(parentId);
      if (parent.state() == JobState.DEAD || parent.state() == JobState.CANCELLED) {
        if (error == null) {
          error = JobTable.parentFailure(parent);
        }
      } else if (parent.state() != JobState.COMPLETED) {
        blocked = true;
      }
    }
    Job job;
    if (error != null) {
      JobState failed =
          n.parentFailurePolicy() == ParentFailurePolicy.FAIL ? JobState.DEAD : JobState.CANCELLED;
      job = Job.create(tenant, n, failed, now).toBuilder().lastError(error).build();
    } else {
      job = Job.create(tenant, n, blocked ? JobState.BLOCKED : state, now);
    }
    created.put(n.id(), job);
    visiting.remove(n.id());
    return job;
  }
}
