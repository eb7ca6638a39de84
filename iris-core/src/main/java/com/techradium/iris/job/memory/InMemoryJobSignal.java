package com.techradium.iris.job.memory;

import com.techradium.iris.job.spi.JobSignal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process {@link JobSignal} of {@link InMemoryJobStore}. Thread-safe. */
final class InMemoryJobSignal implements JobSignal {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryJobSignal.class);

  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void fire(List<String> queues) {
    for (String queue : queues) {
      for (Consumer<String> listener : listeners) {
        try {
          listener.accept(queue);
        } catch (RuntimeException e) {
          LOG.warn("job signal listener failed for queue {}", queue, e);
        }
      }
    }
  }
}
