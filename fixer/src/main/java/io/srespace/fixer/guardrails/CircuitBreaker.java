package io.srespace.fixer.guardrails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens after {@code failures} failed actions in a row on one service, so Fixer stops acting on
 * something its actions do not fix; after {@code cooldown} it lets one action try again.
 */
final class CircuitBreaker {
  private final int failures;
  private final Duration cooldown;
  private final Clock clock;
  private int inARow;
  private Instant openedAt;

  CircuitBreaker(int failures, Duration cooldown, Clock clock) {
    this.failures = failures;
    this.cooldown = cooldown;
    this.clock = clock;
  }

  synchronized boolean open() {
    if (openedAt == null) {
      return false;
    }
    if (clock.instant().isAfter(openedAt.plus(cooldown))) {
      openedAt = null;
      inARow = failures - 1;
      return false;
    }
    return true;
  }

  synchronized void record(boolean success) {
    record(success, clock.instant());
  }

  /** Records the outcome of an action that ended at {@code at}. */
  synchronized void record(boolean success, Instant at) {
    if (success) {
      inARow = 0;
      openedAt = null;
    } else if (++inARow >= failures) {
      openedAt = at;
    }
  }

  synchronized int failuresInARow() {
    return inARow;
  }
}
