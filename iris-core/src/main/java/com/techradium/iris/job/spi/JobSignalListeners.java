package com.techradium.iris.job.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription bookkeeping of a {@link JobSignal} fed by a listening thread, for store authors:
 * the first subscription starts one daemon thread running a {@link Listening} and waits until it is
 * ready, the last closed subscription stops it, and each queue name received is handed to every
 * subscriber (a subscriber that throws is logged and the others still called).
 *
 * <p>Thread-safe.
 */
public final class JobSignalListeners {
  private static final Logger LOG = LoggerFactory.getLogger(JobSignalListeners.class);

  /** A store's listening loop, run on the thread this class starts. */
  public interface Listening extends Runnable {
    /** Waits (boundedly) until signals published from now on are received. */
    void awaitReady();

    /** Makes the loop end soon; called once, by the last closed subscription. */
    void stop();
  }

  private final Supplier<? extends Listening> starter;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final Object lifecycle = new Object();
  private @Nullable Listening active;

  /**
   * Listeners whose listening loop {@code starter} makes (a new one each time it is needed); the
   * loop calls {@link #deliver} with each queue name it receives.
   *
   * @param starter makes a new listening loop
   */
  public JobSignalListeners(Supplier<? extends Listening> starter) {
    this.starter = Objects.requireNonNull(starter, "starter");
  }

  /**
   * Implements {@link JobSignal#subscribe}.
   *
   * @param listener receives queue names
   * @return a handle that removes the listener when closed
   */
  public JobSignal.Subscription subscribe(Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    Listening started;
    synchronized (lifecycle) {
      listeners.add(listener);
      if (active == null) {
        active = starter.get();
        Thread thread = new Thread(active, "iris-job-signal");
        thread.setDaemon(true);
        thread.start();
      }
      started = active;
    }
    started.awaitReady();
    return new JobSignal.Subscription() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (lifecycle) {
          if (closed) {
            return;
          }
          closed = true;
          listeners.remove(listener);
          if (listeners.isEmpty() && active != null) {
            active.stop();
            active = null;
          }
        }
      }
    };
  }

  /**
   * Hands {@code queue} to every subscriber.
   *
   * @param queue the queue's name
   */
  public void deliver(String queue) {
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(queue);
      } catch (RuntimeException e) {
        LOG.warn("job signal listener failed for queue {}", queue, e);
      }
    }
  }
}
