package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.CheckVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A registered component with its derived state: what the monitor keeps per component. */
final class ComponentEntry {
  final Component component;

  /**
   * The result of the run in flight (or hung), null when none is: no second run starts meanwhile,
   * and a caller who asks for a run then gets this one's result.
   */
  final AtomicReference<@Nullable CompletableFuture<CheckResult>> slot = new AtomicReference<>();

  private StatusTransitions.State state;
  private @Nullable CheckResult last;
  private @Nullable Instant nextDue;

  ComponentEntry(Component component, @Nullable CheckResult latest) {
    this.component = component;
    this.last = latest;
    this.state =
        latest == null
            ? StatusTransitions.State.INITIAL
            : new StatusTransitions.State(
                latest.status() == ComponentStatus.UNDER_MAINTENANCE
                    ? latest.outcome().status()
                    : latest.status(),
                0,
                0);
  }

  /** Whether a run is in flight. */
  boolean running() {
    return slot.get() != null;
  }

  String name() {
    return component.name();
  }

  /** Applies one run and returns its result (the caller stores it). */
  synchronized CheckResult record(
      Instant at, CheckVerdict verdict, Duration latency, boolean underMaintenance) {
    state = StatusTransitions.next(state, verdict.outcome(), component.flap());
    ComponentStatus derived = state.status();
    ComponentStatus status =
        underMaintenance || derived == null ? ComponentStatus.UNDER_MAINTENANCE : derived;
    CheckResult result =
        new CheckResult(component.name(), at, verdict.outcome(), status, latency, verdict.detail());
    if (last == null || !result.checkedAt().isBefore(last.checkedAt())) {
      last = result;
    }
    return result;
  }

  /** The derived status (maintenance not applied), or null before the first result. */
  synchronized @Nullable ComponentStatus derivedStatus() {
    return state.status();
  }

  synchronized @Nullable CheckResult last() {
    return last;
  }

  /** Whether a run is due at {@code now}; if so, books the next one an interval later. */
  synchronized boolean takeDue(Instant now) {
    if (nextDue != null && now.isBefore(nextDue)) {
      return false;
    }
    nextDue = now.plus(component.interval());
    return true;
  }
}
