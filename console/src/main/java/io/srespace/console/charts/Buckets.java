package io.srespace.console.charts;

import java.time.Duration;
import java.time.Instant;

/**
 * Fixed-width time buckets over a sliding span, as a ring: the bucket of a time, and which buckets
 * a chart shows now. A time too old for the span, or too far ahead, has no bucket.
 */
final class Buckets {
  private final long stepMillis;
  private final int count;

  Buckets(Duration span, Duration step) {
    if (step.isZero() || step.isNegative() || span.compareTo(step) < 0) {
      throw new IllegalArgumentException(
          "the charts' step (%s) must be positive and within their span (%s)"
              .formatted(step, span));
    }
    this.stepMillis = step.toMillis();
    this.count = (int) (span.toMillis() / stepMillis);
  }

  int count() {
    return count;
  }

  long stepMillis() {
    return stepMillis;
  }

  /** The bucket number (not the ring's index) a time falls in. */
  long number(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), stepMillis);
  }

  int index(long number) {
    return (int) Math.floorMod(number, (long) count);
  }

  /** Whether a bucket number is inside the span that ends with {@code newest}. */
  boolean kept(long number, long newest) {
    return number <= newest + 1 && number > newest - count;
  }

  Instant start(long number) {
    return Instant.ofEpochMilli(number * stepMillis);
  }
}
