package com.techradium.iris.webhook;

import com.techradium.iris.core.DeferredRun;
import com.techradium.iris.core.DeferredWork;
import com.techradium.iris.core.WorkItem;
import com.techradium.iris.core.WorkOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A deferred-work runner for tests: keeps submitted items in memory and runs the due ones when the
 * test says so, on the test's clock, so a delivery's whole retry schedule can be walked through.
 */
final class ManualWork implements DeferredWork.Runner {
  private record Pending(UUID id, WorkItem item, Instant due, int attempt) {}

  private final Clock clock;
  private final Map<String, DeferredWork.Handler> handlers = new HashMap<>();
  private final List<Pending> pending = new ArrayList<>();

  ManualWork(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void handle(String type, DeferredWork.Handler handler) {
    handlers.put(type, handler);
  }

  @Override
  public synchronized List<UUID> submit(List<WorkItem> items) {
    List<UUID> ids = new ArrayList<>();
    for (WorkItem item : items) {
      UUID id = UUID.randomUUID();
      pending.add(new Pending(id, item, item.runAt() == null ? clock.instant() : item.runAt(), 1));
      ids.add(id);
    }
    return ids;
  }

  /** Items waiting to run. */
  synchronized int waiting() {
    return pending.size();
  }

  /** When the earliest waiting item is due. */
  synchronized Instant nextDue() {
    return pending.stream().map(Pending::due).min(Instant::compareTo).orElseThrow();
  }

  /** Runs every item due now, once each; returns how many ran. */
  int runDue() throws Exception {
    List<Pending> due;
    synchronized (this) {
      Instant now = clock.instant();
      due = pending.stream().filter(p -> !p.due().isAfter(now)).toList();
      pending.removeAll(due);
    }
    for (Pending p : due) {
      WorkItem item = p.item();
      WorkOutcome outcome =
          handlers
              .get(item.type())
              .handle(
                  new DeferredRun(p.id(), item.tenant(), item.type(), item.payload(), p.attempt()));
      if (outcome.runAgainAt() != null) {
        synchronized (this) {
          pending.add(new Pending(p.id(), item, outcome.runAgainAt(), p.attempt()));
        }
      }
    }
    return due.size();
  }
}
