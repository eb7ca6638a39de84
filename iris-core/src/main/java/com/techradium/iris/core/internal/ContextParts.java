package com.techradium.iris.core.internal;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The part every facade builder shares: either the shared {@link IrisContext}, or the clock,
 * runtime and tenant directory a private context is made from. Each is set once; the context comes
 * first and then stands for the other three. A builder holds one and delegates its {@code context},
 * {@code clock}, {@code runtime} and {@code tenants} setters to it. Not thread-safe.
 */
public final class ContextParts {
  private final String parts;
  private @Nullable IrisContext context;
  private @Nullable Clock clock;
  private @Nullable IrisRuntime runtime;
  private @Nullable TenantDirectory tenants;

  /**
   * @param parts the setters the builder offers besides the context, for the message of a context
   *     set too late, e.g. {@code "clock, runtime and tenants"}
   */
  public ContextParts(String parts) {
    this.parts = parts;
  }

  /**
   * Sets the shared context.
   *
   * @throws IllegalStateException if it was set before, or after a clock, runtime or tenants
   */
  public void context(IrisContext context) {
    BuilderChecks.setOnce("context", this.context, context);
    if (clock != null || runtime != null || tenants != null) {
      throw new IllegalStateException("context must be set before " + parts);
    }
    this.context = context;
  }

  /** Sets the clock of a private context. */
  public void clock(Clock clock) {
    requireNoContext("clock");
    this.clock = BuilderChecks.setOnce("clock", this.clock, clock);
  }

  /** Sets the runtime of a private context. */
  public void runtime(IrisRuntime runtime) {
    requireNoContext("runtime");
    this.runtime = BuilderChecks.setOnce("runtime", this.runtime, runtime);
  }

  /** Sets the tenant directory of a private context. */
  public void tenants(TenantDirectory tenants) {
    requireNoContext("tenants");
    this.tenants = BuilderChecks.setOnce("tenants", this.tenants, tenants);
  }

  /** The shared context if one was set, else a new private one from the parts set. */
  public IrisContext resolve() {
    if (context != null) {
      return context;
    }
    IrisContext.Builder made = IrisContext.builder();
    if (clock != null) {
      made.clock(clock);
    }
    if (runtime != null) {
      made.runtime(runtime);
    }
    if (tenants != null) {
      made.tenants(tenants);
    }
    return made.build();
  }

  private void requireNoContext(String part) {
    if (context != null) {
      throw new IllegalStateException(part + " was already set by context(...)");
    }
  }
}
