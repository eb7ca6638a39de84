package com.techradium.iris.core;

import com.techradium.iris.core.internal.BuilderChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Durable work a facade hands to whatever runs jobs on its {@link IrisContext}, without importing
 * the job queue: the facade {@linkplain #register registers} a handler per work type when it is
 * built and {@linkplain #submit submits} work items; the context's job queue {@linkplain #runWith
 * attaches} itself as the runner, turning each handler into a job handler and each submission into
 * an enqueue. Shaped like {@link Housekeeping}.
 *
 * <pre>{@code
 * context.deferredWork().register("iris.webhook.deliver", run -> deliver(run));   // at build
 * context.deferredWork().submit(List.of(WorkItem.of(tenant, "webhooks", "iris.webhook.deliver", json)));
 * }</pre>
 *
 * <p>Submission goes through the runner's store, so it joins the host's transaction wherever that
 * store does (the PostgreSQL job store inside a {@code JdbcTransaction}). Handlers registered
 * before the runner attaches are handed to it when it attaches; later ones at once. The first
 * runner attached is the one used; a second job queue on the same context does not take over.
 * Thread-safe.
 */
public final class DeferredWork {
  /** Runs one work item; may ask to run it again later. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Runs {@code run}. Returning completes it, or schedules it again at {@link
     * WorkOutcome#runAgainAt()}; throwing fails the attempt, which the runner retries.
     *
     * @param run the item to run, with its payload and attempt number
     * @return {@link WorkOutcome#done()}, or when to run the item again
     * @throws Exception to fail this attempt; the runner retries it
     */
    WorkOutcome handle(DeferredRun run) throws Exception;
  }

  /** What runs deferred work: the context's job queue. */
  public interface Runner {
    /**
     * Runs items of {@code type} with {@code handler} from now on.
     *
     * @param type the work type, as named by {@link WorkItem#type()}
     * @param handler the handler that runs items of that type
     */
    void handle(String type, Handler handler);

    /**
     * Stores {@code items} durably and atomically (all or none), returning an id per item in order;
     * an item whose idempotency key was already used returns the existing item's id.
     *
     * @param items the items to store
     * @return the id of each item, in the order of {@code items}
     */
    List<UUID> submit(List<WorkItem> items);
  }

  private final Map<String, Handler> handlers = new LinkedHashMap<>();
  private @Nullable Runner runner;

  /** A hook with no handlers and no runner. */
  public DeferredWork() {}

  /**
   * Declares the handler of a work type.
   *
   * @param type the work type
   * @param handler the handler that runs items of that type
   * @throws IllegalStateException if the type has a handler already
   */
  public void register(String type, Handler handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    Runner current;
    synchronized (this) {
      if (handlers.putIfAbsent(type, handler) != null) {
        throw BuilderChecks.duplicate("deferred work handler for type", type);
      }
      current = runner;
    }
    if (current != null) {
      current.handle(type, handler);
    }
  }

  /**
   * Attaches the runner: it receives every handler declared so far, then each one declared later.
   * Only the first runner is used; later calls do nothing and return false.
   *
   * @param runner the runner, usually the context's job queue
   * @return true if this runner was attached, false if another one was attached before
   */
  public boolean runWith(Runner runner) {
    Objects.requireNonNull(runner, "runner");
    Map<String, Handler> declared;
    synchronized (this) {
      if (this.runner != null) {
        return false;
      }
      this.runner = runner;
      declared = Map.copyOf(handlers);
    }
    declared.forEach(runner::handle);
    return true;
  }

  /**
   * Whether a runner is attached, so that {@link #submit} can store work.
   *
   * @return true once a runner is attached
   */
  public synchronized boolean hasRunner() {
    return runner != null;
  }

  /**
   * Stores work items durably through the runner, all or none.
   *
   * @param items the items to store; each one's type must have a handler
   * @return the runner's id of each item, in order
   * @throws IllegalStateException if no runner is attached (no job queue on the context)
   */
  public List<UUID> submit(List<WorkItem> items) {
    Objects.requireNonNull(items, "items");
    Runner current;
    synchronized (this) {
      current = runner;
    }
    if (current == null) {
      throw new IllegalStateException(
          "no job queue runs deferred work on this context: build a JobQueue on the same context");
    }
    if (items.isEmpty()) {
      return List.of();
    }
    return current.submit(List.copyOf(items));
  }
}
