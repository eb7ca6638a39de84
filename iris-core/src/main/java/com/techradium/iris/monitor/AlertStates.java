package com.techradium.iris.monitor;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The alert rule: inactive → pending (condition true) → firing (true for {@code for}); firing →
 * inactive once the condition has been false for {@code keepFiringFor}. A pending rule whose
 * condition clears goes back to inactive without an event. Pure.
 */
final class AlertStates {
  private AlertStates() {}

  enum Phase {
    INACTIVE,
    PENDING,
    FIRING
  }

  /**
   * @param phase where the rule is
   * @param since when the condition started holding (pending and firing)
   * @param lastTrue when the condition last held
   */
  record State(Phase phase, @Nullable Instant since, @Nullable Instant lastTrue) {
    static final State INACTIVE = new State(Phase.INACTIVE, null, null);
  }

  /**
   * The next state and the event it implies.
   *
   * @param event {@code Boolean.TRUE} fired, {@code FALSE} resolved, null nothing to tell
   */
  record Step(State state, @Nullable Boolean event) {}

  static Step next(State s, boolean holds, Instant now, Duration forDuration, Duration keep) {
    if (holds) {
      Instant since = s.phase() == Phase.INACTIVE || s.since() == null ? now : s.since();
      if (s.phase() == Phase.FIRING) {
        return new Step(new State(Phase.FIRING, since, now), null);
      }
      if (Duration.between(since, now).compareTo(forDuration) >= 0) {
        return new Step(new State(Phase.FIRING, since, now), Boolean.TRUE);
      }
      return new Step(new State(Phase.PENDING, since, now), null);
    }
    if (s.phase() == Phase.FIRING) {
      Instant last = s.lastTrue() == null ? now : s.lastTrue();
      if (Duration.between(last, now).compareTo(keep) >= 0) {
        return new Step(State.INACTIVE, Boolean.FALSE);
      }
      return new Step(s, null);
    }
    return new Step(State.INACTIVE, null);
  }
}
