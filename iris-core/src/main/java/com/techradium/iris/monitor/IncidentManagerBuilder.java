package com.techradium.iris.monitor;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import com.techradium.iris.monitor.spi.IncidentStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link IncidentManager}. Only the store is required. Each part can be set once (a
 * second call is an {@link IllegalStateException}); {@link #build()} writes nothing and starts no
 * thread. Not thread-safe.
 */
public final class IncidentManagerBuilder {
  @Nullable IncidentStore store;

  private final ContextParts contextParts = new ContextParts("clock");

  IncidentManagerBuilder() {}

  /**
   * Where incidents and maintenance windows are kept. Required.
   *
   * @param store the incident store
   * @return this builder
   */
  public IncidentManagerBuilder store(IncidentStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * The shared context (clock, ids). Default: a private context on {@link #clock}.
   *
   * @param context the shared context
   * @return this builder
   */
  public IncidentManagerBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public IncidentManagerBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * The incident manager. Writes nothing and starts nothing.
   *
   * @return the incident manager
   * @throws IllegalStateException if no store was given
   */
  public IncidentManager build() {
    if (store == null) {
      throw new IllegalStateException("IncidentManager needs a store: builder().store(...)");
    }
    return new IncidentManager(this);
  }
}
