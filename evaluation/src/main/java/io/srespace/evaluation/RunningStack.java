package io.srespace.evaluation;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A running stack the evaluation acts on (the local one, or Compose's), and its preparations. */
interface RunningStack extends Launcher, AutoCloseable {
  /** Gives Fixer the evaluation's rate limits; {@link #close} puts its own back. */
  void raiseFixerLimits() throws IOException, InterruptedException;

  /** When the traffic generator started; empty when that cannot be told. */
  Optional<Instant> trafficStarted() throws IOException, InterruptedException;

  /** The narrator the stack speaks through. */
  Narrator narrator();

  /** Lets Scout learn each service's normal traffic: waits until the generator has run so long. */
  default void letTrafficFlow(Duration warmUp) throws IOException, InterruptedException {
    Optional<Instant> started = trafficStarted();
    if (started.isEmpty()) {
      return;
    }
    Duration left = warmUp.minus(Duration.between(started.get(), Instant.now()));
    if (!left.isNegative() && !left.isZero()) {
      narrator().say("letting Scout learn the normal traffic for %d s".formatted(left.toSeconds()));
      Thread.sleep(left.toMillis());
    }
  }

  @Override
  void close() throws IOException, InterruptedException;
}
