package com.techradium.iris.job;

import com.techradium.iris.core.DeferredRun;
import com.techradium.iris.core.DeferredWork;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.WorkItem;
import com.techradium.iris.core.WorkOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The job queue as the runner of its context's {@link DeferredWork}: each work type becomes a job
 * handler, each submitted item a job (one atomic {@code enqueueAll} per tenant, so a submission
 * inside a joined host transaction commits with it).
 */
final class DeferredJobs implements DeferredWork.Runner {
  private final JobQueue queue;

  DeferredJobs(JobQueue queue) {
    this.queue = queue;
  }

  @Override
  public void handle(String type, DeferredWork.Handler handler) {
    queue.registerHandler(
        type,
        ctx -> {
          Job job = ctx.job();
          WorkOutcome outcome =
              handler.handle(
                  new DeferredRun(
                      job.id(), job.tenant(), job.type(), job.payload(), ctx.attempt()));
          outcome.again().ifPresent(ctx::retryAt);
        });
  }

  @Override
  public List<UUID> submit(List<WorkItem> items) {
    Map<TenantId, List<Integer>> positions = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      positions.computeIfAbsent(items.get(i).tenant(), t -> new ArrayList<>()).add(i);
    }
    UUID[] ids = new UUID[items.size()];
    for (Map.Entry<TenantId, List<Integer>> entry : positions.entrySet()) {
      List<JobSpec> specs = new ArrayList<>();
      for (int i : entry.getValue()) {
        specs.add(spec(items.get(i)));
      }
      List<EnqueueResult> results = queue.enqueueAll(entry.getKey(), specs);
      for (int k = 0; k < results.size(); k++) {
        ids[entry.getValue().get(k)] = results.get(k).job().id();
      }
    }
    return List.of(ids);
  }

  private static JobSpec spec(WorkItem item) {
    JobSpec.Builder spec =
        JobSpec.builder(item.queue(), item.type())
            .payload(item.payload())
            .maxAttempts(item.maxAttempts());
    if (item.runAt() != null) {
      spec.runAt(item.runAt());
    }
    if (item.idempotencyKey() != null) {
      spec.idempotencyKey(item.idempotencyKey());
    }
    return spec.build();
  }
}
