package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.job.spi.DependencyCycles;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Checks a batch of {@link JobSpec}s against the queues, handlers and stored jobs, and resolves
 * their defaults into {@link NewJob}s. Rejects the whole batch with every problem at once.
 */
final class EnqueuePlanner {
  private final JobStore store;
  private final QueueCache queueCache;
  private final JobSettings settings;
  private final Predicate<String> typeKnown;

  EnqueuePlanner(
      JobStore store, QueueCache queueCache, JobSettings settings, Predicate<String> typeKnown) {
    this.store = store;
    this.queueCache = queueCache;
    this.settings = settings;
    this.typeKnown = typeKnown;
  }

  List<NewJob> plan(TenantId tenant, List<JobSpec> specs, Instant now) {
    boolean batch = specs.size() > 1;
    Validation v = Validation.of();
    v.check(!specs.isEmpty(), "jobs", "must hold at least one job");
    Map<String, QueueConfig> cached = queueCache.current();
    Map<String, QueueConfig> queues =
        specs.stream().allMatch(spec -> cached.containsKey(spec.queue()))
            ? cached
            : queueCache.refreshed(); // created on another node since the last read?
    List<UUID> ids = new ArrayList<>(specs.size());
    Map<UUID, JobSpec> byId = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      JobSpec spec = specs.get(i);
      String at = batch ? "jobs[" + i + "]." : "";
      UUID id = spec.id() != null ? spec.id() : settings.ids().next();
      ids.add(id);
      v.check(byId.put(id, spec) == null, at + "id", "repeats the id of another job of the batch");
      v.check(
          queues.containsKey(spec.queue()),
          at + "queue",
          queues.containsKey(spec.queue())
              ? ""
              : UnknownQueues.message(spec.queue(), queues.keySet()));
      v.check(
          typeKnown.test(spec.type()), at + "type", "no handler is known for type " + spec.type());
      v.check(
          spec.delay() == null || !now.plus(spec.delay()).isAfter(JobSpec.LATEST_RUN_AT),
          at + "delay",
          "must not take the job past " + JobSpec.LATEST_RUN_AT);
    }
    for (int i = 0; i < specs.size(); i++) {
      String at = batch ? "jobs[" + i + "]." : "";
      for (UUID parent : specs.get(i).parentIds()) {
        JobSpec sibling = byId.get(parent);
        if (sibling != null) {
          v.check(
              sibling.idempotencyKey() == null,
              at + "parentIds",
              "names job " + parent + " of the same batch, which has an idempotency key");
        } else {
          v.check(
              store.get(tenant, parent).isPresent(),
              at + "parentIds",
              "unknown parent job " + parent);
        }
      }
    }
    UUID cycle = DependencyCycles.find(byId, JobSpec::parentIds);
    v.check(cycle == null, "parentIds", "jobs of the batch depend on each other in a cycle");
    v.throwIfInvalid();

    List<NewJob> planned = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      planned.add(resolve(specs.get(i), ids.get(i), queues.get(specs.get(i).queue()), now));
    }
    return planned;
  }

  private NewJob resolve(JobSpec spec, UUID id, QueueConfig queue, Instant now) {
    Instant runAt =
        spec.runAt() != null ? spec.runAt() : spec.delay() != null ? now.plus(spec.delay()) : now;
    return new NewJob(
        id,
        spec.queue(),
        spec.type(),
        spec.payload(),
        spec.priority() != null ? spec.priority() : queue.defaultPriority(),
        runAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        spec.maxAttempts() != null ? spec.maxAttempts() : queue.defaultMaxAttempts(),
        spec.timeout() != null ? spec.timeout() : settings.defaultTimeout(),
        spec.backoff(),
        spec.idempotencyKey(),
        spec.idempotencyKey() == null ? null : now.plus(settings.idempotencyWindow()),
        spec.parentIds(),
        spec.parentFailurePolicy());
  }
}
