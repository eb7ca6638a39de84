package com.techradium.iris.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook through which facades talk to each other without importing each other: one facade
 * {@linkplain #publish publishes} a value (a record in the kernel package, so that neither side
 * depends on the other's package), another {@linkplain #subscribe subscribes} to its type. Shared
 * by every facade built on one {@link IrisContext}.
 *
 * <pre>{@code
 * context.events().subscribe(TenantNotice.class, notice -> ...);   // the listening facade
 * context.events().publish(new TenantNotice(...));                 // the telling facade
 * }</pre>
 *
 * <p>Delivery is synchronous, on the publishing thread, to every listener whose type the event is
 * an instance of, in subscription order. A listener that throws is logged at WARN and does not stop
 * the others or reach the publisher: a facade's operation never fails because another facade's
 * listener did. Listeners must be quick; slow work belongs on the job queue. Thread-safe.
 */
public final class IrisEvents {
  private static final Logger LOG = LoggerFactory.getLogger(IrisEvents.class);

  private record Listener<E>(Class<E> type, Consumer<? super E> consumer) {
    void offer(Object event) {
      if (type.isInstance(event)) {
        consumer.accept(type.cast(event));
      }
    }
  }

  /** Ends a subscription; closing twice does nothing. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();

  /** An event hook with no listeners. */
  public IrisEvents() {}

  /**
   * Calls {@code listener} with every event published from now on that is a {@code type}.
   *
   * @param <E> the event type
   * @param type the class of events to receive, subtypes included
   * @param listener called on the publishing thread with each event
   * @return a handle that removes the listener when closed
   */
  public <E> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    Listener<E> entry =
        new Listener<>(
            Objects.requireNonNull(type, "type"), Objects.requireNonNull(listener, "listener"));
    listeners.add(entry);
    return () -> listeners.remove(entry);
  }

  /**
   * Hands {@code event} to every listener of its type; returns after the last one.
   *
   * @param event the event; any object, usually a record of the kernel package
   */
  public void publish(Object event) {
    Objects.requireNonNull(event, "event");
    for (Listener<?> listener : listeners) {
      try {
        listener.offer(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "a listener of {} failed; the event goes on to the others",
            event.getClass().getSimpleName(),
            e);
      }
    }
  }
}
