package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.CheckVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** A registered component with its derived state: what the monitor keeps per component. */
final class ComponentEntry {
  final Component component;

  /** Set while a run is in flight (or hung): no second run starts meanwhile. */
  final AtomicBoolean running = new AtomicBoolean();

  private StatusTransitions.State state;
  private @Nullable CheckResult last;
  private @Nullable Instant nextDue;
  private volatile @Nullable CompletableFuture<CheckResult> inFlight;

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

  @Nullable CompletableFuture<CheckResult> inFlight() {
    return inFlight;
  }

  void inFlight(@Nullable CompletableFuture<CheckResult> future) {
    this.inFlight = future;
  }
}
