package io.srespace.fixer.guardrails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code limit} actions in any sliding {@code window}. */
final class RateLimit {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> taken = new ArrayDeque<>();

  RateLimit(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  synchronized boolean allows() {
    forgetOld();
    return taken.size() < limit;
  }

  synchronized void take() {
    take(clock.instant());
  }

  /** Counts an action taken at {@code at} (no later than any counted so far). */
  synchronized void take(Instant at) {
    forgetOld();
    if (at.isAfter(clock.instant().minus(window))) {
      taken.addLast(at);
    }
  }

  String describe() {
    return limit + " per " + window.toSeconds() + " s";
  }

  private void forgetOld() {
    Instant horizon = clock.instant().minus(window);
    while (!taken.isEmpty() && !taken.peekFirst().isAfter(horizon)) {
      taken.removeFirst();
    }
  }
}
