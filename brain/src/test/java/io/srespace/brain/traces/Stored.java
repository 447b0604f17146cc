package io.srespace.brain.traces;

import java.time.Duration;

/** Waits for a real trace backend, which stores spans a moment after it accepts them. */
final class Stored {
  private Stored() {}

  /** Waits up to 10 s until {@code store} answers each of the traces. */
  static void await(TraceStore store, String... traceIds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (String traceId : traceIds) {
      while (store.trace(traceId).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "%s did not store trace %s within 10 s".formatted(store.describe(), traceId));
        }
        Thread.sleep(100);
      }
    }
  }
}
