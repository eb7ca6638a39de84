package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The parents and initial states of the jobs a batch enqueue creates, for store authors. Every
 * parent must be a job of the batch or a stored job of the tenant, and the batch must hold no
 * {@linkplain DependencyCycles cycle}. A job with a dead or cancelled parent is created failed by
 * its {@link ParentFailurePolicy} (its last error naming the first such parent); otherwise a job
 * with a parent not yet completed is {@link JobState#BLOCKED}; otherwise it is scheduled or queued
 * by its run-at. Parents of the batch are resolved first, so their initial states count.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobInitialStates {
  private JobInitialStates() {}

  /**
   * The parents of {@code fresh} that are not in it: the stored parents a store must look up.
   *
   * @param fresh the new jobs of the batch, by id
   * @return the ids of the parents outside the batch
   */
  public static Set<UUID> storedParents(Map<UUID, NewJob> fresh) {
    Set<UUID> wanted = new LinkedHashSet<>();
    for (NewJob n : fresh.values()) {
      for (UUID parent : n.parentIds()) {
        if (!fresh.containsKey(parent)) {
          wanted.add(parent);
        }
      }
    }
    return wanted;
  }

  /**
   * The jobs to create for {@code fresh}, in their initial states.
   *
   * @param tenant the tenant of the batch
   * @param fresh the jobs to create, by id
   * @param storedParents the states of the stored parents of the tenant that exist (see {@link
   *     #storedParents}); a parent missing here and from {@code fresh} is unknown
   * @param now the time of the enqueue
   * @return the jobs, by id, parents before their children
   * @throws ValidationException on field {@code parentIds} for an unknown parent or a cycle
   */
  public static Map<UUID, Job> resolve(
      TenantId tenant, Map<UUID, NewJob> fresh, Map<UUID, JobState> storedParents, Instant now) {
    for (NewJob n : fresh.values()) {
      for (UUID parent : n.parentIds()) {
        if (!fresh.containsKey(parent) && !storedParents.containsKey(parent)) {
          throw new ValidationException("parentIds", "unknown parent job " + parent);
        }
      }
    }
    DependencyCycles.requireNone(fresh.values());
    Map<UUID, Job> created = new LinkedHashMap<>();
    for (NewJob n : fresh.values()) {
      initial(tenant, n, fresh, storedParents, created, now);
    }
    return created;
  }

  private static Job initial(
      TenantId tenant,
      NewJob n,
      Map<UUID, NewJob> fresh,
      Map<UUID, JobState> stored,
      Map<UUID, Job> created,
      Instant now) {
    Job done = created.get(n.id());
    if (done != null) {
      return done;
    }
    String error = null;
    boolean blocked = false;
    for (UUID parentId : n.parentIds()) {
      NewJob freshParent = fresh.get(parentId);
      JobState parentState =
          freshParent != null
              ? initial(tenant, freshParent, fresh, stored, created, now).state()
              : stored.get(parentId);
      if (parentState == JobState.DEAD || parentState == JobState.CANCELLED) {
        if (error == null) {
          error = JobDependencies.parentFailure(parentId, parentState);
        }
      } else if (parentState != JobState.COMPLETED) {
        blocked = true;
      }
    }
    Job job;
    if (error != null) {
      JobState failed = JobDependencies.failedState(n.parentFailurePolicy());
      job = Job.create(tenant, n, failed, now).toBuilder().lastError(error).build();
    } else {
      job = Job.create(tenant, n, blocked ? JobState.BLOCKED : n.readyState(now), now);
    }
    created.put(n.id(), job);
    return job;
  }
}
