package com.techradium.iris.core;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DeferredWork.Handler} decided: the item is done, or it runs again at a later time
 * (without counting as a failed run).
 *
 * @param runAgainAt when to run the item again; null when it is done
 */
public record WorkOutcome(@Nullable Instant runAgainAt) {
  private static final WorkOutcome DONE = new WorkOutcome(null);

  /**
   * The item is done.
   *
   * @return the outcome that completes the item
   */
  public static WorkOutcome done() {
    return DONE;
  }

  /**
   * Run the item again at {@code when}.
   *
   * @param when when to run the item again
   * @return the outcome that reschedules the item
   */
  public static WorkOutcome runAgainAt(Instant when) {
    return new WorkOutcome(java.util.Objects.requireNonNull(when, "when"));
  }

  /**
   * When to run again, if not done.
   *
   * @return the time to run again, or empty when the item is done
   */
  public Optional<Instant> again() {
    return Optional.ofNullable(runAgainAt);
  }
}
