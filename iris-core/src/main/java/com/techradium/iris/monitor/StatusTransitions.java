package com.techradium.iris.monitor;

import org.jspecify.annotations.Nullable;

/**
 * The status rule: how a component's status follows its check outcomes under {@link FlapControl}.
 * Pure; the monitor keeps one {@link State} per component and replays stored results into it after
 * a restart.
 *
 * <ul>
 *   <li>The first result sets the status directly: there is nothing to flap from.
 *   <li>A result pointing to a worse status than the current one counts towards {@code
 *       failuresToWorsen}; when that many arrive in a row, the status becomes the one the latest
 *       result points to.
 *   <li>A result pointing to a better status counts towards {@code successesToRecover} likewise.
 *   <li>A result pointing to the current status resets both counts.
 * </ul>
 *
 * <p>Maintenance is not part of this rule: the monitor reports {@link
 * ComponentStatus#UNDER_MAINTENANCE} while a window covers the component and keeps following the
 * outcomes underneath.
 */
final class StatusTransitions {
  private StatusTransitions() {}

  /**
   * A component's derived status and the streaks under way.
   *
   * @param status the status, null before the first result
   * @param worse consecutive results pointing to a worse status
   * @param better consecutive results pointing to a better status
   */
  record State(@Nullable ComponentStatus status, int worse, int better) {
    static final State INITIAL = new State(null, 0, 0);
  }

  /** The state after one more result. */
  static State next(State state, CheckOutcome outcome, FlapControl flap) {
    ComponentStatus target = outcome.status();
    ComponentStatus current = state.status();
    if (current == null || target == current) {
      return new State(target, 0, 0);
    }
    if (target.severity() > current.severity()) {
      int worse = state.worse() + 1;
      return worse >= flap.failuresToWorsen()
          ? new State(target, 0, 0)
          : new State(current, worse, 0);
    }
    int better = state.better() + 1;
    return better >= flap.successesToRecover()
        ? new State(target, 0, 0)
        : new State(current, 0, better);
  }
}
