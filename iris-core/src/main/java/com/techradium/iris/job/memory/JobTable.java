package com.techradium.iris.job.memory;

import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.spi.JobDependencies;
import com.techradium.iris.job.spi.JobStatsTally;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The jobs of an {@link InMemoryJobStore} with their indexes: per-tenant ids, per-queue claimable
 * jobs in rank order, running jobs, children, attempt histories and idempotency keys. Keeps the
 * indexes right on every change and applies dependency rules. Not thread-safe: the store calls it
 * under its lock.
 */
final class JobTable {
  static final Comparator<Job> BY_RANK = Comparator.comparingLong(Job::rank).thenComparing(Job::id);

  record IdempotencyKey(TenantId tenant, String key) {}

  final Map<UUID, Job> jobs = new HashMap<>();
  final Map<TenantId, NavigableSet<UUID>> byTenant = new HashMap<>();
  final Map<String, NavigableSet<Job>> claimable = new HashMap<>();
  final Set<UUID> running = new HashSet<>();
  final Map<UUID, Set<UUID>> children = new HashMap<>();
  final Map<UUID, List<JobAttempt>> history = new HashMap<>();
  final Map<IdempotencyKey, UUID> idempotency = new HashMap<>();
  private final Set<String> pendingSignals = new LinkedHashSet<>();

  /** Adds a new job (already {@link #save saved}) to the tenant, parent and key indexes. */
  void index(Job job) {
    byTenant.computeIfAbsent(job.tenant(), t -> new TreeSet<>()).add(job.id());
    for (UUID parent : job.parentIds()) {
      children.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(job.id());
    }
    if (job.idempotencyKey() != null) {
      idempotency.put(new IdempotencyKey(job.tenant(), job.idempotencyKey()), job.id());
    }
  }

  /** The queues whose jobs became due since the last call. */
  List<String> drainSignals() {
    List<String> queues = List.copyOf(pendingSignals);
    pendingSignals.clear();
    return queues;
  }

  @Nullable Job liveKeyHolder(TenantId tenant, String key, Instant now) {
    UUID id = idempotency.get(new IdempotencyKey(tenant, key));
    Job job = id == null ? null : jobs.get(id);
    if (job == null
        || job.idempotencyExpiresAt() == null
        || !job.idempotencyExpiresAt().isAfter(now)) {
      return null;
    }
    return job;
  }

  void delete(Job job) {
    jobs.remove(job.id());
    byTenant.get(job.tenant()).remove(job.id());
    history.remove(job.id());
    children.remove(job.id());
    for (UUID parent : job.parentIds()) {
      Set<UUID> siblings = children.get(parent);
      if (siblings != null) {
        siblings.remove(job.id());
      }
    }
    if (job.idempotencyKey() != null) {
      idempotency.remove(new IdempotencyKey(job.tenant(), job.idempotencyKey()), job.id());
    }
  }

  /** Counts and attempt figures of the matching jobs. */
  JobStats stats(StatsQuery query, Instant now) {
    JobStatsTally tally = new JobStatsTally(query, now);
    for (Job job : jobs.values()) {
      if ((query.tenant() != null && !query.tenant().equals(job.tenant()))
          || (query.queue() != null && !query.queue().equals(job.queue()))) {
        continue;
      }
      tally.jobs(job.state(), 1);
      if (job.isDueAt(now)) {
        tally.due(job.runAt());
      }
      for (JobAttempt a : history.getOrDefault(job.id(), List.of())) {
        if (tally.inWindow(a.finishedAt())) {
          tally.attempt(a.outcome(), a.runTime().toMillis());
        }
      }
    }
    return tally.result();
  }

  /**
   * Waiting and running jobs per (queue, tenant): walks the due part of the claimable index (rank
   * order: a job's rank is never after its run-at, so the walk stops at the first rank past {@code
   * now}) and the running jobs.
   */
  List<JobLoad> load(@Nullable TenantId tenant, @Nullable String queue, Instant now) {
    Map<String, Map<TenantId, long[]>> counts = new TreeMap<>();
    Map<String, Map<TenantId, Instant>> oldest = new HashMap<>();
    long maxRank = now.toEpochMilli();
    for (Map.Entry<String, NavigableSet<Job>> q : claimable.entrySet()) {
      if (queue != null && !queue.equals(q.getKey())) {
        continue;
      }
      for (Job job : q.getValue()) {
        if (job.rank() > maxRank) {
          break;
        }
        if (job.runAt().isAfter(now) || (tenant != null && !tenant.equals(job.tenant()))) {
          continue;
        }
        counts.computeIfAbsent(job.queue(), k -> new TreeMap<>())
            .computeIfAbsent(job.tenant(), k -> new long[2])[0]++;
        oldest
            .computeIfAbsent(job.queue(), k -> new HashMap<>())
            .merge(job.tenant(), job.runAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    for (UUID id : running) {
      Job job = jobs.get(id);
      if ((queue == null || queue.equals(job.queue()))
          && (tenant == null || tenant.equals(job.tenant()))) {
        counts.computeIfAbsent(job.queue(), k -> new TreeMap<>())
            .computeIfAbsent(job.tenant(), k -> new long[2])[1]++;
      }
    }
    List<JobLoad> rows = new ArrayList<>();
    counts.forEach(
        (q, byTenant) ->
            byTenant.forEach(
                (t, n) ->
                    rows.add(
                        new JobLoad(
                            q, t, n[0], n[1], oldest.getOrDefault(q, Map.of()).get(t), now))));
    return List.copyOf(rows);
  }

  @Nullable Job owned(TenantId tenant, UUID id) {
    Job job = jobs.get(id);
    return job != null && job.tenant().equals(tenant) ? job : null;
  }

  Job require(TenantId tenant, UUID id) {
    Job job = owned(tenant, id);
    if (job == null) {
      throw NotFoundException.of("job", id);
    }
    return job;
  }

  /**
   * Applies a core rule to a tenant's job, saves the result and moves its children on.
   *
   * @throws NotFoundException if the tenant has no such job
   */
  Job change(TenantId tenant, UUID id, UnaryOperator<Job> rule, Instant now) {
    Job job = require(tenant, id);
    Job after = rule.apply(job);
    if (after == job) {
      return job;
    }
    afterStateChange(save(job, after, now), now);
    return after;
  }

  @Nullable Job held(LeaseRef ref) {
    Job job = owned(ref.tenant(), ref.jobId());
    if (job == null
        || job.state() != JobState.RUNNING
        || !job.lease().token().equals(ref.token())) {
      return null;
    }
    return job;
  }

  /** Replaces {@code before} (null for a new job) with {@code after}, keeping indexes right. */
  Job save(@Nullable Job before, Job after, Instant now) {
    if (before != null) {
      if (before.state().isClaimable()) {
        claimable.get(before.queue()).remove(before);
      }
      if (before.state() == JobState.RUNNING) {
        running.remove(before.id());
      }
    }
    jobs.put(after.id(), after);
    if (after.state().isClaimable()) {
      claimable.computeIfAbsent(after.queue(), q -> new TreeSet<>(BY_RANK)).add(after);
      if (!after.runAt().isAfter(now)) {
        pendingSignals.add(after.queue());
      }
    }
    if (after.state() == JobState.RUNNING) {
      running.add(after.id());
    }
    return after;
  }

  void record(Job job, AttemptOutcome outcome, @Nullable String error, Instant now) {
    history
        .computeIfAbsent(job.id(), id -> new ArrayList<>())
        .add(
            new JobAttempt(
                job.id(),
                job.attempts(),
                job.lease().owner(),
                Objects.requireNonNull(job.startedAt(), "startedAt"),
                now,
                outcome,
                error));
  }

  void afterStateChange(Job job, Instant now) {
    if (job.state() == JobState.COMPLETED) {
      releaseChildren(job, now);
    } else if (job.state() == JobState.DEAD || job.state() == JobState.CANCELLED) {
      failChildren(job, now);
    }
  }

  void releaseChildren(Job parent, Instant now) {
    for (UUID childId : children.getOrDefault(parent.id(), Set.of())) {
      Job child = jobs.get(childId);
      if (child == null || child.state() != JobState.BLOCKED) {
        continue;
      }
      boolean ready = true;
      for (UUID other : child.parentIds()) {
        Job p = jobs.get(other);
        if (p != null && p.state() != JobState.COMPLETED) {
          ready = false;
          break;
        }
      }
      if (ready) {
        save(child, JobDependencies.released(child, now), now);
      }
    }
  }

  void failChildren(Job parent, Instant now) {
    for (UUID childId : List.copyOf(children.getOrDefault(parent.id(), Set.of()))) {
      Job child = jobs.get(childId);
      if (child == null || child.state() != JobState.BLOCKED) {
        continue;
      }
      failChildren(save(child, JobDependencies.failed(child, parent, now), now), now);
    }
  }
}
